package web

import (
	"context"
	"errors"
	"net/http"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/preflight-dev/preflight/checker"
)

// Stable error codes of the HTTP API. Clients branch on Code; Message is for
// people. They are listed in openapi.json.
const (
	CodeMalformedJSON     = "malformed_json"      // the body is not JSON (or not the JSON shape expected)
	CodeEmptyBody         = "empty_body"          // nothing was sent
	CodeMissingText       = "missing_text"        // the post has no text
	CodeInvalidUTF8       = "invalid_utf8"        // the body is not valid UTF-8
	CodeBadTime           = "bad_time"            // a time is not RFC 3339
	CodeUnknownPlatform   = "unknown_platform"    // platform is not one Preflight knows
	CodeUnknownKind       = "unknown_kind"        // kind is not post or reply
	CodeBadRegion         = "bad_region"          // a region is not an ISO 3166-1 alpha-2 code (or not supported)
	CodeInvalid           = "invalid"             // any other invalid field
	CodeTooLarge          = "too_large"           // the body or the batch is too large
	CodeUnsupportedMedia  = "unsupported_media"   // a Content-Type or upload format that is not accepted
	CodeUnauthorized      = "unauthorized"        // missing or wrong API key
	CodeBadSignature      = "bad_signature"       // webhook signature missing, wrong, stale or replayed
	CodeHookNotConfigured = "hook_not_configured" // no webhook secret is configured
	CodeRateLimited       = "rate_limited"        // too many requests; see Retry-After
	CodeNotFound          = "not_found"           // no such route or thing
	CodeMethodNotAllowed  = "method_not_allowed"  // the route exists with another method
	CodeUnavailable       = "unavailable"         // a dependency (the news index) cannot answer
	CodeTimeout           = "timeout"             // the check took too long
	CodeInternal          = "internal"            // a bug; the log has the details
)

// apiError is an error as the API answers it: {"code","message","field"}.
type apiError struct {
	Status  int    `json:"-"`
	Code    string `json:"code"`
	Message string `json:"message"`
	Field   string `json:"field,omitempty"`
	// Line is set for per-line errors in a batch.
	Line int `json:"line,omitempty"`
	// RetryAfter (seconds) is sent as the Retry-After header.
	RetryAfter int `json:"-"`
	// Realm asks for HTTP authentication (WWW-Authenticate) on 401.
	Realm string `json:"-"`
	err   error
}

func (e *apiError) Error() string { return e.Code + ": " + e.Message }
func (e *apiError) Unwrap() error { return e.err }

func newError(status int, code, field, msg string) *apiError {
	return &apiError{Status: status, Code: code, Field: field, Message: msg}
}

// problem maps any error a handler returns to the API error it answers:
// this is the one place where application error codes become HTTP statuses.
func problem(err error) *apiError {
	var ae *apiError
	if errors.As(err, &ae) {
		return ae
	}
	var ce *checker.Error
	if errors.As(err, &ce) {
		msg := ce.Message
		if msg == "" {
			msg = ce.Error()
		}
		switch ce.Code {
		case checker.ECodeInvalid:
			return &apiError{Status: http.StatusBadRequest, Code: invalidCode(ce.Field, msg), Field: ce.Field, Message: msg, err: err}
		case checker.ECodeNotFound:
			return &apiError{Status: http.StatusNotFound, Code: CodeNotFound, Field: ce.Field, Message: msg, err: err}
		case checker.ECodeUnavailable:
			return &apiError{Status: http.StatusServiceUnavailable, Code: CodeUnavailable, Message: msg, err: err}
		case checker.ECodeUnauthorized:
			return &apiError{Status: http.StatusUnauthorized, Code: CodeUnauthorized, Message: msg, err: err}
		}
	}
	var fe *fiber.Error
	if errors.As(err, &fe) {
		switch fe.Code {
		case fiber.StatusRequestEntityTooLarge:
			return &apiError{Status: fe.Code, Code: CodeTooLarge, Message: "the request body is larger than this service accepts", err: err}
		case fiber.StatusNotFound:
			return &apiError{Status: fe.Code, Code: CodeNotFound, Message: "no such endpoint; see /openapi.json", err: err}
		case fiber.StatusMethodNotAllowed:
			return &apiError{Status: fe.Code, Code: CodeMethodNotAllowed, Message: "this endpoint does not take that method; see /openapi.json", err: err}
		case fiber.StatusRequestTimeout:
			return &apiError{Status: fe.Code, Code: CodeTimeout, Message: "the request took too long to arrive", err: err}
		}
		if fe.Code >= 400 && fe.Code < 500 {
			return &apiError{Status: fe.Code, Code: CodeInvalid, Message: fe.Message, err: err}
		}
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return &apiError{Status: http.StatusServiceUnavailable, Code: CodeTimeout, Message: "the check took too long; try again or shorten the post", err: err}
	}
	if errors.Is(err, context.Canceled) {
		return &apiError{Status: http.StatusServiceUnavailable, Code: CodeUnavailable, Message: "the service is shutting down", err: err}
	}
	return &apiError{Status: http.StatusInternalServerError, Code: CodeInternal, Message: "internal error; the service log has the details", err: err}
}

// invalidCode gives an invalid-input error its specific code from the field
// it is about.
func invalidCode(field, msg string) string {
	switch {
	case field == "text" && strings.Contains(msg, "UTF-8"):
		return CodeInvalidUTF8
	case field == "text" && strings.Contains(msg, "required"):
		return CodeMissingText
	case field == "text" && strings.Contains(msg, "at most"):
		return CodeTooLarge
	case field == "platform":
		return CodeUnknownPlatform
	case field == "kind":
		return CodeUnknownKind
	case field == "region" || strings.HasPrefix(field, "regions"):
		return CodeBadRegion
	case field == "scheduled_at" || field == "at" || field == "from" || field == "to":
		return CodeBadTime
	}
	return CodeInvalid
}

// errorHandler is Fiber's ErrorHandler: every error becomes a JSON body
// (or, on the HTML pages, a small HTML page) with a stable code.
func (s *Server) errorHandler(c *fiber.Ctx, err error) error {
	p := problem(err)
	if p.Status >= 500 {
		s.log.Error("request failed", "request_id", requestID(c), "method", c.Method(), "path", c.Path(), "code", p.Code, "err", err)
	}
	if p.RetryAfter > 0 {
		c.Set(fiber.HeaderRetryAfter, itoa(p.RetryAfter))
	}
	if p.Status == http.StatusUnauthorized && p.Realm != "" {
		c.Set(fiber.HeaderWWWAuthenticate, p.Realm)
	}
	if isPage(c) {
		return s.renderError(c, p)
	}
	return c.Status(p.Status).JSON(p)
}
