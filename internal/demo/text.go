package demo

import (
	"fmt"
	"html"
	"strings"
)

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
