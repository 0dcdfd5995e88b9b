package tenantapi_test

import (
	"bytes"
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/zumodra/zumodra/internal/intake"
	"github.com/zumodra/zumodra/internal/tenants"
)

const secret = "B-SECRET-MARKER"

// bRows creates, in tenant b, three rows of each kind (so b's highest ids do
// not exist in a) with the marker in their text, and returns the last ids.
func bRows(t *testing.T, e *env, b tenant) map[string]int64 {
	ids := map[string]int64{}
	for i := range 3 {
		s := strconv.Itoa(i)
		ids["job-categories"], _ = e.create(b.key, tp+"/job-categories", map[string]any{"name": secret, "slug": "c" + s})
		ids["provider-categories"], _ = e.create(b.key, tp+"/provider-categories", map[string]any{"name": secret, "slug": "c" + s})
		ids["jobs"], _ = e.create(b.key, tp+"/jobs", with(validJob(), "title", secret, "internal_notes", secret))
		ids["providers"], _ = e.create(b.key, tp+"/providers", with(validProvider(), "display_name", secret, "private_notes", secret))
	}
	e.syncAll(b)
	svc := intake.New(e.pool, nil)
	for i := range 3 {
		email := "x" + strconv.Itoa(i) + "@example.com" // repeats of one address are stored once
		ra, err := svc.SubmitApplication(context.Background(), e.catalogID("job_catalog", b, ids["jobs"]),
			intake.Application{Name: secret, Email: email, ResumeText: secret, CoverLetter: secret})
		if err != nil {
			t.Fatal(err)
		}
		ids["applications"] = ra.ID
		ri, err := svc.SubmitInquiry(context.Background(), e.catalogID("provider_catalog", b, ids["providers"]),
			intake.Inquiry{Name: secret, Email: email, Message: secret})
		if err != nil {
			t.Fatal(err)
		}
		ids["inquiries"] = ri.ID
	}
	return ids
}

func TestIsolationMatrix(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a, b := e.tenant("acme"), e.tenant("globex")
	e.create(a.key, tp+"/job-categories", map[string]any{"name": "A", "slug": "a"})
	e.create(a.key, tp+"/jobs", validJob())
	ids := bRows(t, e, b)

	for _, res := range []string{"job-categories", "provider-categories", "jobs", "providers"} {
		path := tp + "/" + res + "/" + strconv.FormatInt(ids[res], 10)
		// Valid bodies, so that the lookup itself is what answers.
		body := validBody(res)
		for _, req := range []struct {
			method string
			body   any
		}{{"GET", nil}, {"PATCH", body}, {"PUT", body}, {"DELETE", nil}} {
			r := e.do(req.method, path, a.key, req.body, "If-Match", `"v1"`)
			if r.status != http.StatusNotFound || bytes.Contains(r.body, []byte(secret)) {
				t.Errorf("%s %s with A's key: %d %s", req.method, path, r.status, r.body)
			}
		}
		list := must(t, e.do("GET", tp+"/"+res+"?limit=200", a.key, nil), http.StatusOK)
		if bytes.Contains(list.body, []byte(secret)) {
			t.Errorf("A's list of %s shows B's rows", res)
		}
	}
	for _, res := range []string{"applications", "inquiries"} {
		r := e.do("GET", tp+"/"+res+"/"+strconv.FormatInt(ids[res], 10), a.key, nil)
		if r.status != http.StatusNotFound || bytes.Contains(r.body, []byte(secret)) {
			t.Errorf("GET %s of B with A's key: %d %s", res, r.status, r.body)
		}
		list := must(t, e.do("GET", tp+"/"+res, a.key, nil), http.StatusOK)
		if bytes.Contains(list.body, []byte(secret)) {
			t.Errorf("A's %s list shows B's", res)
		}
	}
	st := must(t, e.do("GET", tp+"/catalog-status", a.key, nil), http.StatusOK)
	if bytes.Contains(st.body, []byte(secret)) {
		t.Error("A's catalog status shows B's rows")
	}
	// Referencing B's category from A's rows is refused: it does not exist
	// in A's schema.
	r := must(t, e.do("POST", tp+"/providers", a.key, validProvider(ids["provider-categories"])), http.StatusUnprocessableEntity)
	if f := r.fields(t); len(f) != 1 || f[0] != "category_ids" {
		t.Errorf("fields %v", f)
	}
	// The provider row was inserted before its links failed: the whole
	// transaction rolled back.
	if n := e.count(a, "service_providers"); n != 0 {
		t.Errorf("half-written provider: %d rows", n)
	}
	// B's rows are untouched and B still sees them all.
	for _, res := range []string{"job-categories", "provider-categories", "jobs", "providers"} {
		m := must(t, e.do("GET", tp+"/"+res+"/"+strconv.FormatInt(ids[res], 10), b.key, nil), http.StatusOK).json(t)
		if m["version"].(float64) < 1 || !strings.Contains(string(must(t, e.do("GET", tp+"/"+res+"/"+strconv.FormatInt(ids[res], 10), b.key, nil), 200).body), secret) {
			t.Errorf("B's %s changed: %v", res, m)
		}
	}
	if e.count(b, "applications") != 3 || e.count(a, "applications") != 0 {
		t.Error("applications crossed tenants")
	}
}

func validBody(res string) any {
	switch res {
	case "jobs":
		return validJob()
	case "providers":
		return validProvider()
	}
	return map[string]any{"name": "hijack", "slug": "hijack"}
}

// tenantEndpoints lists every tenant API operation with a concrete path.
var tenantEndpoints = []struct{ method, path string }{
	{"GET", tp + "/job-categories"}, {"POST", tp + "/job-categories"}, {"GET", tp + "/job-categories/1"},
	{"PUT", tp + "/job-categories/1"}, {"PATCH", tp + "/job-categories/1"}, {"DELETE", tp + "/job-categories/1"},
	{"GET", tp + "/jobs"}, {"POST", tp + "/jobs"}, {"GET", tp + "/jobs/1"},
	{"PUT", tp + "/jobs/1"}, {"PATCH", tp + "/jobs/1"}, {"DELETE", tp + "/jobs/1"},
	{"GET", tp + "/provider-categories"}, {"POST", tp + "/provider-categories"}, {"GET", tp + "/provider-categories/1"},
	{"PUT", tp + "/provider-categories/1"}, {"PATCH", tp + "/provider-categories/1"}, {"DELETE", tp + "/provider-categories/1"},
	{"GET", tp + "/providers"}, {"POST", tp + "/providers"}, {"GET", tp + "/providers/1"},
	{"PUT", tp + "/providers/1"}, {"PATCH", tp + "/providers/1"}, {"DELETE", tp + "/providers/1"},
	{"GET", tp + "/applications"}, {"GET", tp + "/applications/1"},
	{"GET", tp + "/inquiries"}, {"GET", tp + "/inquiries/1"},
	{"GET", tp + "/catalog-status"},
	{"GET", tp + "/applicants"}, {"DELETE", tp + "/applicants"},
	{"GET", tp + "/webhook-endpoints"}, {"POST", tp + "/webhook-endpoints"}, {"GET", tp + "/webhook-endpoints/1"},
	{"PATCH", tp + "/webhook-endpoints/1"}, {"DELETE", tp + "/webhook-endpoints/1"}, {"POST", tp + "/webhook-endpoints/1/rotate-secret"},
	{"GET", tp + "/deliveries"}, {"GET", tp + "/deliveries/1"}, {"POST", tp + "/deliveries/1/replay"},
	{"GET", tp + "/notification-settings"}, {"PATCH", tp + "/notification-settings"},
}

func TestEveryEndpointRefusesBadKeysAlike(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a := e.tenant("acme")
	e.create(a.key, tp+"/job-categories", map[string]any{"name": "A", "slug": "a"})
	store := tenants.New(e.pool)
	revoked, err := store.CreateKey(context.Background(), "acme", "old")
	if err != nil {
		t.Fatal(err)
	}
	if err := store.RevokeKey(context.Background(), "acme", revoked.ID); err != nil {
		t.Fatal(err)
	}
	unknown := a.key[:len(a.key)-4] + "AAAA"
	auths := map[string]string{
		"none": "", "revoked": "Bearer " + revoked.Secret, "unknown": "Bearer " + unknown,
		"malformed": "Bearer not-a-key", "empty bearer": "Bearer ", "basic": "Basic " + a.key,
		"no scheme": a.key, "two tokens": "Bearer " + a.key + " " + a.key, "sql": "Bearer zmd_' OR '1'='1",
	}
	var first []byte
	for _, ep := range tenantEndpoints {
		for name, auth := range auths {
			r := e.do(ep.method, ep.path, "", `{}`, "Authorization", auth, "If-Match", `"v1"`)
			if r.status != http.StatusUnauthorized || r.header.Get("WWW-Authenticate") == "" {
				t.Fatalf("%s %s with %s key: %d %s", ep.method, ep.path, name, r.status, r.body)
			}
			// One body for every failure, apart from the instance path.
			body := bytes.ReplaceAll(r.body, []byte(ep.path), nil)
			if first == nil {
				first = body
			} else if !bytes.Equal(body, first) {
				t.Fatalf("%s key answered differently: %s vs %s", name, body, first)
			}
		}
	}
	must(t, e.do("GET", tp+"/job-categories/1", a.key, nil), http.StatusOK)
}
