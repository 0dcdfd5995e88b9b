package tenantapi_test

import (
	"net/http"
	"strconv"
	"strings"
	"testing"
)

// apply sends one application to the tenant's job through the public
// endpoint and returns its id in the tenant's schema.
func (e *env) apply(ten tenant, job int64, email string) int64 {
	e.t.Helper()
	return e.submit("/api/v1/careers/jobs/", e.catalogID("job_catalog", ten, job), "/applications",
		map[string]any{"name": "Ada", "email": email, "resume_text": "cv"})
}

// submit posts a visitor's submission to the catalog row's public route
// and returns its id in the tenant's schema.
func (e *env) submit(prefix string, catalogID int64, suffix string, body map[string]any) int64 {
	e.t.Helper()
	r := must(e.t, e.do("POST", prefix+strconv.FormatInt(catalogID, 10)+suffix, "", body), http.StatusCreated)
	return int64(r.json(e.t)["id"].(float64))
}

// keyPrefix is the eight characters after "zmd_" that name a key; they are
// base64url, so they may hold an underscore themselves.
func keyPrefix(secret string) string {
	return strings.TrimPrefix(secret, "zmd_")[:8]
}

func TestApplicationPipeline(t *testing.T) {
	t.Parallel()
	e := newEnv(t, unlimited())
	a, b := e.tenant("acme"), e.tenant("globex")
	job, _ := e.create(a.key, tp+"/jobs", validJob())
	e.syncAll(a)
	id := e.apply(a, job, "ada@example.com")
	path := tp + "/applications/" + strconv.FormatInt(id, 10)

	got := must(t, e.do("GET", path, a.key, nil), http.StatusOK)
	if got.header.Get("ETag") != `"v1"` || got.json(t)["status"] != "new" {
		t.Fatalf("fresh application: %s %s", got.header.Get("ETag"), got.body)
	}
	move := map[string]any{"status": "reviewing", "note": "strong CV"}
	must(t, e.do("POST", path+"/status", a.key, move), http.StatusPreconditionRequired)
	must(t, e.do("POST", path+"/status", a.key, move, "If-Match", `"v7"`), http.StatusPreconditionFailed)
	must(t, e.do("POST", path+"/status", b.key, move, "If-Match", `"v1"`), http.StatusNotFound)
	bad := must(t, e.do("POST", path+"/status", a.key, map[string]any{"status": "promoted"}, "If-Match", `"v1"`), http.StatusUnprocessableEntity)
	if f := bad.fields(t); len(f) != 1 || f[0] != "status" {
		t.Fatalf("fields %v", f)
	}
	must(t, e.do("POST", path+"/status", a.key, map[string]any{"status": "new"}, "If-Match", `"v1"`), http.StatusUnprocessableEntity)
	must(t, e.do("POST", path+"/status", a.key, map[string]any{"status": "hired", "extra": 1}, "If-Match", `"v1"`), http.StatusBadRequest)

	r := must(t, e.do("POST", path+"/status", a.key, move, "If-Match", `"v1"`), http.StatusOK)
	if r.header.Get("ETag") != `"v2"` || r.json(t)["status"] != "reviewing" {
		t.Fatalf("after move: %s %s", r.header.Get("ETag"), r.body)
	}
	// The second editor decided on v1 too: refused, nothing recorded.
	must(t, e.do("POST", path+"/status", a.key, map[string]any{"status": "rejected"}, "If-Match", `"v1"`), http.StatusPreconditionFailed)
	must(t, e.do("POST", path+"/status", a.key, map[string]any{"status": "interview"}, "If-Match", `"v2"`), http.StatusOK)

	hist := must(t, e.do("GET", path+"/history", a.key, nil), http.StatusOK).json(t)["items"].([]any)
	if len(hist) != 2 {
		t.Fatalf("history %v", hist)
	}
	first := hist[0].(map[string]any)
	if first["from_status"] != "new" || first["to_status"] != "reviewing" || first["note"] != "strong CV" ||
		first["actor"] != "api key "+keyPrefix(a.key)+" (default)" || first["created_at"] == "" {
		t.Fatalf("first move %v", first)
	}
	must(t, e.do("GET", path+"/history", b.key, nil), http.StatusNotFound)
}

func TestInboxFiltersAndPaging(t *testing.T) {
	t.Parallel()
	e := newEnv(t, unlimited())
	a := e.tenant("acme")
	job1, _ := e.create(a.key, tp+"/jobs", validJob())
	job2, _ := e.create(a.key, tp+"/jobs", validJob())
	e.syncAll(a)
	var ids []int64
	for i := range 5 {
		job := job1
		if i%2 == 1 {
			job = job2
		}
		ids = append(ids, e.apply(a, job, "p"+strconv.Itoa(i)+"@example.com"))
	}
	moveTo := func(id int64, status string) {
		must(t, e.do("POST", tp+"/applications/"+strconv.FormatInt(id, 10)+"/status", a.key, map[string]any{"status": status}, "If-Match", `"v1"`), http.StatusOK)
	}
	moveTo(ids[0], "rejected")
	moveTo(ids[3], "interview")

	count := func(query string) int {
		return len(must(t, e.do("GET", tp+"/applications?"+query, a.key, nil), http.StatusOK).json(t)["items"].([]any))
	}
	cases := map[string]int{
		"status=new": 3, "status=rejected,interview": 2, "status=hired": 0,
		"job_id=" + strconv.FormatInt(job2, 10): 2, "job_id=" + strconv.FormatInt(job1, 10) + "&status=new": 2,
		"since=2000-01-01T00:00:00Z": 5, "since=2999-01-01T00:00:00Z": 0,
	}
	for q, want := range cases {
		if got := count(q); got != want {
			t.Errorf("?%s: %d items, want %d", q, got, want)
		}
	}
	for _, q := range []string{"status=promoted", "since=yesterday", "job_id=-1", "limit=0", "cursor=x"} {
		if r := e.do("GET", tp+"/applications?"+q, a.key, nil); r.status != http.StatusBadRequest {
			t.Errorf("?%s: %d, want 400", q, r.status)
		}
	}
	// Newest first, two at a time, the cursor carrying on without gaps.
	var seen []int64
	cursor := ""
	for range 4 {
		page := must(t, e.do("GET", tp+"/applications?limit=2"+cursor, a.key, nil), http.StatusOK).json(t)
		for _, it := range page["items"].([]any) {
			seen = append(seen, int64(it.(map[string]any)["id"].(float64)))
		}
		next, _ := page["next_cursor"].(string)
		if next == "" {
			break
		}
		cursor = "&cursor=" + next
	}
	if len(seen) != 5 || seen[0] != ids[4] || seen[4] != ids[0] {
		t.Fatalf("paged ids %v, made %v", seen, ids)
	}
}

func TestInquiryPipeline(t *testing.T) {
	t.Parallel()
	e := newEnv(t, unlimited())
	a := e.tenant("acme")
	prov, _ := e.create(a.key, tp+"/providers", validProvider())
	e.syncAll(a)
	path := "/api/v1/providers/" + strconv.FormatInt(e.catalogID("provider_catalog", a, prov), 10) + "/inquiries"
	id := int64(must(t, e.do("POST", path, "", map[string]any{"name": "Bob", "email": "bob@example.org", "message": "Logo?"}), http.StatusCreated).json(t)["id"].(float64))
	item := tp + "/inquiries/" + strconv.FormatInt(id, 10)
	must(t, e.do("POST", item+"/status", a.key, map[string]any{"status": "interview"}, "If-Match", `"v1"`), http.StatusUnprocessableEntity)
	must(t, e.do("POST", item+"/status", a.key, map[string]any{"status": "replied"}, "If-Match", `"v1"`), http.StatusOK)
	must(t, e.do("POST", item+"/status", a.key, map[string]any{"status": "won", "note": "signed"}, "If-Match", `"v2"`), http.StatusOK)
	if n := len(must(t, e.do("GET", tp+"/inquiries?status=won", a.key, nil), http.StatusOK).json(t)["items"].([]any)); n != 1 {
		t.Fatalf("%d won inquiries", n)
	}
	if n := len(must(t, e.do("GET", item+"/history", a.key, nil), http.StatusOK).json(t)["items"].([]any)); n != 2 {
		t.Fatalf("%d history rows", n)
	}
}
