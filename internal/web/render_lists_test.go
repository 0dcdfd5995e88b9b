package web

import (
	"html/template"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// hostile are strings a tenant or a visitor might get into a list.
var hostile = []string{`"><script>alert(1)</script>`, `' onmouseover='alert(1)`, `a&amp;b <b>c</b>`,
	"nul\x00byte", `</option></select><img src=x onerror=alert(1)>`, "Zürich — São Paulo", ""}

// The lists written without a template parse back, as a browser parses
// them, to exactly the elements meant, each hostile string intact as an
// attribute value or as text, and never as markup.
func TestListsEscapeWhatTheyHold(t *testing.T) {
	var opts []option
	for i, s := range hostile {
		opts = append(opts, option{Value: s, Label: s, Count: i - 1, Selected: i == 2})
	}
	want := make([]string, len(hostile))
	for i, s := range hostile {
		want[i] = strings.ReplaceAll(s, "\x00", "\uFFFD")
	}
	for _, c := range []struct {
		name, wrap, tag, attr string
		html                  template.HTML
	}{
		{"facetOptions", "select", "option", "value", facetOptions(opts)},
		{"facetChecks", "div", "input", "value", facetChecks(`x" onclick="y`, opts)},
		{"cityOptions", "datalist", "option", "value", cityOptions(hostile)},
		{"skillTags", "ul", "li", "", writeSkills(hostile)},
	} {
		elems, keys, attrs, texts := parseList(t, c.wrap, string(c.html), c.tag, c.attr)
		if !slices.Equal(elems, []string{c.tag}) {
			t.Errorf("%s: elements %v, want only %s", c.name, elems, c.tag)
		}
		for _, k := range keys {
			if !slices.Contains([]string{"value", "selected", "checked", "class", "type", "form", "name"}, k) {
				t.Errorf("%s: an attribute %q was injected", c.name, k)
			}
		}
		if c.attr != "" && !slices.Equal(attrs, want) {
			t.Errorf("%s: values %q, want %q", c.name, attrs, want)
		}
		if c.tag == "li" && !slices.Equal(texts, want) {
			t.Errorf("%s: texts %q, want %q", c.name, texts, want)
		}
	}
}

func writeSkills(skills []string) template.HTML {
	var w htmlWriter
	w.skillTags(skills)
	return template.HTML(w.String())
}

// parseList parses body inside a wrap element and returns the distinct
// element names under it (but label and span, the checkboxes' own), every
// attribute name there, the attr values of each tag element, and the text
// of each.
func parseList(t *testing.T, wrap, body, tag, attr string) (elems, keys, attrs, texts []string) {
	t.Helper()
	doc, err := html.Parse(strings.NewReader("<!doctype html><body><" + wrap + ">" + body + "</" + wrap + "></body>"))
	if err != nil {
		t.Fatal(err)
	}
	var walk func(n *html.Node, under bool)
	walk = func(n *html.Node, under bool) {
		if n.Type == html.ElementNode && under && n.Data != "label" && n.Data != "span" {
			if !slices.Contains(elems, n.Data) {
				elems = append(elems, n.Data)
			}
			for _, a := range n.Attr {
				keys = append(keys, a.Key)
			}
			if n.Data == tag {
				for _, a := range n.Attr {
					if a.Key == attr {
						attrs = append(attrs, a.Val)
					}
				}
				var text strings.Builder
				for c := n.FirstChild; c != nil; c = c.NextSibling {
					if c.Type == html.TextNode {
						text.WriteString(c.Data)
					}
				}
				texts = append(texts, text.String())
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, under || (n.Type == html.ElementNode && n.Data == wrap))
		}
	}
	walk(doc, false)
	return elems, keys, attrs, texts
}
