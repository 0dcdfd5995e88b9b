package projection

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// renderLimited renders nodes as HTML of at most limit runes. Whole nodes are
// kept while they fit; the first one that does not is entered: an element
// keeps its tags and as many children as fit inside them, a text node is cut
// between characters (never inside an entity). Everything after is dropped.
func renderLimited(nodes []*html.Node, limit int) string {
	var b strings.Builder
	renderNodes(&b, nodes, limit)
	return b.String()
}

// renderNodes writes nodes within budget runes and reports the runes used
// and whether it had to stop early.
func renderNodes(b *strings.Builder, nodes []*html.Node, budget int) (used int, cut bool) {
	for _, n := range nodes {
		whole := render(n)
		if size := utf8.RuneCountInString(whole); used+size <= budget {
			b.WriteString(whole)
			used += size
			continue
		}
		used += renderPartial(b, n, budget-used)
		return used, true
	}
	return used, false
}

// renderPartial writes as much of n as fits in budget runes.
func renderPartial(b *strings.Builder, n *html.Node, budget int) int {
	switch n.Type {
	case html.TextNode:
		text := escapedPrefix(n.Data, budget)
		b.WriteString(text)
		return utf8.RuneCountInString(text)
	case html.ElementNode:
		open, closing := tags(n)
		inner := budget - utf8.RuneCountInString(open) - utf8.RuneCountInString(closing)
		if inner < 0 || n.FirstChild == nil {
			return 0
		}
		b.WriteString(open)
		used, _ := renderNodes(b, children(n), inner)
		b.WriteString(closing)
		return utf8.RuneCountInString(open) + used + utf8.RuneCountInString(closing)
	}
	return 0
}

// escapedPrefix returns the longest prefix of text whose escaped form fits
// in budget runes, escaped.
func escapedPrefix(text string, budget int) string {
	used := 0
	for i, r := range text {
		size := utf8.RuneCountInString(html.EscapeString(string(r)))
		if used+size > budget {
			return html.EscapeString(text[:i])
		}
		used += size
	}
	return html.EscapeString(text)
}

// tags returns an element's rendered start and end tag.
func tags(n *html.Node) (open, closing string) {
	shallow := &html.Node{Type: n.Type, Data: n.Data, DataAtom: n.DataAtom, Attr: n.Attr}
	whole := render(shallow)
	closing = "</" + n.Data + ">"
	return strings.TrimSuffix(whole, closing), closing
}

func children(n *html.Node) []*html.Node {
	var out []*html.Node
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		out = append(out, c)
	}
	return out
}

func render(n *html.Node) string {
	var b strings.Builder
	if err := html.Render(&b, n); err != nil {
		return "" // Render fails only on a failing writer or an invalid tree.
	}
	return b.String()
}
