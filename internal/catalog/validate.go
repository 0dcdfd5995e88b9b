package catalog

import (
	"strings"
	"unicode/utf8"

	"github.com/zumodra/zumodra/internal/domain"
)

// Length limits on visitor input, in bytes. Real values are far shorter;
// the limits keep hostile input from costing anything.
const (
	maxQueryLen  = 200
	maxValueLen  = 100
	maxCursorLen = 1024
	maxListLen   = 10
)

// Page sizes.
const (
	DefaultPageSize = 20
	MaxPageSize     = 100
)

// cleanText checks one free-text value and returns it trimmed.
func cleanText(field, v string, max int) (string, error) {
	if !utf8.ValidString(v) {
		return "", domain.FieldError(field, "is not valid UTF-8")
	}
	if strings.ContainsRune(v, 0) {
		return "", domain.FieldError(field, "must not contain NUL characters")
	}
	if len(v) > max {
		return "", domain.FieldError(field, "is longer than %d bytes", max)
	}
	return strings.TrimSpace(v), nil
}

// cleanEnums checks a multi-valued filter against its allowed values.
func cleanEnums(field string, vs []string, allowed []string) ([]string, error) {
	if len(vs) > maxListLen {
		return nil, domain.FieldError(field, "has more than %d values", maxListLen)
	}
	out := make([]string, 0, len(vs))
	for _, v := range vs {
		if v == "" {
			continue
		}
		if !domain.OneOf(v, allowed) {
			return nil, domain.FieldError(field, "must be one of %s", strings.Join(allowed, ", "))
		}
		if !domain.OneOf(v, out) {
			out = append(out, v)
		}
	}
	return out, nil
}

func cleanPageSize(n int) (int, error) {
	switch {
	case n == 0:
		return DefaultPageSize, nil
	case n < 0 || n > MaxPageSize:
		return 0, domain.FieldError("page_size", "must be between 1 and %d", MaxPageSize)
	}
	return n, nil
}

// cleanAmount checks an optional non-negative money or rating bound.
func cleanAmount(field string, v *float64, max float64) error {
	if v == nil {
		return nil
	}
	if *v != *v || *v < 0 || *v > max {
		return domain.FieldError(field, "must be a number between 0 and %g", max)
	}
	return nil
}
