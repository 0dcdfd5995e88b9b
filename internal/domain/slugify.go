package domain

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Slugify turns a title into the readable part of a URL: lower-case ASCII
// letters and digits joined by single dashes, accents folded ("Café
// Manager (Zürich)" -> "cafe-manager-zurich"). Titles and category names
// carry no identity, so a lossy slug is fine; tenant slugs are validated
// by ValidateSlug instead.
func Slugify(s string) string {
	if isSlug(s) {
		return s // what the folding would return: most inputs are stored slugs
	}
	return fold(s)
}

// isSlug is whether s is lower-case ASCII letters and digits joined by
// single dashes, which fold leaves as it is.
func isSlug(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		case c == '-' && i > 0 && i < len(s)-1 && s[i-1] != '-':
		default:
			return false
		}
	}
	return true
}

// fold is Slugify's general case: the string lowered, decomposed, its
// accents dropped and every run of other characters made one dash.
func fold(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFD.String(strings.ToLower(s)) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
			dash = false
		case unicode.Is(unicode.Mn, r): // a combining accent: dropped, its letter kept
		default:
			if !dash && b.Len() > 0 {
				b.WriteByte('-')
				dash = true
			}
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}
