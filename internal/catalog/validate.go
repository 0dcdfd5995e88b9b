package catalog

import (
	"errors"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/zumodra/zumodra/internal/domain"
)

// Limits on visitor input. Real values are far shorter; the limits keep
// hostile input from costing anything. Lengths count characters, as JSON
// Schema's maxLength does, so the API document can state them.
const (
	MaxQueryLen  = 200  // characters of a search
	MaxValueLen  = 100  // characters of a filter value
	MaxCursorLen = 1024 // characters of a cursor
	MaxListLen   = 10   // values of a multi-valued filter
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
	if utf8.RuneCountInString(v) > max {
		return "", domain.FieldError(field, "is longer than %d characters", max)
	}
	return strings.TrimSpace(v), nil
}

// cleanEnums checks a multi-valued filter against its allowed values.
func cleanEnums(field string, vs []string, allowed []string) ([]string, error) {
	if len(vs) > MaxListLen {
		return nil, domain.FieldError(field, "has more than %d values", MaxListLen)
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
		return domain.FieldError(field, "must be a number between 0 and %s", strconv.FormatFloat(max, 'f', -1, 64))
	}
	return nil
}

// problems gathers every invalid value of a query, so that one answer can
// name them all instead of the first alone.
type problems []error

func (ps *problems) add(err error) {
	if err != nil {
		*ps = append(*ps, err)
	}
}

// text cleans a free-text value in place, recording what is wrong with it.
func (ps *problems) text(field string, v *string, max int) {
	s, err := cleanText(field, *v, max)
	if err != nil {
		ps.add(err)
		return
	}
	*v = s
}

// enums cleans a multi-valued filter in place.
func (ps *problems) enums(field string, vs *[]string, allowed []string) {
	out, err := cleanEnums(field, *vs, allowed)
	if err != nil {
		ps.add(err)
		return
	}
	*vs = out
}

// err is nil, or every problem joined (domain.ErrorCode reads the first).
func (ps problems) err() error { return errors.Join(ps...) }
