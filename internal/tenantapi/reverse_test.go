package tenantapi_test

import (
	"bytes"
	"net/http"
	"strconv"
	"testing"

	"github.com/zumodra/zumodra/internal/httpx"
	"github.com/zumodra/zumodra/internal/tenantapi"
)

func unlimited() tenantapi.Option {
	return tenantapi.WithSubmitLimiter(httpx.NewRateLimiter(1e6, 1e6))
}

// The whole loop: a tenant publishes through its API, the sync makes the
// job public, a visitor applies through the public JSON endpoint, and the
// tenant (only that tenant) reads the application through its API.
func TestApplicationEndToEnd(t *testing.T) {
	t.Parallel()
	e := newEnv(t, unlimited())
	a, b := e.tenant("acme"), e.tenant("globex")
	job, _ := e.create(a.key, tp+"/jobs", validJob())
	e.create(b.key, tp+"/jobs", validJob())
	e.syncAll(a)
	e.syncAll(b)
	cat := e.catalogID("job_catalog", a, job)

	r := must(t, e.do("POST", "/api/v1/careers/jobs/"+strconv.FormatInt(cat, 10)+"/applications", "",
		map[string]any{"name": "Ada Lovelace", "email": "ada@example.com", "resume_text": "cv", "cover_letter": "Hello"}), http.StatusCreated)
	receipt := r.json(t)
	if receipt["tenant_name"] != "Company acme" || receipt["title"] != "Go engineer" {
		t.Fatalf("receipt %v", receipt)
	}
	list := must(t, e.do("GET", tp+"/applications", a.key, nil), http.StatusOK).json(t)
	items := list["items"].([]any)
	if len(items) != 1 {
		t.Fatalf("acme sees %d applications", len(items))
	}
	app := items[0].(map[string]any)
	if app["name"] != "Ada Lovelace" || app["job_id"] != float64(job) || app["status"] != "new" || app["id"] != receipt["id"] {
		t.Fatalf("application %v", app)
	}
	must(t, e.do("GET", tp+"/applications/"+strconv.FormatInt(int64(app["id"].(float64)), 10), a.key, nil), http.StatusOK)
	filtered := must(t, e.do("GET", tp+"/applications?job_id="+strconv.FormatInt(job+100, 10), a.key, nil), http.StatusOK).json(t)
	if len(filtered["items"].([]any)) != 0 {
		t.Fatal("job_id filter ignored")
	}
	if other := must(t, e.do("GET", tp+"/applications", b.key, nil), http.StatusOK); bytes.Contains(other.body, []byte("Ada")) {
		t.Fatal("globex sees acme's application")
	}
}

func TestInquiryEndToEnd(t *testing.T) {
	t.Parallel()
	e := newEnv(t, unlimited())
	a := e.tenant("acme")
	prov, _ := e.create(a.key, tp+"/providers", validProvider())
	e.syncAll(a)
	path := "/api/v1/providers/" + strconv.FormatInt(e.catalogID("provider_catalog", a, prov), 10) + "/inquiries"
	bad := must(t, e.do("POST", path, "", map[string]any{"name": "", "email": "x", "message": "", "currency": "usd"}), http.StatusUnprocessableEntity)
	if f := bad.fields(t); len(f) != 4 {
		t.Fatalf("fields %v", f)
	}
	must(t, e.do("POST", path, "", map[string]any{"name": "Bob", "email": "bob@example.org", "message": "Logo?", "budget": 500, "currency": "EUR"}), http.StatusCreated)
	items := must(t, e.do("GET", tp+"/inquiries?provider_id="+strconv.FormatInt(prov, 10), a.key, nil), http.StatusOK).json(t)["items"].([]any)
	if len(items) != 1 || items[0].(map[string]any)["budget"] != 500.0 || items[0].(map[string]any)["currency"] != "EUR" {
		t.Fatalf("inquiries %v", items)
	}
	must(t, e.do("POST", "/api/v1/providers/999999/inquiries", "", map[string]any{"name": "B", "email": "b@example.org", "message": "m"}), http.StatusNotFound)
	must(t, e.do("POST", path, "", map[string]any{"name": "B", "email": "b@example.org", "message": "m", "admin": true}), http.StatusBadRequest)
}

// The visitor loaded the page while the job was public; the tenant
// unpublished it before the sync ran; the visitor's submit gets 410 and
// nothing is stored.
func TestApplicationAfterUnpublishIsGone(t *testing.T) {
	t.Parallel()
	e := newEnv(t, unlimited())
	a := e.tenant("acme")
	job, tag := e.create(a.key, tp+"/jobs", validJob())
	e.syncAll(a)
	cat := e.catalogID("job_catalog", a, job)
	must(t, e.do("PATCH", tp+"/jobs/"+strconv.FormatInt(job, 10), a.key, map[string]any{"published_on_career_page": false}, "If-Match", tag), http.StatusOK)
	r := must(t, e.do("POST", "/api/v1/careers/jobs/"+strconv.FormatInt(cat, 10)+"/applications", "",
		map[string]any{"name": "Ada", "email": "ada@example.com", "resume_text": "cv"}), http.StatusGone)
	if r.header.Get("Content-Type") != "application/problem+json" {
		t.Fatalf("content type %s", r.header.Get("Content-Type"))
	}
	if n := e.count(a, "applications"); n != 0 {
		t.Fatalf("%d applications stored", n)
	}
}

func TestSubmissionsAreRateLimitedPerAddress(t *testing.T) {
	t.Parallel()
	e := newEnv(t, tenantapi.WithSubmitLimiter(httpx.NewRateLimiter(1, 3)))
	statuses := map[int]int{}
	for range 5 {
		statuses[e.do("POST", "/api/v1/careers/jobs/1/applications", "", map[string]any{"name": "A", "email": "a@example.com", "resume_text": "cv"}).status]++
	}
	if statuses[http.StatusNotFound] != 3 || statuses[http.StatusTooManyRequests] != 2 {
		t.Fatalf("statuses %v, want 3 answered and 2 limited", statuses)
	}
}
