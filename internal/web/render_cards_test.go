package web

import (
	"html/template"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// hostileURLs are addresses a tenant might get into a card's link or
// image.
var hostileURLs = []string{"javascript:alert(1)", " JaVaScRiPt:alert(1)", "data:text/html,<script>alert(1)</script>",
	`/careers/?q=a b&c="d"'<e>`, "https://cdn.example/logo%20one.png?x=1&y=2", "//evil.example/x",
	"/p%zz/ü/\x00/\u2028", "HTTPS://cdn.example/a.png", "mailto:jobs@example.com", "", "#frag"}

// A card's links and images hold what html/template would have made of
// each address in an href or a src, and its texts hold each hostile string
// intact, as a browser parses them; nothing becomes an element or an
// attribute of its own.
func TestCardsEscapeAsTheTemplateWould(t *testing.T) {
	ref := template.Must(template.New("ref").Parse(`<a href="{{.}}">x</a><img src="{{.}}">`))
	for _, s := range hostile {
		for _, u := range hostileURLs {
			var want strings.Builder
			if err := ref.Execute(&want, u); err != nil {
				t.Fatal(err)
			}
			wantURL := parseCard(t, want.String()).attrs["a.href"][0]
			job := jobCard{URL: u, Title: s, Company: s, CompanyURL: u, LogoURL: u, Initials: s, AvatarClass: s,
				Location: s, JobType: s, Level: s, Remote: s, Salary: s, Skills: []string{s, s}, MoreSkills: 2,
				Featured: true, Posted: s, PostedISO: s, Distance: s, Lat: s, Lon: s}
			prov := providerCard{URL: u, Name: s, Tagline: s, AvatarURL: u, Initials: s, AvatarClass: s, Location: s,
				Availability: s, Rating: s, Reviews: s, Rate: s, Skills: []string{s}, Company: s, CompanyURL: u,
				Distance: s, Lat: s, Lon: s, Verified: true, Remote: true}
			checkCard(t, string(jobCards([]jobCard{job})), s, wantURL, u != "")
			checkCard(t, string(providerCards([]providerCard{prov})), s, wantURL, u != "")
		}
	}
}

// checkCard holds one rendered card to its hostile text s and to the
// address every link and image should hold.
func checkCard(t *testing.T, body, s, wantURL string, image bool) {
	t.Helper()
	c := parseCard(t, body)
	plain := strings.ReplaceAll(s, "\x00", "\uFFFD")
	for _, e := range c.elems {
		if !slices.Contains([]string{"li", "div", "h3", "a", "p", "span", "ul", "img", "svg", "path", "time", "strong"}, e) {
			t.Fatalf("an element %q was injected by %q:\n%s", e, s, body)
		}
	}
	for key, vals := range c.attrs {
		if !slices.Contains([]string{"li.class", "li.data-lat", "li.data-lon", "div.class", "a.href", "a.class", "p.class",
			"span.class", "span.aria-hidden", "ul.class", "ul.aria-label", "img.class", "img.src", "img.alt",
			"img.data-initials", "img.width", "img.height", "img.loading", "time.datetime"}, key) &&
			!strings.HasPrefix(key, "svg.") && !strings.HasPrefix(key, "path.") {
			t.Fatalf("an attribute %q was injected by %q:\n%s", key, s, body)
		}
		if (key == "a.href" || key == "img.src") && slices.ContainsFunc(vals, func(v string) bool { return v != wantURL }) {
			t.Errorf("%s holds %q, html/template writes %q", key, vals, wantURL)
		}
	}
	if got := c.attrs["li.data-lat"]; plain != "" && !slices.Equal(got, []string{plain}) {
		t.Errorf("data-lat %q, want %q", got, plain)
	}
	if (c.attrs["img.src"] != nil) != image {
		t.Errorf("img %v for the address %q", c.attrs["img.src"], wantURL)
	}
	if !slices.Contains(c.texts, plain) && plain != "" {
		t.Errorf("no text holds %q intact: %q", plain, c.texts)
	}
}

type parsedCard struct {
	elems []string
	attrs map[string][]string // "tag.attribute" to its values
	texts []string
}

// parseCard parses body inside a list, as a browser would.
func parseCard(t *testing.T, body string) parsedCard {
	t.Helper()
	doc, err := html.Parse(strings.NewReader("<!doctype html><body><ul>" + body + "</ul></body>"))
	if err != nil {
		t.Fatal(err)
	}
	c := parsedCard{attrs: map[string][]string{}}
	var walk func(n *html.Node, under bool)
	walk = func(n *html.Node, under bool) {
		if under && n.Type == html.TextNode {
			c.texts = append(c.texts, strings.TrimSpace(n.Data))
		}
		if under && n.Type == html.ElementNode {
			c.elems = append(c.elems, n.Data)
			for _, a := range n.Attr {
				c.attrs[n.Data+"."+a.Key] = append(c.attrs[n.Data+"."+a.Key], a.Val)
			}
		}
		for k := n.FirstChild; k != nil; k = k.NextSibling {
			walk(k, under || (n.Type == html.ElementNode && n.Data == "ul"))
		}
	}
	walk(doc, false)
	return c
}
