package web

import (
	"html/template"
	"strconv"
	"strings"
)

// A list's cards are written by these functions rather than by a template:
// a card is some forty template actions, html/template makes a reflective
// call for each, and the twenty cards of a page were a third of its CPU.
// The markup is the one the template wrote. Text and quoted attribute
// values go through htmlWriter.text, which escapes like
// template.HTMLEscapeString; a link or an image goes through
// htmlWriter.url, which first filters and normalises it as html/template
// does in an href or a src (TestCardsEscapeAsTheTemplateWould holds both to
// html/template's own output).

var cardFuncs = template.FuncMap{
	"jobCards":      jobCards,
	"providerCards": providerCards,
	"icon":          icon,
}

// The icons are inline SVG: no font needed, no request, allowed by the CSP.
const (
	iconPin   = `<svg class="icon" aria-hidden="true" focusable="false" viewBox="0 0 24 24" width="14" height="14"><path fill="currentColor" d="M12 2a7 7 0 0 0-7 7c0 5.25 7 13 7 13s7-7.75 7-13a7 7 0 0 0-7-7zm0 9.5A2.5 2.5 0 1 1 12 6.5a2.5 2.5 0 0 1 0 5z"/></svg>`
	iconBag   = `<svg class="icon" aria-hidden="true" focusable="false" viewBox="0 0 24 24" width="14" height="14"><path fill="currentColor" d="M10 3h4a2 2 0 0 1 2 2v2h4a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H4a2 2 0 0 1-2-2V9a2 2 0 0 1 2-2h4V5a2 2 0 0 1 2-2zm0 4h4V5h-4v2z"/></svg>`
	iconCheck = `<svg class="icon" aria-hidden="true" focusable="false" viewBox="0 0 24 24" width="12" height="12"><path fill="currentColor" d="M9 16.2 4.8 12l-1.4 1.4L9 19 21 7l-1.4-1.4z"/></svg>`
	iconStar  = `<svg class="icon" aria-hidden="true" focusable="false" viewBox="0 0 24 24" width="14" height="14"><path fill="currentColor" d="M12 17.3 18.2 21l-1.6-7L22 9.2l-7.2-.6L12 2 9.2 8.6 2 9.2 7.5 14l-1.7 7z"/></svg>`
)

// icons are the icons by the names the templates give them.
var icons = map[string]string{"pin": iconPin, "bag": iconBag, "check": iconCheck, "star": iconStar}

// icon is a named icon's markup for the templates; an unknown name is a
// template bug, and shows as nothing rather than as a broken page.
func icon(name string) template.HTML { return template.HTML(icons[name]) }

// cardSize is about what a card's markup takes: the builder grows once.
const cardSize = 2 << 10

// jobCards are the list items of job cards.
func jobCards(cards []jobCard) template.HTML {
	var w htmlWriter
	w.Grow(cardSize * len(cards))
	for i := range cards {
		w.jobCard(&cards[i])
	}
	return template.HTML(w.String())
}

// providerCards are the list items of provider cards.
func providerCards(cards []providerCard) template.HTML {
	var w htmlWriter
	w.Grow(cardSize * len(cards))
	for i := range cards {
		w.providerCard(&cards[i])
	}
	return template.HTML(w.String())
}

func (w *htmlWriter) jobCard(c *jobCard) {
	w.cardOpen(c.Featured, c.Lat, c.Lon)
	w.picture("logo", c.LogoURL, c.Company+" logo", c.Initials, c.AvatarClass)
	w.raw("\n<div>\n<h3>")
	w.link(c.URL, c.Title)
	w.raw("</h3>\n<p class=\"company\">")
	w.link(c.CompanyURL, c.Company)
	w.raw("</p>\n</div>\n")
	if c.Featured {
		w.raw(`<span class="badge badge-featured">Featured</span>`)
	}
	w.raw("\n</div>\n<ul class=\"meta\">\n")
	w.optional("<li>"+iconPin+" ", c.Location, "</li>\n")
	w.optional(`<li class="distance">`, c.Distance, " away</li>\n")
	w.raw("<li>" + iconBag + " ")
	w.text(c.JobType)
	w.raw("</li>\n<li>")
	w.text(c.Level)
	w.raw("</li>\n")
	w.optional(`<li><span class="badge badge-remote">`, c.Remote, "</span></li>\n")
	w.optional(`<li class="salary">`, c.Salary, "</li>\n")
	w.raw("</ul>\n")
	w.skills(c.Skills, c.MoreSkills)
	w.raw("<div class=\"card-foot\">\n<span class=\"posted\"><time datetime=\"")
	w.text(c.PostedISO)
	w.raw(`">`)
	w.text(c.Posted)
	w.raw("</time></span>\n")
	w.button(c.URL, "View Details &amp; Apply", c.Title)
}

func (w *htmlWriter) providerCard(c *providerCard) {
	w.cardOpen(c.Featured, c.Lat, c.Lon)
	w.picture("avatar", c.AvatarURL, "", c.Initials, c.AvatarClass)
	w.raw("\n<div>\n<h3>")
	w.link(c.URL, c.Name)
	w.raw("</h3>\n")
	w.optional(`<p class="tagline">`, c.Tagline, "</p>\n")
	w.raw("</div>\n</div>\n<div class=\"badges\">\n")
	w.providerBadges(c)
	w.raw("</div>\n<p class=\"stats\">\n")
	if c.Rating != "" {
		w.raw(`<span class="stars">` + iconStar + ` <span class="sr-only">Rated </span>`)
		w.text(c.Rating)
		w.raw(`<span class="sr-only"> out of 5</span> `)
		w.text(c.Reviews)
		w.raw("</span>\n")
	} else {
		w.raw("<span>No reviews yet</span>\n")
	}
	w.raw("<span><strong>" + strconv.Itoa(c.Completed) + "</strong> jobs done</span>\n")
	w.optional("<span><strong>", c.Rate, "</strong></span>\n")
	w.raw("</p>\n")
	w.skills(c.Skills, c.MoreSkills)
	w.raw("<div class=\"card-foot\">\n<span class=\"posted\">")
	w.link(c.CompanyURL, c.Company)
	w.raw("</span>\n")
	w.button(c.URL, "View Profile", c.Name)
}

func (w *htmlWriter) providerBadges(c *providerCard) {
	if c.Verified {
		w.raw(`<span class="badge badge-verified">` + iconCheck + " Verified</span>\n")
	}
	if c.Available {
		w.raw(`<span class="badge badge-available">Available</span>` + "\n")
	} else {
		w.raw(`<span class="badge badge-busy">`)
		w.text(c.Availability)
		w.raw("</span>\n")
	}
	w.optional(`<span class="badge">`+iconPin+" ", c.Location, "</span>\n")
	w.optional(`<span class="badge distance">`, c.Distance, " away</span>\n")
	if c.Remote {
		w.raw(`<span class="badge badge-remote">Remote</span>` + "\n")
	}
	if c.Featured {
		w.raw(`<span class="badge badge-featured">Featured</span>` + "\n")
	}
}

// cardOpen opens a card's list item, with the map marker's position when
// it has one, and its head.
func (w *htmlWriter) cardOpen(featured bool, lat, lon string) {
	w.raw(`<li class="card`)
	if featured {
		w.raw(" featured")
	}
	w.raw(`"`)
	if lat != "" {
		w.raw(` data-lat="`)
		w.text(lat)
		w.raw(`" data-lon="`)
		w.text(lon)
		w.raw(`"`)
	}
	w.raw(">\n<div class=\"card-head\">\n")
}

// picture is a card's logo or avatar: the image when there is one, with
// the initials for the script to fall back on, else the initials alone.
func (w *htmlWriter) picture(kind, src, alt, initials, class string) {
	if src == "" {
		w.raw(`<span class="` + kind + ` initials `)
		w.text(class)
		w.raw(`" aria-hidden="true">`)
		w.text(initials)
		w.raw("</span>")
		return
	}
	w.raw(`<img class="` + kind + ` `)
	w.text(class)
	w.raw(`" src="`)
	w.url(src)
	w.raw(`" alt="`)
	w.text(alt)
	w.raw(`" data-initials="`)
	w.text(initials)
	w.raw(`" width="52" height="52" loading="lazy">`)
}

// link is an anchor to href reading text.
func (w *htmlWriter) link(href, text string) {
	w.raw(`<a href="`)
	w.url(href)
	w.raw(`">`)
	w.text(text)
	w.raw("</a>")
}

// button closes a card with its call to action, named for screen readers
// by what it opens, and the card's list item.
func (w *htmlWriter) button(href, label, name string) {
	w.raw(`<a class="btn btn-primary" href="`)
	w.url(href)
	w.raw(`">` + label + `<span class="sr-only">: `)
	w.text(name)
	w.raw("</span></a>\n</div>\n</li>\n")
}

// skills are a card's skill tags and how many more it has.
func (w *htmlWriter) skills(skills []string, more int) {
	if len(skills) == 0 {
		return
	}
	w.raw(`<ul class="tags" aria-label="Skills">`)
	w.skillTags(skills)
	if more > 0 {
		w.raw(`<li class="tag more">+` + strconv.Itoa(more) + " more</li>")
	}
	w.raw("</ul>\n")
}

// htmlWriter writes markup with its interpolated values escaped.
type htmlWriter struct{ strings.Builder }

// raw writes markup as it is: only constants and what this file built.
func (w *htmlWriter) raw(s string) { w.WriteString(s) }

// text writes element text or a double-quoted attribute value.
func (w *htmlWriter) text(s string) {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '&', '<', '>', '"', '\'', 0:
			w.WriteString(template.HTMLEscapeString(s))
			return
		}
	}
	w.WriteString(s)
}

// optional writes s as text between open and close (markup), or nothing
// when s is empty.
func (w *htmlWriter) optional(open, s, close string) {
	if s != "" {
		w.raw(open)
		w.text(s)
		w.raw(close)
	}
}

// url writes a link's or an image's address as a double-quoted attribute
// value, as html/template would: an address whose scheme is not http,
// https or mailto becomes "#ZgotmplZ", and every byte outside RFC 3986's
// unreserved and reserved sets is percent-encoded, and so is a % that
// does not begin an escape.
func (w *htmlWriter) url(s string) {
	if scheme, _, ok := strings.Cut(s, ":"); ok && !strings.Contains(scheme, "/") &&
		!strings.EqualFold(scheme, "http") && !strings.EqualFold(scheme, "https") && !strings.EqualFold(scheme, "mailto") {
		s = "#ZgotmplZ"
	}
	const hex = "0123456789abcdef"
	from := 0
	for i := 0; i < len(s); i++ {
		if urlKept(s[i]) || s[i] == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
			continue
		}
		w.text(s[from:i])
		w.WriteByte('%')
		w.WriteByte(hex[s[i]>>4])
		w.WriteByte(hex[s[i]&15])
		from = i + 1
	}
	w.text(s[from:])
}

// urlKept are the bytes html/template leaves as they are in a URL.
func urlKept(c byte) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		return true
	}
	return strings.IndexByte("!#$&*+,/:;=?@[]-._~", c) >= 0
}

func isHex(c byte) bool { return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F' }
