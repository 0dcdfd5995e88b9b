package check

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/zumodra/zumodra/internal/domain"
)

// Text checks a free-text field: valid UTF-8, no NUL (PostgreSQL text cannot
// hold one), at most max characters (PostgreSQL's length() counts
// characters, not bytes) and, when min > 0, at least min characters once
// trimmed of surrounding white space.
func Text(field, v string, min, max int) error {
	if err := Clean(field, v); err != nil {
		return err
	}
	n := utf8.RuneCountInString(v)
	switch {
	case min > 0 && strings.TrimSpace(v) == "":
		return domain.FieldError(field, "is required")
	case utf8.RuneCountInString(strings.TrimSpace(v)) < min:
		return domain.FieldError(field, "must be at least %d characters", min)
	case max > 0 && n > max:
		return domain.FieldError(field, "must be at most %d characters, got %d", max, n)
	}
	return nil
}

// Clean checks only that v is valid UTF-8 without NUL bytes.
func Clean(field, v string) error {
	if !utf8.ValidString(v) {
		return domain.FieldError(field, "must be valid UTF-8")
	}
	if strings.IndexByte(v, 0) >= 0 {
		return domain.FieldError(field, "must not contain NUL bytes")
	}
	return nil
}

// Line is Text for single-line values: control characters (newlines,
// tabs, escapes, DEL and the C1 range such as U+0085, a line break to some
// readers) are refused too.
func Line(field, v string, min, max int) error {
	if err := Text(field, v, min, max); err != nil {
		return err
	}
	for _, r := range v {
		if unicode.IsControl(r) {
			return domain.FieldError(field, "must be a single line without control characters")
		}
	}
	return nil
}
