package tenantapi_test

import (
	"context"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/zumodra/zumodra/internal/tenantapi"
)

func validJob() map[string]any {
	return map[string]any{
		"title": "Go engineer", "job_type": "full_time", "experience_level": "senior", "remote_policy": "remote",
		"status": "open", "published_on_career_page": true, "salary_min": 90000, "salary_max": 120000,
		"salary_currency": "EUR", "salary_period": "yearly", "show_salary": true,
		"required_skills": []string{"Go", "PostgreSQL"}, "hiring_manager_email": "boss@acme.example",
		"internal_notes": "private", "custom_questions": []any{map[string]any{"q": "Why us?"}},
	}
}

func with(base map[string]any, kv ...any) map[string]any {
	out := map[string]any{}
	for k, v := range base {
		out[k] = v
	}
	for i := 0; i+1 < len(kv); i += 2 {
		out[kv[i].(string)] = kv[i+1]
	}
	return out
}

func TestJobCreateReadsBackWithPrivateFields(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a := e.tenant("acme")
	id, _ := e.create(a.key, tp+"/jobs", validJob())
	m := must(t, e.do("GET", tp+"/jobs/"+strconv.FormatInt(id, 10), a.key, nil), http.StatusOK).json(t)
	if m["hiring_manager_email"] != "boss@acme.example" || m["internal_notes"] != "private" || m["salary_max"] != 120000.0 {
		t.Fatalf("read back %v", m)
	}
	if m["published_at"] == nil {
		t.Fatal("publishing did not stamp published_at")
	}
	if q := m["custom_questions"].([]any); len(q) != 1 {
		t.Fatalf("custom_questions %v", q)
	}
}

func TestJobValidation(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a := e.tenant("acme")
	cases := []struct {
		name   string
		body   any
		status int
		fields []string
	}{
		{"title missing", with(validJob(), "title", ""), 422, []string{"title"}},
		{"title too long", with(validJob(), "title", strings.Repeat("t", 201)), 422, []string{"title"}},
		{"bad job type", with(validJob(), "job_type", "gig"), 422, []string{"job_type"}},
		{"bad experience", with(validJob(), "experience_level", "god"), 422, []string{"experience_level"}},
		{"bad remote", with(validJob(), "remote_policy", "mars"), 422, []string{"remote_policy"}},
		{"bad status", with(validJob(), "status", "published"), 422, []string{"status"}},
		{"bad period", with(validJob(), "salary_period", "fortnightly"), 422, []string{"salary_period"}},
		{"currency not ISO", with(validJob(), "salary_currency", "ABC"), 422, []string{"salary_currency"}},
		{"currency lower", with(validJob(), "salary_currency", "eur"), 422, []string{"salary_currency"}},
		{"min above max", with(validJob(), "salary_min", 200000), 422, []string{"salary_min"}},
		{"negative salary", with(validJob(), "salary_min", -1), 422, []string{"salary_min"}},
		{"salary overflow", with(validJob(), "salary_max", 1e12), 422, []string{"salary_max"}},
		{"latitude", with(validJob(), "latitude", 91, "longitude", 0), 422, []string{"latitude"}},
		{"latitude without longitude", with(validJob(), "latitude", 48.85), 422, []string{"longitude"}},
		{"longitude without latitude", with(validJob(), "longitude", 2.35), 422, []string{"latitude"}},
		{"longitude out of range", with(validJob(), "latitude", 0, "longitude", -180.5), 422, []string{"longitude"}},
		{"positions", with(validJob(), "positions_count", 0), 422, []string{"positions_count"}},
		{"unknown category", with(validJob(), "category_id", 999999), 422, []string{"category_id"}},
		{"bad manager email", with(validJob(), "hiring_manager_email", "boss"), 422, []string{"hiring_manager_email"}},
		{"questions not array", with(validJob(), "custom_questions", map[string]any{"a": 1}), 422, []string{"custom_questions"}},
		{"skill empty", with(validJob(), "required_skills", []string{""}), 422, []string{"required_skills"}},
		{"several at once", with(validJob(), "title", "", "job_type", "x", "salary_currency", "US"), 422,
			[]string{"title", "job_type", "salary_currency"}},
		{"wrong type", with(validJob(), "positions_count", "two"), 400, []string{"positions_count"}},
		{"unknown field", with(validJob(), "salary", 5), 400, []string{"salary"}},
		{"read-only id", with(validJob(), "id", 5), 400, []string{"id"}},
		{"not JSON", "{title:", 400, nil},
		{"array body", "[]", 400, nil},
		{"trailing data", `{"title":"a"} {"title":"b"}`, 400, nil},
		{"invalid UTF-8 body", "{\"title\":\"\xff\xfe\"}", 400, nil},
		{"NUL escape", `{"title":"a\u0000b"}`, 422, []string{"title"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := e.do("POST", tp+"/jobs", a.key, c.body)
			if r.status != c.status {
				t.Fatalf("status %d, want %d: %s", r.status, c.status, r.body)
			}
			if ct := r.header.Get("Content-Type"); ct != "application/problem+json" {
				t.Fatalf("content type %s", ct)
			}
			for _, f := range c.fields {
				if !slices.Contains(r.fields(t), f) {
					t.Fatalf("fields %v lack %s: %s", r.fields(t), f, r.body)
				}
			}
		})
	}
	if n := e.count(a, "job_postings"); n != 0 {
		t.Fatalf("%d jobs stored by invalid requests", n)
	}
}

func TestBodyLimit(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a := e.tenant("acme")
	big := `{"title":"` + strings.Repeat("x", 2<<20) + `"}`
	must(t, e.do("POST", tp+"/jobs", a.key, big), http.StatusRequestEntityTooLarge)
	id, _ := e.create(a.key, tp+"/jobs", validJob())
	must(t, e.do("PATCH", tp+"/jobs/"+strconv.FormatInt(id, 10), a.key, big, "If-Match", `"v1"`), http.StatusRequestEntityTooLarge)
	// An application may carry a file, so its limit is its own.
	huge := `{"name":"` + strings.Repeat("x", tenantapi.MaxApplicationBody) + `"}`
	must(t, e.do("POST", "/api/v1/careers/jobs/1/applications", "", huge), http.StatusRequestEntityTooLarge)
	must(t, e.do("POST", "/api/v1/providers/1/inquiries", "", big), http.StatusRequestEntityTooLarge)
}

func TestPatchIsPartialAndPutReplaces(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a := e.tenant("acme")
	id, _ := e.create(a.key, tp+"/jobs", validJob())
	path := tp + "/jobs/" + strconv.FormatInt(id, 10)
	m := must(t, e.do("PATCH", path, a.key, map[string]any{"salary_min": nil, "team": "Core"}, "If-Match", `"v1"`), http.StatusOK).json(t)
	if m["salary_min"] != nil || m["team"] != "Core" || m["title"] != "Go engineer" || m["internal_notes"] != "private" {
		t.Fatalf("patch result %v", m)
	}
	m = must(t, e.do("PUT", path, a.key, map[string]any{"title": "Only title"}, "If-Match", `"v2"`), http.StatusOK).json(t)
	if m["team"] != "" || m["status"] != "draft" || m["internal_notes"] != "" || m["salary_currency"] != "USD" {
		t.Fatalf("put did not reset omitted fields to defaults: %v", m)
	}
	// A failed patch leaves the row as it was.
	must(t, e.do("PATCH", path, a.key, map[string]any{"title": "", "team": "Changed"}, "If-Match", `"v3"`), http.StatusUnprocessableEntity)
	m = must(t, e.do("GET", path, a.key, nil), http.StatusOK).json(t)
	if m["team"] != "" || m["version"] != 3.0 {
		t.Fatalf("failed patch changed the row: %v", m)
	}
}

func TestBadTimeNamesItsField(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a := e.tenant("acme")
	for _, v := range []any{"tomorrow", 5, "2026-13-01T00:00:00Z"} {
		r := must(t, e.do("POST", tp+"/jobs", a.key, with(validJob(), "application_deadline", v)), http.StatusBadRequest)
		if f := r.fields(t); len(f) != 1 || f[0] != "application_deadline" {
			t.Fatalf("%v: fields %v", v, f)
		}
	}
	must(t, e.do("POST", tp+"/jobs", a.key, with(validJob(), "application_deadline", "2026-12-31T23:59:00+02:00")), http.StatusCreated)
}

// A street address and postal code are checked like the other one-line
// fields: too long or with control characters is a 422 naming the field.
func TestJobAddressValidation(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a := e.tenant("acme")
	for _, c := range []struct{ field, value string }{
		{"street_address", strings.Repeat("s", 201)}, {"street_address", "Main St 1\nFloor 2"},
		{"postal_code", strings.Repeat("9", 21)}, {"postal_code", "101\t17"},
	} {
		r := must(t, e.do("POST", tp+"/jobs", a.key, with(validJob(), c.field, c.value)), http.StatusUnprocessableEntity)
		if f := r.fields(t); len(f) != 1 || f[0] != c.field {
			t.Errorf("%s = %q: fields %v", c.field, c.value, f)
		}
	}
	if n := e.count(a, "job_postings"); n != 0 {
		t.Fatalf("%d jobs stored by invalid addresses", n)
	}
}

// A good address is stored, and the sync copies it, and each change to it,
// to the job's public catalog row.
func TestJobAddressReachesCatalog(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a := e.tenant("acme")
	id, _ := e.create(a.key, tp+"/jobs", with(validJob(), "remote_policy", "on_site",
		"street_address", "Friedrichstraße 68", "postal_code", "10117"))
	path := tp + "/jobs/" + strconv.FormatInt(id, 10)
	m := must(t, e.do("GET", path, a.key, nil), http.StatusOK).json(t)
	if m["street_address"] != "Friedrichstraße 68" || m["postal_code"] != "10117" {
		t.Fatalf("read back %v %v", m["street_address"], m["postal_code"])
	}
	e.syncAll(a)
	e.wantAddress(a, id, "Friedrichstraße 68", "10117")
	must(t, e.do("PATCH", path, a.key, map[string]any{"postal_code": "10115"}, "If-Match", `"v1"`), http.StatusOK)
	e.syncAll(a)
	e.wantAddress(a, id, "Friedrichstraße 68", "10115")
}

func (e *env) wantAddress(ten tenant, sourceID int64, street, postal string) {
	e.t.Helper()
	var s, p string
	err := e.pool.QueryRow(context.Background(), `SELECT street_address, postal_code FROM public.job_catalog
		WHERE tenant_id = $1 AND source_id = $2`, ten.ID, sourceID).Scan(&s, &p)
	if err != nil || s != street || p != postal {
		e.t.Fatalf("catalog address %q %q (%v), want %q %q", s, p, err, street, postal)
	}
}
