package web

import (
	"html/template"
	"strconv"
)

// The long lists of a page (a facet's options and checkboxes, the city
// suggestions, a card's skills) are written by these functions rather than
// by a template range: html/template makes a reflective call for every
// action, several per item, and these lists were most of a careers page's
// actions and a fifth of its cost. Each interpolated string goes through
// htmlWriter.text (render_cards.go), right for element text and for a
// double-quoted attribute value, the only two places anything is
// interpolated here; numbers are written by strconv.

var listFuncs = template.FuncMap{
	"facetOptions": facetOptions,
	"facetChecks":  facetChecks,
	"cityOptions":  cityOptions,
}

// facetOptions are a facet select's options: value, label and count.
func facetOptions(opts []option) template.HTML {
	var w htmlWriter
	for _, o := range opts {
		w.raw("<option")
		w.choice(o, "selected", ">", " (", ")")
		w.raw("</option>\n")
	}
	return template.HTML(w.String())
}

// facetChecks are a facet's checkboxes, each sending name=value.
func facetChecks(name string, opts []option) template.HTML {
	var w htmlWriter
	for _, o := range opts {
		w.raw(`<label class="check"><input type="checkbox" form="search" name="`)
		w.text(name)
		w.raw(`"`)
		w.choice(o, "checked", "> ", ` <span class="count">(`, ")</span>")
		w.raw("</label>\n")
	}
	return template.HTML(w.String())
}

// choice writes the rest of an option's or a checkbox's tag (its value,
// and flag when selected), then close, its label, and its count between
// before and after when it has one.
func (w *htmlWriter) choice(o option, flag, close, before, after string) {
	w.raw(` value="`)
	w.text(o.Value)
	w.raw(`"`)
	if o.Selected {
		w.raw(" " + flag)
	}
	w.raw(close)
	w.text(o.Label)
	if o.Count >= 0 {
		w.raw(before + strconv.Itoa(o.Count) + after)
	}
}

// cityOptions are the city field's suggestions.
func cityOptions(cities []string) template.HTML {
	var w htmlWriter
	for _, c := range cities {
		w.raw(`<option value="`)
		w.text(c)
		w.raw(`"></option>`)
	}
	return template.HTML(w.String())
}

// skillTags writes a card's skills, each a list item.
func (w *htmlWriter) skillTags(skills []string) {
	for _, s := range skills {
		w.raw(`<li class="tag">`)
		w.text(s)
		w.raw("</li>")
	}
}
