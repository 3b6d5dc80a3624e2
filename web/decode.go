package web

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/postio"
)

// decodePost reads one post from a JSON object with the same reader, and
// so the same field rules and messages, as the CLI (postio.DecodePost);
// problem maps its errors to the service's codes.
func decodePost(body []byte) (checker.Post, error) {
	body = bytes.TrimSpace(body)
	if len(body) == 0 {
		return checker.Post{}, newError(http.StatusBadRequest, CodeEmptyBody, "", `send a post as JSON, e.g. {"text": "Our autumn sale starts today"}`)
	}
	if !utf8.Valid(body) {
		return checker.Post{}, newError(http.StatusBadRequest, CodeInvalidUTF8, "", "the request body is not valid UTF-8")
	}
	if body[0] != '{' {
		return checker.Post{}, newError(http.StatusBadRequest, CodeMalformedJSON, "", "expected a JSON object with the post's fields")
	}
	p, err := postio.DecodePost(body)
	if err != nil {
		var se *json.SyntaxError
		var te *json.UnmarshalTypeError
		if errors.As(err, &se) || errors.As(err, &te) {
			return p, jsonError(err)
		}
		return p, err // a *checker.Error with its code; problem maps it
	}
	return p, nil
}

// jsonError turns an encoding/json error into an API error that says where
// the JSON went wrong.
func jsonError(err error) *apiError {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		return &apiError{Status: http.StatusBadRequest, Code: CodeMalformedJSON, Message: fmt.Sprintf("malformed JSON at byte %d: %s", se.Offset, se.Error()), err: err}
	case errors.As(err, &te):
		field := te.Field
		if te.Field == "" {
			return &apiError{Status: http.StatusBadRequest, Code: CodeMalformedJSON, Message: fmt.Sprintf("expected a JSON object, got %s", te.Value), err: err}
		}
		return &apiError{Status: http.StatusBadRequest, Code: CodeInvalid, Field: field, Message: fmt.Sprintf("%s must be %s, not %s", field, jsonTypeName(te.Type.String()), te.Value), err: err}
	case errors.Is(err, errTrailing):
		return &apiError{Status: http.StatusBadRequest, Code: CodeMalformedJSON, Message: "unexpected data after the JSON value", err: err}
	}
	return &apiError{Status: http.StatusBadRequest, Code: CodeMalformedJSON, Message: "malformed JSON: " + err.Error(), err: err}
}

var errTrailing = errors.New("trailing data")

func jsonTypeName(goType string) string {
	switch {
	case goType == "string":
		return "a string"
	case strings.HasPrefix(goType, "[]"):
		return "an array"
	case strings.HasPrefix(goType, "int"), strings.HasPrefix(goType, "float"):
		return "a number"
	}
	return "an object"
}

// validatePost checks what the engine would refuse, with the service's
// specific codes, so every entry point (API, hook, form, batch) answers the
// same way.
func validatePost(p *checker.Post) error {
	if strings.TrimSpace(p.Text) == "" {
		return newError(http.StatusBadRequest, CodeMissingText, "text", "text is required: the words of the draft to check")
	}
	if !utf8.ValidString(p.Text) {
		return newError(http.StatusBadRequest, CodeInvalidUTF8, "text", "text is not valid UTF-8")
	}
	if len(p.Text) > checker.MaxTextBytes {
		return newError(http.StatusRequestEntityTooLarge, CodeTooLarge, "text",
			fmt.Sprintf("text is %d bytes; at most %d are accepted", len(p.Text), checker.MaxTextBytes))
	}
	return p.Validate()
}
