package check

import (
	"math"
	"unicode/utf8"

	"github.com/zumodra/zumodra/internal/domain"
)

// Amount checks an optional money amount for a numeric(precision, 2)
// column: finite, not negative, below 10^(precision-2).
func Amount(field string, v *float64, precision int) error {
	if v == nil {
		return nil
	}
	limit := math.Pow10(precision - 2)
	// The column rounds to cents: a value that rounds up to the limit
	// overflows it, so it is refused here rather than by the store.
	if math.IsNaN(*v) || math.IsInf(*v, 0) || *v < 0 || *v >= limit-0.005 {
		return domain.FieldError(field, "must be a number from 0 to below %.0f", limit)
	}
	return nil
}

// Range checks an optional number against inclusive bounds.
func Range(field string, v *float64, min, max float64) error {
	if v == nil {
		return nil
	}
	if math.IsNaN(*v) || *v < min || *v > max {
		return domain.FieldError(field, "must be between %g and %g", min, max)
	}
	return nil
}

// IntRange checks an integer against inclusive bounds.
func IntRange(field string, v, min, max int) error {
	if v < min || v > max {
		return domain.FieldError(field, "must be between %d and %d", min, max)
	}
	return nil
}

// OneOf checks an enumerated value.
func OneOf(field, v string, allowed []string) error {
	if !domain.OneOf(v, allowed) {
		return domain.FieldError(field, "must be one of %v, got %q", allowed, short(v))
	}
	return nil
}

func utfOK(v string) bool { return utf8.ValidString(v) }
