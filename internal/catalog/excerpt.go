package catalog

import (
	"html"
	"strings"
	"unicode"
	"unicode/utf8"
)

// excerpt turns the start of sanitised HTML into plain text of at most n
// runes, cut at a word boundary with an ellipsis when shortened. The input
// may be cut mid-tag or mid-entity; a dangling tag is dropped. It runs for
// every row of every list, so it makes one pass and stops once it has
// enough text (it was a quarter of the server's CPU on uncached searches).
func excerpt(h string, n int) string {
	var b strings.Builder
	b.Grow(n + 16)
	inTag, space, runes := false, false, 0
	limit := n + 32 // room for entities that shrink when decoded
	more := len(h) >= excerptSource
	for i := 0; i < len(h); {
		r, size := utf8.DecodeRuneInString(h[i:])
		i += size
		switch {
		case r == '<':
			inTag = true
		case inTag:
			if r == '>' {
				inTag, space = false, true
			}
		case unicode.IsSpace(r):
			space = true
		default:
			if runes >= limit {
				more = true
				i = len(h)
				break
			}
			if space && b.Len() > 0 {
				b.WriteByte(' ')
				runes++
			}
			space = false
			b.WriteRune(r)
			runes++
		}
	}
	text := b.String()
	if strings.IndexByte(text, '&') >= 0 {
		text = html.UnescapeString(text)
	}
	if utf8.RuneCountInString(text) <= n && !more {
		return text
	}
	return cutWords(text, n) + "…"
}

// cutWords shortens text to at most n runes, at a word boundary when one
// is in the second half.
func cutWords(text string, n int) string {
	cut, runes := text, 0
	for i := range text { // i steps from rune to rune
		if runes == n {
			cut = text[:i]
			break
		}
		runes++
	}
	if i := strings.LastIndexByte(cut, ' '); i > len(cut)/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,.;:")
}
