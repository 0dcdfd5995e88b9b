package web

import (
	"bytes"
	"encoding/xml"
	"net/http"
	"time"

	"github.com/zumodra/zumodra/internal/httpx"
	"github.com/zumodra/zumodra/internal/viewcache"
)

// A sitemap file lists up to catalog.SitemapFileURLs URLs, and a catalog
// change makes the next request for it a cache miss; encoding/xml's
// reflection over ten thousand elements was most of such a request. A
// sitemap is written here instead, byte for byte as xml.MarshalIndent
// wrote it (a test holds the two to each other), into a recycled buffer.

// sitemapLoc is one entry of a sitemap: a URL and when it last changed.
type sitemapLoc struct {
	path string    // made absolute as it is written
	mod  time.Time // lastmod, left out when zero
}

// sitemapTags are a sitemap document's element names: its root and the
// element of each entry.
type sitemapTags struct{ root, item string }

var (
	urlSetTags       = sitemapTags{"urlset", "url"}
	sitemapIndexTags = sitemapTags{"sitemapindex", "sitemap"}
)

const sitemapNS = "http://www.sitemaps.org/schemas/sitemap/0.9"

// sitemapEntryBytes is about what an entry takes written: its loc with a
// host and a slug, its lastmod and the tags.
const sitemapEntryBytes = 150

// writeSitemap writes the n entries at returns as a sitemap document.
func (h *Handler) writeSitemap(w http.ResponseWriter, r *http.Request, tags sitemapTags, n int, at func(int) sitemapLoc) {
	b := httpx.GetBuffer()
	defer httpx.PutBuffer(b)
	b.Grow(n * sitemapEntryBytes) // once, not by doubling to a megabyte and more
	b.WriteString(xml.Header)
	appendSitemap(b, h.abs(r, ""), tags, n, at)
	w.Header().Set("Content-Type", "application/xml; charset=utf-8")
	w.Header().Set("Cache-Control", viewcache.CacheControl)
	_, _ = w.Write(b.Bytes())
}

// appendSitemap writes the document after its declaration; base is the
// scheme and host each path is appended to.
func appendSitemap(b *bytes.Buffer, base string, tags sitemapTags, n int, at func(int) sitemapLoc) {
	b.WriteString("<" + tags.root + ` xmlns="` + sitemapNS + `">`)
	for i := range n {
		l := at(i)
		b.WriteString("\n  <" + tags.item + ">\n    <loc>")
		escapeXML(b, base)
		escapeXML(b, l.path)
		b.WriteString("</loc>")
		if !l.mod.IsZero() {
			b.WriteString("\n    <lastmod>")
			b.Write(l.mod.UTC().AppendFormat(b.AvailableBuffer(), time.RFC3339))
			b.WriteString("</lastmod>")
		}
		b.WriteString("\n  </" + tags.item + ">")
	}
	if n > 0 {
		b.WriteByte('\n')
	}
	b.WriteString("</" + tags.root + ">")
}

// escapeXML writes s as XML character data: printable ASCII without a
// character XML reserves is written as it is (every URL a sitemap lists),
// anything else as xml.EscapeText writes it.
func escapeXML(b *bytes.Buffer, s string) {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c > 0x7e || c == '&' || c == '<' || c == '>' || c == '"' || c == '\'' {
			_ = xml.EscapeText(b, []byte(s)) // a bytes.Buffer does not fail
			return
		}
	}
	b.WriteString(s)
}
