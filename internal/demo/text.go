package demo

import (
	"fmt"
	"html"
	"strings"
)

// slugify turns a title into a URL slug: "iOS Engineer (Swift)" -> "ios-engineer-swift".
func slugify(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
			dash = false
		case r == 'é' || r == 'è':
			b.WriteRune('e')
			dash = false
		case r == 'í':
			b.WriteRune('i')
			dash = false
		case r == 'ã' || r == 'á':
			b.WriteRune('a')
			dash = false
		default:
			if !dash && b.Len() > 0 {
				b.WriteByte('-')
				dash = true
			}
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}

// htmlList renders items as an allow-listed <ul>; "" when there are none.
func htmlList(items []string) string {
	if len(items) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString("<ul>")
	for _, it := range items {
		fmt.Fprintf(&b, "<li>%s</li>", html.EscapeString(it))
	}
	b.WriteString("</ul>")
	return b.String()
}

func jobDescription(t tenantSpec, j jobSpec, p place) string {
	where := p.City
	if j.Remote == "remote" {
		where = "anywhere within a few hours of " + p.City
	}
	return fmt.Sprintf("<p><strong>%s</strong> %s</p><p>We are looking for a <em>%s</em> to join the %s team, working from %s.</p>",
		html.EscapeString(t.Name), html.EscapeString(t.About), html.EscapeString(j.Title), html.EscapeString(j.Team), html.EscapeString(where))
}

func requirementItems(skills []string) []string {
	out := make([]string, len(skills))
	for i, s := range skills {
		out[i] = "Hands-on experience with " + s
	}
	return out
}
