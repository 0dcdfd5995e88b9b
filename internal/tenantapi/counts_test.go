package tenantapi_test

import (
	"context"
	"net/http"
	"strconv"
	"testing"

	"github.com/zumodra/zumodra/internal/counts"
	"github.com/zumodra/zumodra/internal/kind"
)

// The tenant's jobs and providers carry their counts: the views the public
// pages counted (after a flush) and the exact number of applications and
// inquiries in its schema; another tenant's rows with the same source id
// keep their own counts.
func TestResourcesCarryCounts(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newEnv(t, unlimited())
	a, b := e.tenant("acme"), e.tenant("globex")
	job, _ := e.create(a.key, tp+"/jobs", validJob())
	other, _ := e.create(b.key, tp+"/jobs", validJob())
	prov, _ := e.create(a.key, tp+"/providers", validProvider())
	e.syncAll(a)
	e.syncAll(b)
	jobCat, otherCat := e.catalogID("job_catalog", a, job), e.catalogID("job_catalog", b, other)
	provCat := e.catalogID("provider_catalog", a, prov)

	c := counts.New(e.pool, counts.Options{})
	for range 3 {
		c.Add(kind.Jobs, jobCat, counts.View)
	}
	c.Add(kind.Jobs, otherCat, counts.View)
	c.Add(kind.Providers, provCat, counts.View)
	if err := c.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	for i, email := range []string{"ada@example.com", "grace@example.com"} {
		must(t, e.do("POST", "/api/v1/careers/jobs/"+strconv.FormatInt(jobCat, 10)+"/applications", "",
			map[string]any{"name": "Applicant " + strconv.Itoa(i), "email": email, "resume_text": "cv"}), http.StatusCreated)
	}
	must(t, e.do("POST", "/api/v1/providers/"+strconv.FormatInt(provCat, 10)+"/inquiries", "",
		map[string]any{"name": "Bob", "email": "bob@example.com", "message": "Build me a site"}), http.StatusCreated)

	got := must(t, e.do("GET", tp+"/jobs/"+strconv.FormatInt(job, 10), a.key, nil), http.StatusOK).json(t)
	if got["view_count"] != 3.0 || got["application_count"] != 2.0 {
		t.Fatalf("acme's job: view_count %v, application_count %v; want 3 and 2", got["view_count"], got["application_count"])
	}
	list := must(t, e.do("GET", tp+"/jobs", b.key, nil), http.StatusOK).json(t)["items"].([]any)
	if o := list[0].(map[string]any); len(list) != 1 || o["view_count"] != 1.0 || o["application_count"] != 0.0 {
		t.Fatalf("globex's jobs: %v", list)
	}
	p := must(t, e.do("GET", tp+"/providers/"+strconv.FormatInt(prov, 10), a.key, nil), http.StatusOK).json(t)
	if p["view_count"] != 1.0 || p["inquiry_count"] != 1.0 {
		t.Fatalf("acme's provider: view_count %v, inquiry_count %v; want 1 and 1", p["view_count"], p["inquiry_count"])
	}
	patched := must(t, e.do("PATCH", tp+"/jobs/"+strconv.FormatInt(job, 10), a.key, map[string]any{"team": "Robots"},
		"If-Match", `"v`+strconv.Itoa(int(got["version"].(float64)))+`"`), http.StatusOK).json(t)
	if patched["view_count"] != 3.0 || patched["application_count"] != 2.0 {
		t.Fatalf("a write's response lost the counts: %v %v", patched["view_count"], patched["application_count"])
	}
	must(t, e.do("PATCH", tp+"/jobs/"+strconv.FormatInt(job, 10), a.key, map[string]any{"view_count": 1_000_000}, // the database's, like id and version
		"If-Match", `"v`+strconv.Itoa(int(patched["version"].(float64)))+`"`), http.StatusBadRequest)
}
