package catalog

import (
	"html"
	"strings"
	"unicode"
)

// excerpt turns the start of sanitised HTML into plain text of at most n
// runes, cut at a word boundary with an ellipsis when shortened. The input
// may be cut mid-tag or mid-entity; a dangling tag is dropped.
func excerpt(h string, n int) string {
	var b strings.Builder
	inTag := false
	for _, r := range h {
		switch {
		case r == '<':
			inTag = true
		case r == '>' && inTag:
			inTag = false
			b.WriteByte(' ')
		case !inTag:
			b.WriteRune(r)
		}
	}
	text := strings.Join(strings.FieldsFunc(html.UnescapeString(b.String()), unicode.IsSpace), " ")
	runes := []rune(text)
	if len(runes) <= n && len(h) < excerptSource {
		return text
	}
	if len(runes) > n {
		runes = runes[:n]
	}
	cut := string(runes)
	if i := strings.LastIndexByte(cut, ' '); i > n/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,.;:") + "…"
}
