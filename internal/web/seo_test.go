package web_test

import (
	"context"
	"encoding/xml"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/zumodra/zumodra/internal/tenants"
	"github.com/zumodra/zumodra/internal/viewcache"
	"github.com/zumodra/zumodra/internal/web"
)

func TestSitemap(t *testing.T) {
	e := newEnv(t)
	acme := e.tenant("acme", "Acme Robotics", "")
	job := e.job(acme, nil)
	expired := e.job(acme, func(r *jobRow) { r.Deadline = ptrTime(now.Add(-time.Hour)) })
	prov := e.provider(acme, nil)
	e.profile(acme, tenants.UpdateParams{})

	var idx struct {
		Locs []string `xml:"sitemap>loc"`
		Mods []string `xml:"sitemap>lastmod"`
	}
	res, body := e.get("/sitemap.xml")
	if err := xml.Unmarshal([]byte(body), &idx); err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("sitemap index: %d, %v\n%s", res.StatusCode, err, body)
	}
	want := []string{baseURL + "/sitemaps/pages.xml", baseURL + "/sitemaps/jobs-1.xml", baseURL + "/sitemaps/providers-1.xml",
		baseURL + "/sitemaps/companies-1.xml"}
	if strings.Join(idx.Locs, " ") != strings.Join(want, " ") {
		t.Errorf("index %v, want %v", idx.Locs, want)
	}
	mods := map[string][]string{}
	urls := func(path string) []string {
		var set struct {
			Locs []string `xml:"url>loc"`
			Mods []string `xml:"url>lastmod"`
		}
		if err := xml.Unmarshal([]byte(e.mustGet(path, http.StatusOK)), &set); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		mods[path] = set.Mods
		return set.Locs
	}
	defer checkIndexLastmod(t, idx.Mods, mods)
	if got := urls("/sitemaps/jobs-1.xml"); len(got) != 1 || got[0] != baseURL+"/careers/jobs/"+strconv.FormatInt(job, 10)+"-software-engineer/" {
		t.Errorf("job sitemap %v (expired %d must be absent)", got, expired)
	}
	if got := urls("/sitemaps/providers-1.xml"); len(got) != 1 || got[0] != baseURL+"/browse-freelancers/"+strconv.FormatInt(prov, 10)+"-ada-lovelace/" {
		t.Errorf("provider sitemap %v", got)
	}
	if got := urls("/sitemaps/companies-1.xml"); len(got) != 1 || got[0] != baseURL+"/companies/"+strconv.FormatInt(acme.ID, 10)+"-acme-robotics/" {
		t.Errorf("company sitemap %v", got)
	}
	if got := urls("/sitemaps/pages.xml"); len(got) != 2 {
		t.Errorf("pages sitemap %v", got)
	}
	for _, p := range []string{"/sitemaps/jobs-2.xml", "/sitemaps/jobs-x.xml", "/sitemaps/other-1.xml", "/sitemaps/jobs-1.txt"} {
		e.mustGet(p, http.StatusNotFound)
	}
}

// checkIndexLastmod holds the index's lastmods to sitemaps.org's W3C
// datetime and to the newest row of each file; pages.xml changes with any.
func checkIndexLastmod(t *testing.T, idx []string, files map[string][]string) {
	t.Helper()
	jobs, provs, companies := files["/sitemaps/jobs-1.xml"], files["/sitemaps/providers-1.xml"], files["/sitemaps/companies-1.xml"]
	if len(idx) != 4 || len(jobs) != 1 || len(provs) != 1 || len(companies) != 1 {
		t.Fatalf("index lastmods %v, job rows %v, provider rows %v, company rows %v", idx, jobs, provs, companies)
	}
	if idx[3] != companies[0] {
		t.Errorf("companies lastmod %s, want %s", idx[3], companies[0])
	}
	for _, m := range append(append([]string{}, idx...), jobs[0], provs[0]) {
		if _, err := time.Parse(time.RFC3339, m); err != nil || !strings.HasSuffix(m, "Z") {
			t.Errorf("lastmod %q is not a W3C datetime: %v", m, err)
		}
	}
	if idx[1] != jobs[0] || idx[2] != provs[0] {
		t.Errorf("index lastmods %v, want jobs %s and providers %s", idx, jobs[0], provs[0])
	}
	if pages := files["/sitemaps/pages.xml"]; len(pages) != 2 || pages[0] != jobs[0] || pages[1] != provs[0] {
		t.Errorf("list pages' lastmods %v, want %s and %s", pages, jobs[0], provs[0])
	}
	if idx[0] != max(jobs[0], provs[0]) {
		t.Errorf("pages.xml lastmod %s, want the newest row %s", idx[0], max(jobs[0], provs[0]))
	}
}

func TestAtomFeed(t *testing.T) {
	e := newEnv(t)
	acme := e.tenant("acme", "Acme & Sons", "")
	e.job(acme, func(r *jobRow) { r.Title, r.PublishedAt = "Older <Job>", now.Add(-48*time.Hour) })
	newest := e.job(acme, func(r *jobRow) {
		r.Title, r.PublishedAt, r.SalaryMin = "Newest Job", now.Add(-time.Hour), num(50000)
	})
	res, body := e.get("/careers/feed.xml")
	if ct := res.Header.Get("Content-Type"); ct != "application/atom+xml; charset=utf-8" {
		t.Errorf("content type %q", ct)
	}
	var feed struct {
		XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
		Title   string   `xml:"title"`
		Entries []struct {
			ID        string `xml:"id"`
			Title     string `xml:"title"`
			Summary   string `xml:"summary"`
			Published string `xml:"published"`
			Author    string `xml:"author>name"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal([]byte(body), &feed); err != nil {
		t.Fatalf("feed does not parse: %v\n%s", err, body)
	}
	if len(feed.Entries) != 2 || feed.Entries[0].Title != "Newest Job at Acme & Sons" || feed.Entries[1].Title != "Older <Job> at Acme & Sons" {
		t.Fatalf("entries %+v", feed.Entries)
	}
	first := feed.Entries[0]
	if first.ID != baseURL+"/careers/jobs/"+strconv.FormatInt(newest, 10)+"-newest-job/" || first.Author != "Acme & Sons" ||
		!strings.Contains(first.Summary, "From €50,000 a year") || first.Published != "2026-06-01T11:00:00Z" {
		t.Errorf("entry %+v", first)
	}
	contains(t, e.mustGet("/careers/", http.StatusOK), `<link rel="alternate" type="application/atom+xml"`)
}

func TestRobots(t *testing.T) {
	e := newEnv(t)
	body := e.mustGet("/robots.txt", http.StatusOK)
	contains(t, body, "User-agent: *", "Sitemap: https://jobs.example.test/sitemap.xml", "Disallow: /careers/jobs/*/apply")
}

var assetRE = regexp.MustCompile(`href="(/static/site\.[0-9a-f]{10}\.css)"`)

// Assets have content-hashed names and are cached for a year; the pages
// carry the security headers and reference no inline script or style.
func TestAssetsAndHeaders(t *testing.T) {
	e := newEnv(t)
	res, body := e.get("/careers/")
	csp := res.Header.Get("Content-Security-Policy")
	if !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe-inline") {
		t.Errorf("CSP %q", csp)
	}
	lacks(t, body, "<style", "style=", "onclick", "onchange", "<script>")
	m := assetRE.FindStringSubmatch(body)
	if m == nil {
		t.Fatal("no hashed stylesheet link")
	}
	res, css := e.get(m[1])
	if res.StatusCode != http.StatusOK || res.Header.Get("Cache-Control") != "public, max-age=31536000, immutable" ||
		!strings.HasPrefix(res.Header.Get("Content-Type"), "text/css") || !strings.Contains(css, ".card") {
		t.Fatalf("css: %d %q %q", res.StatusCode, res.Header.Get("Cache-Control"), res.Header.Get("Content-Type"))
	}
	r := httptest.NewRequest(http.MethodGet, m[1], nil)
	r.Header.Set("If-None-Match", res.Header.Get("ETag"))
	if res, _ := e.do(r); res.StatusCode != http.StatusNotModified {
		t.Errorf("revalidation: %d, want 304", res.StatusCode)
	}
	e.mustGet("/static/site.0000000000.css", http.StatusNotFound)
}

func TestPageMetadata(t *testing.T) {
	e := newEnv(t)
	acme := e.tenant("acme", "Acme Robotics", "")
	e.job(acme, nil)
	e.provider(acme, nil)
	jobs := e.mustGet("/careers/", http.StatusOK)
	contains(t, jobs, "<title>Jobs · Zumodra</title>", `<meta name="description" content="Browse open positions`,
		`<link rel="canonical" href="https://jobs.example.test/careers/">`, `<meta property="og:type" content="website">`,
		`<a class="skip-link" href="#main">`, `<main id="main"`, `<nav class="site-nav" aria-label="Main">`,
		`<footer class="site-footer">`, `<label class="sr-only" for="q">Search jobs</label>`, `aria-current="page">Jobs</a>`,
		`<strong>1</strong> open jobs`)
	lacks(t, jobs, `name="robots"`)
	contains(t, e.mustGet("/careers/?q=engineer", http.StatusOK), `<meta name="robots" content="noindex">`, "<title>engineer jobs · Zumodra</title>")
	contains(t, e.mustGet("/browse-freelancers/", http.StatusOK), "<title>Freelancers · Zumodra</title>",
		`<link rel="canonical" href="https://jobs.example.test/browse-freelancers/">`, `aria-current="page">Freelancers</a>`)
}

// Without a configured base URL, absolute links use the request's host
// when it is an allowed one, and the first allowed host otherwise: neither
// a host of the client's choosing nor a forged Host header with markup
// reaches them.
func TestBaseURLDerivedFromRequest(t *testing.T) {
	t.Parallel()
	e := newEnvWith(t, web.Config{BaseURL: derivedBase, AllowedHosts: []string{"careers.acme.test:8080", "localhost:8002"}})
	for host, want := range map[string]string{
		"careers.acme.test:8080": "http://careers.acme.test:8080/careers/",
		"LOCALHOST:8002":         "http://localhost:8002/careers/",
		"attacker.example":       "http://careers.acme.test:8080/careers/",
	} {
		r := httptest.NewRequest(http.MethodGet, "/careers/", nil)
		r.Host = host
		_, body := e.do(r)
		contains(t, body, `<link rel="canonical" href="`+want+`">`)
		lacks(t, body, "attacker.example")
	}
	r := httptest.NewRequest(http.MethodGet, "/robots.txt", nil)
	r.Host = `evil"><script>`
	_, body := e.do(r)
	contains(t, body, "Sitemap: http://careers.acme.test:8080/sitemap.xml")
}

func TestNewRefusesRelativeBaseURL(t *testing.T) {
	if _, err := web.New(web.Config{BaseURL: "jobs.example.test"}, nil, nil, nil); err == nil {
		t.Error("New accepted a base URL without a scheme")
	}
}

// A rendered page is reused for identical requests of one catalog version,
// and only for them: a write the feed never saw leaves it in place (which
// proves the reuse), the next real change shows once the follower has it,
// and a detail page follows the changes of the rows it shows. Every 200 has an ETag
// a revalidation answers with 304.
func TestPageCache(t *testing.T) {
	t.Parallel()
	e := newEnvWith(t, web.Config{PageCacheTTL: time.Hour})
	acme := e.tenant("acme", "Acme Robotics", "")
	first := e.job(acme, func(r *jobRow) { r.Title = "First Job" })
	e.seen()
	e.mustGet("/careers/?q=job", http.StatusOK)
	e.unseen(`UPDATE public.job_catalog SET title = 'Second Job'`)
	lacks(t, e.mustGet("/careers/?q=job", http.StatusOK), "Second Job") // served from the cache
	contains(t, e.mustGet("/careers/?q=job&sort=newest", http.StatusOK), "Second Job")
	e.mustGet("/careers/?page_size=0", http.StatusBadRequest)
	e.mustGet("/careers/?page_size=0", http.StatusBadRequest)
	e.job(acme, func(r *jobRow) { r.Title = "Third Job" })
	e.seen()
	contains(t, e.mustGet("/careers/?q=job", http.StatusOK), "Second Job", "Third Job")

	detail := "/careers/jobs/" + strconv.FormatInt(first, 10) + "-second-job/"
	contains(t, e.mustGet(detail, http.StatusOK), "Second Job")
	e.unseen(`UPDATE public.job_catalog SET title = 'Renamed' WHERE id = $1`, first)
	lacks(t, e.mustGet(detail, http.StatusOK), "Renamed") // served from the cache
	// The page lists its company's other jobs, so another row's change
	// computes it afresh.
	e.job(acme, func(r *jobRow) { r.Title = "Fourth Job" })
	e.seen()
	contains(t, e.mustGet(detail, http.StatusOK), "Renamed", "Fourth Job")
	if _, err := e.pool.Exec(context.Background(), `UPDATE public.job_catalog SET title = 'Renamed again' WHERE id = $1`, first); err != nil {
		t.Fatal(err)
	}
	e.seen()
	contains(t, e.mustGet(detail, http.StatusOK), "Renamed again") // through a 301 to the new title's address
	detail = "/careers/jobs/" + strconv.FormatInt(first, 10) + "-renamed-again/"

	res, _ := e.get(detail)
	tag := res.Header.Get("ETag")
	if tag == "" || res.Header.Get("Cache-Control") != viewcache.CacheControl {
		t.Fatalf("headers %v", res.Header)
	}
	r := httptest.NewRequest(http.MethodGet, detail, nil)
	r.Header.Set("If-None-Match", tag)
	if res, body := e.do(r); res.StatusCode != http.StatusNotModified || body != "" {
		t.Fatalf("revalidation: %d %q", res.StatusCode, body)
	}
}
