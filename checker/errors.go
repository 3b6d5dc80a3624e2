package checker

import (
	"errors"
	"fmt"
	"strings"
)

// Error codes are stable strings that drivers map to exit codes and HTTP
// statuses in one place each.
const (
	ECodeInvalid      = "invalid"      // bad input: the Field says where
	ECodeNotFound     = "not_found"    // a thing asked for does not exist
	ECodeUnavailable  = "unavailable"  // a dependency (news index) cannot answer
	ECodeInternal     = "internal"     // a bug
	ECodeUnauthorized = "unauthorized" // missing or wrong credentials
)

// Error is an application error with a stable code, the field or place it is
// about, and a message a person can act on.
type Error struct {
	Code    string
	Field   string
	Message string
	Err     error
}

func (e *Error) Error() string {
	if e.Field != "" && e.Message != "" && !strings.HasPrefix(e.Message, e.Field+" ") {
		return fmt.Sprintf("%s: %s", e.Field, e.Message)
	}
	if e.Message != "" {
		return e.Message
	}
	if e.Err != nil {
		return e.Err.Error()
	}
	return e.Code
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

// Invalidf returns an ECodeInvalid error about field.
func Invalidf(field, format string, args ...any) error {
	return &Error{Code: ECodeInvalid, Field: field, Message: fmt.Sprintf(format, args...)}
}
