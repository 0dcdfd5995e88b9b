package web

import (
	"html/template"
	"strconv"
	"strings"
)

// The long lists of a page (a facet's options and checkboxes, the city
// suggestions, a card's skills) are written by these functions rather than
// by a template range: html/template makes a reflective call for every
// action, several per item, and these lists were most of a careers page's
// actions and a fifth of its cost. Each interpolated string goes through
// template.HTMLEscapeString, which escapes &, <, >, both quotes and NUL:
// right for element text and for a double-quoted attribute value, the only
// two places anything is interpolated here; numbers are written by strconv.

var listFuncs = template.FuncMap{
	"facetOptions": facetOptions,
	"facetChecks":  facetChecks,
	"cityOptions":  cityOptions,
	"skillTags":    skillTags,
}

// facetOptions are a facet select's options: value, label and count.
func facetOptions(opts []option) template.HTML {
	var b strings.Builder
	for _, o := range opts {
		b.WriteString("<option")
		writeChoice(&b, o, "selected", ">", " (", ")")
		b.WriteString("</option>\n")
	}
	return template.HTML(b.String())
}

// facetChecks are a facet's checkboxes, each sending name=value.
func facetChecks(name string, opts []option) template.HTML {
	var b strings.Builder
	for _, o := range opts {
		b.WriteString(`<label class="check"><input type="checkbox" form="search" name="`)
		b.WriteString(template.HTMLEscapeString(name))
		b.WriteString(`"`)
		writeChoice(&b, o, "checked", "> ", ` <span class="count">(`, ")</span>")
		b.WriteString("</label>\n")
	}
	return template.HTML(b.String())
}

// writeChoice writes the rest of an option's or a checkbox's tag (its
// value, and flag when selected), then close, its label, and its count
// between before and after when it has one.
func writeChoice(b *strings.Builder, o option, flag, close, before, after string) {
	b.WriteString(` value="`)
	b.WriteString(template.HTMLEscapeString(o.Value))
	b.WriteString(`"`)
	if o.Selected {
		b.WriteString(" " + flag)
	}
	b.WriteString(close)
	b.WriteString(template.HTMLEscapeString(o.Label))
	if o.Count >= 0 {
		b.WriteString(before + strconv.Itoa(o.Count) + after)
	}
}

// cityOptions are the city field's suggestions.
func cityOptions(cities []string) template.HTML {
	var b strings.Builder
	for _, c := range cities {
		b.WriteString(`<option value="`)
		b.WriteString(template.HTMLEscapeString(c))
		b.WriteString(`"></option>`)
	}
	return template.HTML(b.String())
}

// skillTags are a card's skills, each a list item.
func skillTags(skills []string) template.HTML {
	var b strings.Builder
	for _, s := range skills {
		b.WriteString(`<li class="tag">`)
		b.WriteString(template.HTMLEscapeString(s))
		b.WriteString("</li>")
	}
	return template.HTML(b.String())
}
