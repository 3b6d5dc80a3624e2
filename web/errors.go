package web

import (
	"context"
	"errors"
	"net/http"

	"github.com/gofiber/fiber/v2"

	"github.com/preflight-dev/preflight/checker"
)

// Stable error codes of the HTTP API. Clients branch on Code; Message is for
// people. They are listed in openapi.json. The application's codes are
// checker's (made where the error is made); the rest are the transport's own.
const (
	CodeMalformedJSON     = checker.ECodeMalformedJSON   // the body is not JSON (or not the JSON shape expected)
	CodeEmptyBody         = "empty_body"                 // nothing was sent
	CodeMissingText       = checker.ECodeMissingText     // the post has no text
	CodeInvalidUTF8       = checker.ECodeInvalidUTF8     // the body is not valid UTF-8
	CodeBadTime           = checker.ECodeBadTime         // a time is not RFC 3339
	CodeUnknownPlatform   = checker.ECodeUnknownPlatform // platform is not one Preflight knows
	CodeUnknownKind       = checker.ECodeUnknownKind     // kind is not post or reply
	CodeUnknownField      = checker.ECodeUnknownField    // a field no post has (a typo, often)
	CodeBadRegion         = checker.ECodeBadRegion       // a region is not an ISO 3166-1 alpha-2 code (or not supported)
	CodeInvalid           = checker.ECodeInvalid         // any other invalid field
	CodeTooLarge          = checker.ECodeTooLarge        // the body or the batch is too large
	CodeUnsupportedMedia  = "unsupported_media"          // a Content-Type or upload format that is not accepted
	CodeUnauthorized      = checker.ECodeUnauthorized    // missing or wrong API key
	CodeBadSignature      = "bad_signature"              // webhook signature missing, wrong, stale or replayed
	CodeHookNotConfigured = "hook_not_configured"        // no webhook secret is configured
	CodeRateLimited       = "rate_limited"               // too many requests; see Retry-After
	CodeNotFound          = checker.ECodeNotFound        // no such route or thing
	CodeConflict          = checker.ECodeConflict        // the thing is not in a state that allows the request
	CodeKeyReused         = "idempotency_key_reused"     // an Idempotency-Key sent again with another body
	CodeMethodNotAllowed  = "method_not_allowed"         // the route exists with another method
	CodeUnavailable       = checker.ECodeUnavailable     // a dependency (the news index) cannot answer
	CodeTimeout           = "timeout"                    // the check took too long
	CodeInternal          = checker.ECodeInternal        // a bug; the log has the details
)

// statusOf is the one table from the application's error codes
// (checker.ErrorCodes) to HTTP statuses; a test keeps it complete.
var statusOf = map[string]int{
	checker.ECodeMissingText:     http.StatusBadRequest,
	checker.ECodeInvalidUTF8:     http.StatusBadRequest,
	checker.ECodeBadRegion:       http.StatusBadRequest,
	checker.ECodeBadTime:         http.StatusBadRequest,
	checker.ECodeUnknownPlatform: http.StatusBadRequest,
	checker.ECodeUnknownKind:     http.StatusBadRequest,
	checker.ECodeUnknownField:    http.StatusBadRequest,
	checker.ECodeMalformedJSON:   http.StatusBadRequest,
	checker.ECodeMalformedCSV:    http.StatusBadRequest,
	checker.ECodeInvalid:         http.StatusBadRequest,
	checker.ECodeTooLarge:        http.StatusRequestEntityTooLarge,
	checker.ECodeNotFound:        http.StatusNotFound,
	checker.ECodeConflict:        http.StatusConflict,
	checker.ECodeUnauthorized:    http.StatusUnauthorized,
	checker.ECodeUnavailable:     http.StatusServiceUnavailable,
	checker.ECodeBadConfig:       http.StatusInternalServerError,
	checker.ECodeInternal:        http.StatusInternalServerError,
}

// apiError is an error as the API answers it: {"code","message","field"}.
type apiError struct {
	Status  int    `json:"-"`
	Code    string `json:"code"`
	Message string `json:"message"`
	Field   string `json:"field,omitempty"`
	// Line is the line of the body the problem is on, when known (in a
	// batch, of the whole body).
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
		status, ok := statusOf[ce.Code]
		if !ok || status == http.StatusInternalServerError {
			return &apiError{Status: http.StatusInternalServerError, Code: CodeInternal, Message: "internal error; the service log has the details", err: err}
		}
		msg := ce.Message
		if msg == "" {
			msg = ce.Error()
		}
		ae := &apiError{Status: status, Code: ce.Code, Field: ce.Field, Message: msg, Line: ce.Line, err: err}
		if status == http.StatusUnauthorized || status == http.StatusServiceUnavailable {
			ae.Field = ""
		}
		return ae
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

// atLine makes the line of a batch record's error absolute: a post's
// reader counts lines from the record's first line (line).
func atLine(err error, line int) error {
	var ce *checker.Error
	if errors.As(err, &ce) && ce.Line > 0 {
		ce.Line += line - 1
	}
	return err
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
