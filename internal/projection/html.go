package projection

import (
	"net/url"
	"strings"

	"github.com/microcosm-cc/bluemonday"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// linkRel is forced on every link: no SEO credit for tenant-supplied links,
// no window.opener handle, no referrer leaking the catalog page.
const linkRel = "nofollow noopener noreferrer"

// htmlPolicy is built once; a bluemonday policy is safe for concurrent use
// once built.
var htmlPolicy = newHTMLPolicy()

// textPolicy strips every tag, keeping only the text.
var textPolicy = bluemonday.StrictPolicy()

func newHTMLPolicy() *bluemonday.Policy {
	p := bluemonday.NewPolicy()
	p.AllowElements("p", "br", "strong", "em", "b", "i", "u", "ul", "ol", "li",
		"h1", "h2", "h3", "blockquote", "code", "pre")
	p.AllowAttrs("href", "title").OnElements("a")
	// Links must be absolute: "http:foo" has the scheme but, on an http
	// page, is a relative link; credentials in a URL are a phishing trick.
	p.AllowURLSchemeWithCustomPolicy("http", isAbsoluteWebURL)
	p.AllowURLSchemeWithCustomPolicy("https", isAbsoluteWebURL)
	p.AllowURLSchemeWithCustomPolicy("mailto", func(u *url.URL) bool { return u.Opaque != "" })
	p.AllowRelativeURLs(false)
	return p
}

func isAbsoluteWebURL(u *url.URL) bool { return u.Host != "" && u.User == nil }

// SanitizeHTML turns tenant-written HTML into catalog HTML: only the
// allow-listed elements and link attributes survive, links carry linkRel,
// tags are balanced (an unclosed <h1> cannot swallow the rest of a page), the
// text is valid UTF-8 without NUL, and the result is at most MaxHTML runes,
// cut between tags or between characters, never inside either.
func SanitizeHTML(s string) string {
	s = strings.ReplaceAll(strings.ToValidUTF8(s, ""), "\x00", "")
	if strings.TrimSpace(s) == "" {
		return ""
	}
	nodes, err := parseBody(htmlPolicy.Sanitize(s))
	if err != nil {
		// The parser refuses more than 512 nested open elements. Such markup
		// is junk or an attack; keep its words as text and drop the tags.
		nodes = []*html.Node{{Type: html.TextNode, Data: html.UnescapeString(textPolicy.Sanitize(s))}}
	}
	for _, n := range nodes {
		forceLinkRel(n)
	}
	return strings.TrimSpace(renderLimited(nodes, MaxHTML))
}

// parseBody parses a fragment as the content of a <body>, which is what the
// public pages embed it in.
func parseBody(s string) ([]*html.Node, error) {
	body := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	return html.ParseFragment(strings.NewReader(s), body)
}

func forceLinkRel(n *html.Node) {
	if n.Type == html.ElementNode && n.DataAtom == atom.A {
		attrs := n.Attr[:0]
		for _, a := range n.Attr {
			if a.Key != "rel" {
				attrs = append(attrs, a)
			}
		}
		n.Attr = append(attrs, html.Attribute{Key: "rel", Val: linkRel})
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		forceLinkRel(c)
	}
}
