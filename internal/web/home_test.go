package web_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/zumodra/zumodra/internal/resync"
	"github.com/zumodra/zumodra/internal/tenants"
	"github.com/zumodra/zumodra/internal/testfactory"
	"github.com/zumodra/zumodra/internal/web"
)

// The front door shows the newest jobs, the top rated freelancers, the
// companies with the most open jobs and the totals, and follows the feed:
// a new job shows on the next view, cached page or not.
func TestHomeShowsTheCatalogAndFollowsTheFeed(t *testing.T) {
	t.Parallel()
	e := newEnvWith(t, web.Config{PageCacheTTL: time.Hour})
	acme := e.tenant("acme", "Acme Robotics", "")
	beta := e.tenant("beta", "Beta Labs", "")
	e.job(acme, func(r *jobRow) { r.Title = "Robot Whisperer"; r.PublishedAt = now.Add(-72 * time.Hour) })
	e.job(beta, func(r *jobRow) { r.Title = "Lab Manager"; r.PublishedAt = now.Add(-48 * time.Hour) })
	e.job(beta, func(r *jobRow) { r.Title = "Lab Assistant"; r.PublishedAt = now.Add(-96 * time.Hour) })
	e.provider(acme, func(r *providerRow) { r.Name = "Grace Hopper"; r.Rating = 4.9; r.Reviews = 40 })
	e.provider(acme, func(r *providerRow) { r.Name = "Ada Lovelace"; r.Rating = 3.1; r.Reviews = 5 })
	e.seen()
	body := e.mustGet("/", http.StatusOK)
	contains(t, body, `action="/careers/" method="get"`, `action="/browse-freelancers/" method="get"`, `<label class="sr-only" for="home-q-jobs">`,
		`<label class="sr-only" for="home-q-freelancers">`, "Robot Whisperer", "Lab Manager", "Grace Hopper",
		`href="/careers/?company=beta"`, "2 open jobs", "<strong>3</strong> open jobs", "<strong>2</strong> companies",
		`<link rel="canonical" href="`+baseURL+`/">`, `"@type":"SearchAction"`,
		`"urlTemplate":"`+baseURL+`/careers/?q={search_term_string}"`)
	inOrder(t, body, "Lab Manager", "Robot Whisperer", "Lab Assistant") // newest first
	inOrder(t, body, "Beta Labs", "Acme Robotics")                      // most open jobs first
	inOrder(t, body, "Grace Hopper", "Ada Lovelace")                    // top rated first
	wellFormed(t, body)

	e.job(acme, func(r *jobRow) { r.Title = "Fresh Opening"; r.PublishedAt = now.Add(-time.Minute) })
	e.seen()
	body = e.mustGet("/", http.StatusOK)
	inOrder(t, body, "Fresh Opening", "Lab Manager")
	contains(t, body, "<strong>4</strong> open jobs")
}

// HEAD answers like GET without a body, and the ETag revalidates.
func TestHomeHeadAndETag(t *testing.T) {
	t.Parallel()
	e := newEnvWith(t, web.Config{PageCacheTTL: time.Hour})
	e.job(e.tenant("acme", "Acme Robotics", ""), nil)
	e.seen()
	srv := httptest.NewServer(e.mux)
	defer srv.Close()
	res, err := http.Head(srv.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK || res.Header.Get("ETag") == "" || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") {
		t.Fatalf("HEAD /: %d, headers %v", res.StatusCode, res.Header)
	}
	r := httptest.NewRequest(http.MethodGet, "/", nil)
	r.Header.Set("If-None-Match", res.Header.Get("ETag"))
	if res, _ := e.do(r); res.StatusCode != http.StatusNotModified {
		t.Fatalf("revalidation: %d, want 304", res.StatusCode)
	}
	if res, _ := e.get("/nowhere"); res.StatusCode != http.StatusNotFound {
		t.Fatalf("/nowhere: %d, want 404: the front door is / alone", res.StatusCode)
	}
}

// A suspended tenant's jobs, freelancers and company leave the front door
// through the real sync, and its counts with them.
func TestHomeHidesSuspendedTenants(t *testing.T) {
	e := newEnv(t)
	acme := e.tenant("acme", "Acme Robotics", "")
	beta := e.tenant("beta", "Beta Labs", "")
	e.publicJob(acme, &testfactory.JobOpts{Title: "Robot Whisperer"})
	e.publicProvider(acme)
	e.publicJob(beta, &testfactory.JobOpts{Title: "Lab Manager"})
	contains(t, e.mustGet("/", http.StatusOK), "Robot Whisperer", "Acme Robotics", "Ada Studio", "Lab Manager")
	ctx := context.Background()
	if _, err := tenants.New(e.pool).Suspend(ctx, acme.Slug); err != nil {
		t.Fatal(err)
	}
	if _, err := resync.Run(ctx, e.pool, resync.Options{TenantSlugs: []string{acme.Slug}}); err != nil {
		t.Fatal(err)
	}
	body := e.mustGet("/", http.StatusOK)
	contains(t, body, "Lab Manager", "<strong>1</strong> open jobs", "<strong>0</strong> freelancers")
	lacks(t, body, "Robot Whisperer", "Acme Robotics", "Ada Studio", "?company=acme")
}

// An empty catalog still answers a front door, with its searches.
func TestHomeOnAnEmptyCatalog(t *testing.T) {
	e := newEnv(t)
	body := e.mustGet("/", http.StatusOK)
	contains(t, body, "No open positions yet", "No freelancers listed yet", `action="/careers/"`)
	lacks(t, body, "Companies hiring")
	wellFormed(t, body)
}

// inOrder fails unless each of wants occurs in body after the one before.
func inOrder(t *testing.T, body string, wants ...string) {
	t.Helper()
	at := 0
	for _, w := range wants {
		i := strings.Index(body[at:], w)
		if i < 0 {
			t.Errorf("%q missing, or not in the order %q", w, wants)
			return
		}
		at += i + len(w)
	}
}

var idAttr = regexp.MustCompile(` id="([^"]+)"`)

// wellFormed checks what a checker would flag first on a page: one h1,
// unique ids, and the landmarks.
func wellFormed(t *testing.T, body string) {
	t.Helper()
	if n := strings.Count(body, "<h1"); n != 1 {
		t.Errorf("%d h1 elements, want 1", n)
	}
	seen := map[string]bool{}
	for _, m := range idAttr.FindAllStringSubmatch(body, -1) {
		if seen[m[1]] {
			t.Errorf("duplicate id %q", m[1])
		}
		seen[m[1]] = true
	}
	contains(t, body, "<header", "<main", "<footer", `<nav class="site-nav" aria-label="Main">`)
}
