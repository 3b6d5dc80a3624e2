package web

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/preflight-dev/preflight/checker"
)

// wirePost is the post as JSON carries it; times are parsed by hand so a bad
// one gets a clear error naming the field.
type wirePost struct {
	ID          string          `json:"id"`
	Text        string          `json:"text"`
	ScheduledAt string          `json:"scheduled_at"`
	Platform    string          `json:"platform"`
	Kind        string          `json:"kind"`
	Brand       string          `json:"brand"`
	Regions     []string        `json:"regions"`
	Language    string          `json:"language"`
	Media       []checker.Media `json:"media"`
	InReplyTo   string          `json:"in_reply_to"`
}

// decodePost reads one post from a JSON object.
func decodePost(body []byte) (checker.Post, error) {
	body = bytes.TrimSpace(body)
	if len(body) == 0 {
		return checker.Post{}, newError(http.StatusBadRequest, CodeEmptyBody, "", `send a post as JSON, e.g. {"text": "Our autumn sale starts today"}`)
	}
	if !utf8.Valid(body) {
		return checker.Post{}, newError(http.StatusBadRequest, CodeInvalidUTF8, "", "the request body is not valid UTF-8")
	}
	var w wirePost
	if err := json.Unmarshal(body, &w); err != nil {
		return checker.Post{}, jsonError(err)
	}
	return w.post()
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

// post validates the wire post and converts it, with one error code per
// kind of mistake.
func (w *wirePost) post() (checker.Post, error) {
	p := checker.Post{ID: w.ID, Text: w.Text, Brand: strings.TrimSpace(w.Brand), Regions: w.Regions,
		Language: w.Language, Media: w.Media, InReplyTo: w.InReplyTo}
	if s := strings.TrimSpace(w.ScheduledAt); s != "" {
		t, err := parseTime(s)
		if err != nil {
			return p, newError(http.StatusBadRequest, CodeBadTime, "scheduled_at",
				fmt.Sprintf("scheduled_at %q is not an RFC 3339 time such as 2026-11-24T09:00:00Z", w.ScheduledAt))
		}
		p.ScheduledAt = t
	}
	if w.Platform != "" {
		pl, err := checker.ParsePlatform(w.Platform)
		if err != nil {
			return p, err
		}
		p.Platform = pl
	}
	if w.Kind != "" {
		k, err := checker.ParseKind(w.Kind)
		if err != nil {
			return p, err
		}
		p.Kind = k
	}
	return p, validatePost(&p)
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

// parseTime reads RFC 3339 (with or without fractional seconds).
func parseTime(s string) (time.Time, error) {
	return time.Parse(time.RFC3339Nano, s)
}
