package ops

import (
	"bytes"
	"encoding/json"
	"slices"
	"time"
)

// ignoredColumns are not compared. The apply code skips rows whose content
// hash is unchanged, so a catalog row keeps the source_version of its last
// content change, not of the last source edit: a difference there is normal.
var ignoredColumns = map[string]bool{"source_version": true}

// driftedColumns names the columns in which the catalog row differs from
// the projection. content_hash is compared too: a stored hash that is not
// the projection's means apply would rewrite the row, and a hand edit that
// left the hash alone shows up in the edited column instead.
func driftedColumns(cols []string, want, got []any) []string {
	var out []string
	for i, col := range cols {
		if !ignoredColumns[col] && !sameValue(want[i], got[i]) {
			out = append(out, col)
		}
	}
	return out
}

// sameValue compares two column values as PostgreSQL would store them:
// times by instant, pointers by what they point to, empty and nil arrays
// alike.
func sameValue(a, b any) bool {
	switch x := a.(type) {
	case time.Time:
		y, ok := b.(time.Time)
		return ok && x.Equal(y)
	case *time.Time:
		y, ok := b.(*time.Time)
		return ok && (x == nil) == (y == nil) && (x == nil || x.Equal(*y))
	case *float64:
		y, ok := b.(*float64)
		return ok && (x == nil) == (y == nil) && (x == nil || *x == *y)
	case *string:
		y, ok := b.(*string)
		return ok && (x == nil) == (y == nil) && (x == nil || *x == *y)
	case []string:
		y, ok := b.([]string)
		return ok && slices.Equal(x, y)
	case []byte:
		y, ok := b.([]byte)
		return ok && bytes.Equal(x, y)
	case json.RawMessage:
		y, ok := b.(json.RawMessage)
		return ok && bytes.Equal(x, y)
	}
	return a == b
}
