package domain

import (
	"errors"
	"fmt"
)

// Code classifies an Error; the HTTP layer maps each code to one status.
type Code string

// Error codes, shared by every layer.
const (
	CodeInvalid      Code = "invalid"      // bad input: 400 / 422
	CodeNotFound     Code = "not_found"    // 404
	CodeConflict     Code = "conflict"     // 409: unique violation, version mismatch
	CodeGone         Code = "gone"         // 410: no longer public
	CodeUnauthorized Code = "unauthorized" // 401
	CodeForbidden    Code = "forbidden"    // 403
	CodePrecondition Code = "precondition" // 412: If-Match did not match
	CodeRateLimited  Code = "rate_limited" // 429
	CodeUnavailable  Code = "unavailable"  // 503
	CodeInternal     Code = "internal"     // 500: details are logged, never shown
)

// Error is the project's error: a code, a message safe to show to the caller,
// and optionally the field it concerns.
type Error struct {
	Code    Code
	Message string
	Field   string
	Err     error // the cause, for logs only
}

func (e *Error) Error() string {
	msg := e.Message
	if e.Field != "" {
		msg = e.Field + ": " + msg
	}
	if e.Err != nil {
		return msg + ": " + e.Err.Error()
	}
	return msg
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error with the given code and a formatted message.
func Errorf(code Code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// FieldError returns an invalid-input error naming the field at fault.
func FieldError(field, format string, args ...any) *Error {
	return &Error{Code: CodeInvalid, Field: field, Message: fmt.Sprintf(format, args...)}
}

// Errors returns every *Error inside err, walking errors.Join trees and
// wrappers, in order; for a single *Error it returns that one. A request
// with several bad fields is answered naming each of them.
func Errors(err error) []*Error {
	var out []*Error
	var walk func(error)
	walk = func(e error) {
		switch x := e.(type) {
		case nil:
		case *Error:
			out = append(out, x)
		case interface{ Unwrap() []error }:
			for _, inner := range x.Unwrap() {
				walk(inner)
			}
		case interface{ Unwrap() error }:
			walk(x.Unwrap())
		}
	}
	walk(err)
	return out
}

// ErrorCode returns the code of err, CodeInternal for errors of other kinds
// and "" for nil.
func ErrorCode(err error) Code {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return CodeInternal
}

// ErrorMessage returns the message of err that is safe to show: the
// message of an *Error, a generic text otherwise.
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return "internal error"
}

// IsNotFound reports whether err is a not-found error.
func IsNotFound(err error) bool { return ErrorCode(err) == CodeNotFound }
