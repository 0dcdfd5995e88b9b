package tenantapi_test

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// inquire sends one inquiry to the tenant's provider through the public
// endpoint and returns its id in the tenant's schema.
func (e *env) inquire(ten tenant, provider int64, email string) int64 {
	e.t.Helper()
	return e.submit("/api/v1/providers/", e.catalogID("provider_catalog", ten, provider), "/inquiries",
		map[string]any{"name": "Ada", "email": email, "message": "A project"})
}

func applicantPath(email string) string { return tp + "/applicants?email=" + url.QueryEscape(email) }

// ids reads the id of each object of a list in a JSON body.
func ids(list any) []int64 {
	var out []int64
	for _, v := range list.([]any) {
		switch x := v.(type) {
		case float64:
			out = append(out, int64(x))
		case map[string]any:
			out = append(out, int64(x["id"].(float64)))
		}
	}
	return out
}

// applicants is a tenant with applications and inquiries from Ada (two
// spellings of her address), from Bob, and a second tenant where Ada
// applied too.
type applicants struct {
	e                *env
	a, b             tenant
	jobA, jobB, jobC int64
	adaApps, adaInqs []int64
	bobApp, bAda     int64
}

func newApplicants(t *testing.T) applicants {
	e := newEnv(t, unlimited())
	s := applicants{e: e, a: e.tenant("acme"), b: e.tenant("globex")}
	s.jobA, _ = e.create(s.a.key, tp+"/jobs", validJob())
	s.jobB, _ = e.create(s.a.key, tp+"/jobs", validJob())
	prov, _ := e.create(s.a.key, tp+"/providers", validProvider())
	s.jobC, _ = e.create(s.b.key, tp+"/jobs", validJob())
	e.syncAll(s.a)
	e.syncAll(s.b)
	s.adaApps = []int64{e.apply(s.a, s.jobA, "ada@example.com"), e.apply(s.a, s.jobB, "  Ada@Example.COM ")}
	s.adaInqs = []int64{e.inquire(s.a, prov, "ADA@example.com")}
	s.bobApp = e.apply(s.a, s.jobA, "bob@example.com")
	s.bAda = e.apply(s.b, s.jobC, "ada@example.com")
	// One move, so the export has history to show.
	must(t, e.do("POST", tp+"/applications/"+strconv.FormatInt(s.adaApps[0], 10)+"/status", s.a.key,
		map[string]any{"status": "reviewing", "note": "strong"}, "If-Match", `"v1"`), http.StatusOK)
	return s
}

// Export answers every application and inquiry of the address, whatever
// its case and spacing, in the caller's schema only, with their history,
// and nothing of anybody else.
func TestApplicantExport(t *testing.T) {
	t.Parallel()
	s := newApplicants(t)
	r := must(t, s.e.do("GET", applicantPath(" ada@EXAMPLE.com"), s.a.key, nil), http.StatusOK)
	if cc := r.header.Get("Cache-Control"); cc != "no-store" {
		t.Errorf("Cache-Control %q", cc)
	}
	body := r.json(t)
	if got := ids(body["applications"]); !slices.Equal(got, s.adaApps) {
		t.Errorf("applications %v, want %v", got, s.adaApps)
	}
	if got := ids(body["inquiries"]); !slices.Equal(got, s.adaInqs) {
		t.Errorf("inquiries %v, want %v", got, s.adaInqs)
	}
	if body["email"] != "ada@EXAMPLE.com" || strings.Contains(string(r.body), "bob@") {
		t.Errorf("export shows %v, or Bob", body["email"])
	}
	first := body["applications"].([]any)[0].(map[string]any)
	hist := first["related"].(map[string]any)["application_history"].([]any)
	if len(hist) != 1 || hist[0].(map[string]any)["to_status"] != "reviewing" || hist[0].(map[string]any)["note"] != "strong" {
		t.Errorf("history of the moved application: %v", hist)
	}
	if first["resume_text"] != "cv" || first["status"] != "reviewing" {
		t.Errorf("exported fields %v", first)
	}
	inq := body["inquiries"].([]any)[0].(map[string]any)
	if h := inq["related"].(map[string]any)["inquiry_history"].([]any); len(h) != 0 {
		t.Errorf("inquiry history %v", h)
	}

	// Tenant B's key sees B's application only, never A's.
	other := must(t, s.e.do("GET", applicantPath("ada@example.com"), s.b.key, nil), http.StatusOK).json(t)
	if got := ids(other["applications"]); !slices.Equal(got, []int64{s.bAda}) || len(ids(other["inquiries"])) != 0 {
		t.Errorf("globex export %v", other)
	}
	none := must(t, s.e.do("GET", applicantPath("nobody@example.com"), s.a.key, nil), http.StatusOK).json(t)
	if len(none["applications"].([]any)) != 0 || len(none["inquiries"].([]any)) != 0 {
		t.Errorf("unknown address: %v", none)
	}
	must(t, s.e.do("GET", applicantPath("ada@example.com"), "", nil), http.StatusUnauthorized)
}

// Erase deletes the address's rows and their history in the caller's
// schema alone, answers what went without repeating the address, and
// erasing again deletes nothing. The duplicate check keeps no trace: the
// address applying again afterwards is stored anew.
func TestApplicantErase(t *testing.T) {
	t.Parallel()
	s := newApplicants(t)
	e := s.e
	// B's key erases B's Ada only.
	rb := must(t, e.do("DELETE", applicantPath("ada@example.com"), s.b.key, nil), http.StatusOK).json(t)
	if got := ids(rb["applications"]); !slices.Equal(got, []int64{s.bAda}) {
		t.Fatalf("globex erased %v", rb)
	}
	if n := e.count(s.a, "applications"); n != 3 {
		t.Fatalf("globex's erase left acme %d of 3 applications", n)
	}
	// Before the erase a repeat within the window is the first one again.
	if again := e.apply(s.a, s.jobA, "ada@example.com"); again != s.adaApps[0] {
		t.Fatalf("repeat stored as %d, want %d", again, s.adaApps[0])
	}

	r := must(t, e.do("DELETE", applicantPath("ADA@example.com"), s.a.key, nil, "Idempotency-Key", "erase-ada-1"), http.StatusOK)
	body := r.json(t)
	if got := ids(body["applications"]); !slices.Equal(got, s.adaApps) {
		t.Errorf("erased applications %v, want %v", got, s.adaApps)
	}
	if got := ids(body["inquiries"]); !slices.Equal(got, s.adaInqs) {
		t.Errorf("erased inquiries %v, want %v", got, s.adaInqs)
	}
	rows := body["rows"].(map[string]any)
	if rows["applications"] != 2.0 || rows["application_history"] != 1.0 || rows["project_inquiries"] != 1.0 || rows["inquiry_history"] != 0.0 {
		t.Errorf("rows %v", rows)
	}
	if strings.Contains(strings.ToLower(string(r.body)), "ada@") {
		t.Errorf("the erase answer repeats the address: %s", r.body)
	}
	if n := e.count(s.a, "application_history"); n != 0 {
		t.Errorf("%d history rows left", n)
	}
	if n := e.count(s.a, "applications"); n != 1 {
		t.Errorf("%d applications left, want Bob's", n)
	}
	// Sent again with its key: the first answer, replayed.
	replay := must(t, e.do("DELETE", applicantPath("ADA@example.com"), s.a.key, nil, "Idempotency-Key", "erase-ada-1"), http.StatusOK)
	if replay.header.Get("Idempotent-Replayed") != "true" || string(replay.body) != string(r.body) {
		t.Errorf("replay: %q %s", replay.header.Get("Idempotent-Replayed"), replay.body)
	}
	// Erased again without a key: nothing left, nothing erased.
	twice := must(t, e.do("DELETE", applicantPath("ada@example.com"), s.a.key, nil), http.StatusOK).json(t)
	if len(twice["applications"].([]any)) != 0 || len(twice["inquiries"].([]any)) != 0 || twice["rows"].(map[string]any)["applications"] != 0.0 {
		t.Errorf("second erase %v", twice)
	}
	gone := must(t, e.do("GET", applicantPath("ada@example.com"), s.a.key, nil), http.StatusOK).json(t)
	if len(gone["applications"].([]any)) != 0 || len(gone["inquiries"].([]any)) != 0 {
		t.Errorf("export after erase %v", gone)
	}
	bob := must(t, e.do("GET", applicantPath("bob@example.com"), s.a.key, nil), http.StatusOK).json(t)
	if got := ids(bob["applications"]); !slices.Equal(got, []int64{s.bobApp}) {
		t.Errorf("Bob's applications after Ada's erase: %v", got)
	}
	if fresh := e.apply(s.a, s.jobA, "ada@example.com"); fresh == s.adaApps[0] || fresh <= s.bobApp {
		t.Errorf("a new application after the erase got id %d: a trace of the erased one decided it", fresh)
	}
}

// Hostile addresses get a clear 400 naming the parameter, and erase nothing.
func TestApplicantHostileAddresses(t *testing.T) {
	t.Parallel()
	s := newApplicants(t)
	bad := []string{
		"email=",
		"",
		"email=ada@example.com&email=bob@example.com",
		"email=" + url.QueryEscape("' OR 1=1 --"),
		"email=" + url.QueryEscape("%' OR lower(email) LIKE '%"),
		"email=" + url.QueryEscape("ada@example.com'; DROP TABLE applications; --"),
		"email=" + strings.Repeat("a", 10000) + "@example.com",
		"email=ada%FF@example.com",
		"email=ada%00@example.com",
		"email=ada@exa%0Ample.com",
		"email=ada@example.com%0D%0AX-Injected:%201",
		"email=" + url.QueryEscape("Ada <ada@example.com>"),
		"email=%25",
	}
	for _, q := range bad {
		for _, method := range []string{"GET", "DELETE"} {
			r := s.e.do(method, tp+"/applicants?"+q, s.a.key, nil)
			if r.status != http.StatusBadRequest || !slices.Contains(r.fields(t), "email") {
				t.Errorf("%s ?%.60s: %d %s", method, q, r.status, r.body)
			}
		}
	}
	if n := s.e.count(s.a, "applications"); n != 3 {
		t.Errorf("hostile erases left %d of 3 applications", n)
	}
}
