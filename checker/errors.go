package checker

import (
	"errors"
	"fmt"
	"strings"
)

// Error codes are the closed set of stable strings that say what went wrong.
// They are made where the error is made, never derived from a message; the
// web layer maps them to HTTP statuses and the command line to exit codes,
// each in one table (web/errors.go, cmd/preflight/main.go).
const (
	ECodeMissingText     = "missing_text"     // a post has no text
	ECodeInvalidUTF8     = "invalid_utf8"     // input or a field is not valid UTF-8
	ECodeBadRegion       = "bad_region"       // a region is not an ISO 3166-1 alpha-2 code, or not supported where one must be
	ECodeBadTime         = "bad_time"         // a time, date or time zone cannot be read
	ECodeUnknownPlatform = "unknown_platform" // a platform Preflight does not know
	ECodeUnknownKind     = "unknown_kind"     // a kind other than post or reply
	ECodeUnknownField    = "unknown_field"    // a field or column no reader knows (a typo, often)
	ECodeMalformedJSON   = "malformed_json"   // input that is not JSON, or not the JSON shape expected
	ECodeMalformedCSV    = "malformed_csv"    // a CSV row or header that cannot be read
	ECodeTooLarge        = "too_large"        // a text, file or batch over its limit
	ECodeBadConfig       = "bad_config"       // preflight.yaml (or another setting) is wrong
	ECodeInvalid         = "invalid"          // any other invalid field: the Field says which
	ECodeNotFound        = "not_found"        // a thing asked for does not exist
	ECodeConflict        = "conflict"         // a thing is not in a state that allows the change (release a post that is not held)
	ECodeUnavailable     = "unavailable"      // a dependency (news index) cannot answer
	ECodeUnauthorized    = "unauthorized"     // missing or wrong credentials
	ECodeInternal        = "internal"         // a bug
)

// ErrorCodes lists every code, so the tables that map them can be tested
// for completeness.
var ErrorCodes = []string{
	ECodeMissingText, ECodeInvalidUTF8, ECodeBadRegion, ECodeBadTime, ECodeUnknownPlatform,
	ECodeUnknownKind, ECodeUnknownField, ECodeMalformedJSON, ECodeMalformedCSV, ECodeTooLarge,
	ECodeBadConfig, ECodeInvalid, ECodeNotFound, ECodeConflict, ECodeUnavailable, ECodeUnauthorized, ECodeInternal,
}

// Error is an application error with a stable code, the field and line it
// is about (when known), and a message a person can act on.
type Error struct {
	Code    string
	Field   string
	Message string
	// Line is the 1-based line of the input or configuration file the
	// problem is on; 0 when it is not about a line.
	Line int
	Err  error
}

func (e *Error) Error() string {
	msg := e.Message
	switch {
	case msg == "" && e.Err != nil:
		msg = e.Err.Error()
	case msg == "":
		msg = e.Code
	}
	if e.Field != "" && !strings.HasPrefix(msg, e.Field+" ") && !strings.Contains(msg, `"`+e.Field+`"`) {
		msg = e.Field + ": " + msg
	}
	return msg
}

func (e *Error) Unwrap() error { return e.Err }

// ErrorCode returns the code of the first *Error in err's chain, or
// ECodeInternal.
func ErrorCode(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return ECodeInternal
}

// Errorf returns an error with the code about field.
func Errorf(code, field, format string, args ...any) error {
	return &Error{Code: code, Field: field, Message: fmt.Sprintf(format, args...)}
}

// Invalidf returns an ECodeInvalid error about field.
func Invalidf(field, format string, args ...any) error {
	return Errorf(ECodeInvalid, field, format, args...)
}

// Suggest returns the candidate nearest to s by edit distance (case
// folded) when it is close enough to be a likely typo, else "". Work is
// bounded: s is compared only when it is at most 64 bytes long.
func Suggest(s string, candidates []string) string {
	if len(s) > 64 {
		return ""
	}
	best, bestD := "", -1
	ls := strings.ToLower(s)
	for _, c := range candidates {
		if len(c) > 64 {
			continue
		}
		d := levenshtein(ls, strings.ToLower(c))
		if bestD < 0 || d < bestD {
			best, bestD = c, d
		}
	}
	limit := max(1, min(3, (len(s)+2)/4))
	if bestD < 0 || bestD > limit || bestD == len(s) {
		return ""
	}
	return best
}

// DidYouMean returns ` (did you mean "x"?)` for Suggest's answer, or "".
func DidYouMean(s string, candidates []string) string {
	if m := Suggest(s, candidates); m != "" {
		return fmt.Sprintf(" (did you mean %q?)", m)
	}
	return ""
}

// levenshtein is the edit distance between a and b in bytes, counting a
// swap of two neighbours as one edit (optimal string alignment), the
// commonest typo.
func levenshtein(a, b string) int {
	rows := [3][]int{make([]int, len(b)+1), make([]int, len(b)+1), make([]int, len(b)+1)}
	for j := range rows[1] {
		rows[1][j] = j
	}
	for i := 1; i <= len(a); i++ {
		pp, prev, cur := rows[0], rows[1], rows[2]
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], pp[j-2]+1)
			}
		}
		rows[0], rows[1], rows[2] = prev, cur, pp
	}
	return rows[1][len(b)]
}
