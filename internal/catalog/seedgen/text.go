package seedgen

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// description writes about 1 KB of HTML paragraphs about a role.
func description(r *rand.Rand, title, area, country string, sk []string) string {
	var b strings.Builder
	for b.Len() < 1000 {
		b.WriteString("<p>")
		for range 3 {
			s := pick(r, sentences)
			args := make([]any, strings.Count(s, "%s"))
			for i := range args {
				args[i] = pick(r, []string{title, area, country, pick(r, sk), pick(r, skills), pick(r, specialties)})
			}
			b.WriteString(strings.TrimSpace(strings.Join(strings.Fields(fmt.Sprintf(s, args...)), " ")))
			b.WriteByte(' ')
		}
		b.WriteString("</p>")
	}
	return b.String()
}

// skewed draws an index in [0, n) where low indexes are far more likely
// (a few tenants hold many rows, most hold few).
func skewed(r *rand.Rand, n int) int {
	f := r.Float64()
	return min(n-1, int(f*f*f*float64(n)))
}

func pickN[T any](r *rand.Rand, s []T, n int) []T {
	idx := r.Perm(len(s))[:min(n, len(s))]
	out := make([]T, len(idx))
	for i, j := range idx {
		out[i] = s[j]
	}
	return out
}

func slugify(s string) string {
	var b strings.Builder
	dash := false
	for _, c := range strings.ToLower(s) {
		if (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') {
			b.WriteRune(c)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}

func stripTags(h string) string {
	var b strings.Builder
	in := false
	for _, c := range h {
		switch {
		case c == '<':
			in = true
		case c == '>':
			in = false
			b.WriteByte(' ')
		case !in:
			b.WriteRune(c)
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return strings.TrimSpace(s[:strings.LastIndexByte(s[:n], ' ')])
}
