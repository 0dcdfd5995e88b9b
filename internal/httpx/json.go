package httpx

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/zumodra/zumodra/internal/domain"
)

// WriteJSON writes v as JSON with the status.
func WriteJSON(w http.ResponseWriter, status int, v any) {
	body, err := json.Marshal(v)
	if err != nil {
		WriteProblem(w, Problem{Status: http.StatusInternalServerError, Detail: "internal error"})
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(append(body, '\n'))
}

// DefaultMaxBody is the largest JSON body DecodeJSON reads by default.
const DefaultMaxBody = 1 << 20

// ErrBodyTooLarge is returned (wrapped in a domain error) for an oversized
// body; handlers answer 413.
var ErrBodyTooLarge = errors.New("request body too large")

// DecodeJSON reads one JSON object into dst: at most maxBytes (0 means
// DefaultMaxBody), valid UTF-8, no unknown fields, nothing after it. Errors
// are *domain.Error naming the field when one is at fault.
func DecodeJSON(w http.ResponseWriter, r *http.Request, dst any, maxBytes int64) error {
	if maxBytes <= 0 {
		maxBytes = DefaultMaxBody
	}
	if ct := r.Header.Get("Content-Type"); ct != "" && !IsJSONMediaType(ct) {
		return &domain.Error{Code: domain.CodeInvalid, Message: "Content-Type must be application/json", Err: ErrUnsupportedMediaType}
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBytes))
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		return &domain.Error{Code: domain.CodeInvalid, Message: fmt.Sprintf("body exceeds %d bytes", maxBytes), Err: ErrBodyTooLarge}
	}
	if err != nil {
		return domain.Errorf(domain.CodeInvalid, "could not read the body")
	}
	if !utf8.Valid(body) {
		return domain.Errorf(domain.CodeInvalid, "body is not valid UTF-8")
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		return decodeError(err)
	}
	if dec.More() {
		return domain.Errorf(domain.CodeInvalid, "body must hold a single JSON object")
	}
	return nil
}

func decodeError(err error) error {
	var typeErr *json.UnmarshalTypeError
	var syntaxErr *json.SyntaxError
	switch {
	case errors.As(err, &typeErr):
		return domain.FieldError(typeErr.Field, "must be of JSON type %s", typeErr.Type.Kind())
	case errors.As(err, &syntaxErr):
		return domain.Errorf(domain.CodeInvalid, "malformed JSON at byte %d", syntaxErr.Offset)
	case errors.Is(err, io.EOF):
		return domain.Errorf(domain.CodeInvalid, "body must not be empty")
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		field := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return domain.FieldError(field, "is not a known field")
	}
	return domain.Errorf(domain.CodeInvalid, "malformed JSON")
}

// ErrUnsupportedMediaType is returned (wrapped in a domain error) for a
// body of another media type than JSON; handlers answer 415.
var ErrUnsupportedMediaType = errors.New("unsupported media type")

// IsJSONMediaType reports whether a Content-Type names JSON (parameters
// such as charset=utf-8 allowed).
func IsJSONMediaType(contentType string) bool {
	mt, _, err := mime.ParseMediaType(contentType)
	return err == nil && mt == "application/json"
}

// IsUnsupportedMediaType reports whether err came from a body that is not JSON.
func IsUnsupportedMediaType(err error) bool { return errors.Is(err, ErrUnsupportedMediaType) }

// IsBodyTooLarge reports whether err came from an oversized body.
func IsBodyTooLarge(err error) bool { return errors.Is(err, ErrBodyTooLarge) }
