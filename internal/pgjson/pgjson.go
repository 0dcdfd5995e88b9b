// Package pgjson writes JSON exactly as PostgreSQL prints a jsonb value, so
// a value the projection computes and the same value read back from a jsonb
// column are equal byte for byte: verify compares bytes, and the content
// hash of a row read back matches the one computed before writing it.
// PostgreSQL orders an object's keys by length, then bytes; it separates
// with ": " and ", "; it escapes strings like its escape_json.
package pgjson

import (
	"fmt"
	"strings"
)

// Quote quotes s the way PostgreSQL's escape_json does: only '"', '\\' and
// control characters are escaped, everything else is written as is.
func Quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\b':
			b.WriteString(`\b`)
		case '\f':
			b.WriteString(`\f`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		default:
			if r < ' ' {
				fmt.Fprintf(&b, `\u%04x`, r)
			} else {
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}

// Strings writes a list of strings as a jsonb array.
func Strings(list []string) string {
	var b strings.Builder
	b.WriteByte('[')
	for i, s := range list {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(Quote(s))
	}
	b.WriteByte(']')
	return b.String()
}
