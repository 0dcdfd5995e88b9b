package web

import (
	"github.com/zumodra/zumodra/internal/viewcache"

	"encoding/xml"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/zumodra/zumodra/internal/catalog"
	"github.com/zumodra/zumodra/internal/domain"
)

// /sitemap.xml is a sitemap index: one file for the list pages and as many
// files of catalog.SitemapFileURLs ids as jobs, providers and companies need, so that
// it stays valid however large the catalog grows.

type sitemapIndex struct {
	XMLName  xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 sitemapindex"`
	Sitemaps []sitemapRef `xml:"sitemap"`
}

type sitemapRef struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod,omitempty"`
}

type urlSet struct {
	XMLName xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []sitemapURL `xml:"url"`
}

type sitemapURL struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod,omitempty"`
}

func (h *Handler) sitemap(w http.ResponseWriter, r *http.Request) {
	jobs, providers, err := h.catalog.SitemapFiles(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	idx := sitemapIndex{Sitemaps: []sitemapRef{{Loc: h.abs(r, "/sitemaps/pages.xml"), LastMod: w3cTime(newest(jobs, providers))}}}
	for i, t := range jobs {
		idx.Sitemaps = append(idx.Sitemaps, sitemapRef{Loc: h.abs(r, "/sitemaps/jobs-"+strconv.Itoa(i+1)+".xml"), LastMod: w3cTime(t)})
	}
	for i, t := range providers {
		idx.Sitemaps = append(idx.Sitemaps, sitemapRef{Loc: h.abs(r, "/sitemaps/providers-"+strconv.Itoa(i+1)+".xml"), LastMod: w3cTime(t)})
	}
	companies, err := h.catalog.CompanySitemapFiles(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	for i, t := range companies {
		idx.Sitemaps = append(idx.Sitemaps, sitemapRef{Loc: h.abs(r, "/sitemaps/companies-"+strconv.Itoa(i+1)+".xml"), LastMod: w3cTime(t)})
	}
	h.writeXML(w, r, "application/xml", idx)
}

// newest is the latest of the files' times: the list pages change
// whenever any row does.
func newest(lists ...[]time.Time) time.Time {
	var n time.Time
	for _, l := range lists {
		for _, t := range l {
			if t.After(n) {
				n = t
			}
		}
	}
	return n
}

// w3cTime formats t as a W3C datetime, the form sitemaps.org asks for, or
// "" (no lastmod) for a zero time.
func w3cTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

// sitemapFile serves /sitemaps/pages.xml, /sitemaps/jobs-N.xml,
// /sitemaps/providers-N.xml and /sitemaps/companies-N.xml.
func (h *Handler) sitemapFile(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("name")
	if name == "pages.xml" {
		h.pagesSitemap(w, r)
		return
	}
	kind, n, ok := sitemapName(name)
	if !ok {
		h.renderError(w, r, http.StatusNotFound)
		return
	}
	fetch, toURL := h.catalog.JobSitemap, jobURL
	switch kind {
	case "providers":
		fetch, toURL = h.catalog.ProviderSitemap, providerURL
	case "companies":
		fetch, toURL = h.catalog.CompanySitemap, companySlugURL
	}
	entries, err := fetch(r.Context(), n)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if len(entries) == 0 && n > 1 {
		h.renderError(w, r, http.StatusNotFound)
		return
	}
	h.writeXML(w, r, "application/xml", h.urlSet(r, entries, toURL))
}

// pagesSitemap lists the two list pages, each last changed when the
// newest of its rows did.
func (h *Handler) pagesSitemap(w http.ResponseWriter, r *http.Request) {
	jobs, providers, err := h.catalog.SitemapFiles(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.writeXML(w, r, "application/xml", urlSet{URLs: []sitemapURL{
		{Loc: h.abs(r, jobsPath), LastMod: w3cTime(newest(jobs))},
		{Loc: h.abs(r, providersPath), LastMod: w3cTime(newest(providers))}}})
}

func (h *Handler) urlSet(r *http.Request, entries []catalog.SitemapEntry, toURL func(int64, string) string) urlSet {
	set := urlSet{URLs: make([]sitemapURL, 0, len(entries))}
	for _, e := range entries {
		set.URLs = append(set.URLs, sitemapURL{Loc: h.abs(r, toURL(e.ID, slugOf(e.Slug, e.Title))), LastMod: w3cTime(e.UpdatedAt)})
	}
	return set
}

// sitemapName parses "jobs-3.xml" into ("jobs", 3).
func sitemapName(name string) (string, int, bool) {
	base, ok := strings.CutSuffix(name, ".xml")
	if !ok {
		return "", 0, false
	}
	kind, num, ok := strings.Cut(base, "-")
	if !ok || (kind != "jobs" && kind != "providers" && kind != "companies") {
		return "", 0, false
	}
	n, err := strconv.Atoi(num)
	if err != nil || n < 1 || n > 10000 {
		return "", 0, false
	}
	return kind, n, true
}

// writeXML encodes v after the XML declaration. Encoding to a buffer
// first keeps a failure from leaving half a document behind.
func (h *Handler) writeXML(w http.ResponseWriter, r *http.Request, ctype string, v any) {
	out, err := xml.MarshalIndent(v, "", "  ")
	if err != nil {
		h.fail(w, r, domain.Errorf(domain.CodeInternal, "encode xml: %v", err))
		return
	}
	w.Header().Set("Content-Type", ctype+"; charset=utf-8")
	w.Header().Set("Cache-Control", viewcache.CacheControl)
	_, _ = w.Write([]byte(xml.Header))
	_, _ = w.Write(out)
}

// robots allows everything public, keeps crawlers off the form endpoints
// and names the sitemap.
func (h *Handler) robots(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=3600")
	_, _ = w.Write([]byte("User-agent: *\nAllow: /\nDisallow: /careers/jobs/*/apply\nDisallow: /browse-freelancers/*/inquire\n" +
		"Disallow: /api/\n\nSitemap: " + h.abs(r, "/sitemap.xml") + "\n"))
}
