package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"
)

// /sitemap.xml is a sitemap index: one file for the list pages and as many
// files of catalog.SitemapFileURLs ids as jobs, providers and companies need, so that
// it stays valid however large the catalog grows.
func (h *Handler) sitemap(w http.ResponseWriter, r *http.Request) {
	jobs, providers, err := h.catalog.SitemapFiles(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	companies, err := h.catalog.CompanySitemapFiles(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	files := []sitemapLoc{{"/sitemaps/pages.xml", newest(jobs, providers)}}
	for _, f := range []struct {
		name  string
		times []time.Time
	}{{"jobs", jobs}, {"providers", providers}, {"companies", companies}} {
		for i, t := range f.times {
			files = append(files, sitemapLoc{"/sitemaps/" + f.name + "-" + strconv.Itoa(i+1) + ".xml", t})
		}
	}
	h.writeSitemap(w, r, sitemapIndexTags, len(files), func(i int) sitemapLoc { return files[i] })
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
	h.writeSitemap(w, r, urlSetTags, len(entries), func(i int) sitemapLoc {
		e := entries[i]
		return sitemapLoc{toURL(e.ID, slugOf(e.Slug, e.Title)), e.UpdatedAt}
	})
}

// pagesSitemap lists the two list pages, each last changed when the
// newest of its rows did.
func (h *Handler) pagesSitemap(w http.ResponseWriter, r *http.Request) {
	jobs, providers, err := h.catalog.SitemapFiles(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	pages := []sitemapLoc{{jobsPath, newest(jobs)}, {providersPath, newest(providers)}}
	h.writeSitemap(w, r, urlSetTags, len(pages), func(i int) sitemapLoc { return pages[i] })
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

// robots allows everything public, keeps crawlers off the form endpoints
// and names the sitemap.
func (h *Handler) robots(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=3600")
	_, _ = w.Write([]byte("User-agent: *\nAllow: /\nDisallow: /careers/jobs/*/apply\nDisallow: /browse-freelancers/*/inquire\n" +
		"Disallow: /api/\n\nSitemap: " + h.abs(r, "/sitemap.xml") + "\n"))
}
