package tenantapi_test

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5"
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

	// Moves with a key: their recorded answers repeat the submission.
	moveAda := func() resp {
		return e.do("POST", tp+"/applications/"+strconv.FormatInt(s.adaApps[1], 10)+"/status", s.a.key,
			map[string]any{"status": "rejected"}, "If-Match", `"v1"`, "Idempotency-Key", "move-ada")
	}
	must(t, moveAda(), http.StatusOK)
	if again := must(t, moveAda(), http.StatusOK); again.header.Get("Idempotent-Replayed") != "true" {
		t.Fatal("a status move sent again with its key was not replayed")
	}
	must(t, e.do("POST", tp+"/applications/"+strconv.FormatInt(s.bobApp, 10)+"/status", s.a.key,
		map[string]any{"status": "rejected"}, "If-Match", `"v1"`, "Idempotency-Key", "move-bob"), http.StatusOK)
	answers := func(needle string) int {
		var n int
		if err := e.pool.QueryRow(t.Context(), `SELECT count(*) FROM public.tenant_idempotency_keys
			WHERE tenant_id = $1 AND strpos(lower(convert_from(body, 'UTF8')), $2) > 0`, s.a.ID, needle).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if answers("ada@example.com") != 1 || answers("bob@example.com") != 1 {
		t.Fatalf("recorded answers: Ada's %d, Bob's %d", answers("ada@example.com"), answers("bob@example.com"))
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
	if rows["applications"] != 2.0 || rows["application_history"] != 2.0 || rows["project_inquiries"] != 1.0 ||
		rows["inquiry_history"] != 0.0 || rows["idempotency_answers"] != 1.0 {
		t.Errorf("rows %v", rows)
	}
	if answers("ada@example.com") != 0 || answers("bob@example.com") != 1 {
		t.Errorf("recorded answers after the erase: Ada's %d, Bob's %d", answers("ada@example.com"), answers("bob@example.com"))
	}
	// The move's key is forgotten with its answer: sent again, the move is
	// tried anew and finds the application gone.
	must(t, moveAda(), http.StatusNotFound)
	if strings.Contains(strings.ToLower(string(r.body)), "ada@") {
		t.Errorf("the erase answer repeats the address: %s", r.body)
	}
	if n := e.count(s.a, "application_history"); n != 1 {
		t.Errorf("%d history rows left, want Bob's move", n)
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

// Erases racing each other and status moves of the same submissions each
// get a clear answer, never a 500: the row locks order them, every
// submission is erased exactly once, and no move survives its submission.
func TestApplicantEraseRacesMoves(t *testing.T) {
	t.Parallel()
	s := newApplicants(t)
	e := s.e
	type answer struct {
		erase  bool
		status int
		body   map[string]any
	}
	answers := make(chan answer, 6)
	var wg sync.WaitGroup
	for i := range 6 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if i%3 == 0 {
				r := e.do("DELETE", applicantPath("ada@example.com"), s.a.key, nil)
				var body map[string]any
				if r.status == http.StatusOK {
					body = r.json(t)
				}
				answers <- answer{true, r.status, body}
				return
			}
			id := s.adaApps[i%2]
			version := map[int64]string{s.adaApps[0]: `"v2"`, s.adaApps[1]: `"v1"`}[id]
			r := e.do("POST", tp+"/applications/"+strconv.FormatInt(id, 10)+"/status", s.a.key,
				map[string]any{"status": "offer"}, "If-Match", version)
			answers <- answer{false, r.status, nil}
		}()
	}
	wg.Wait()
	close(answers)
	var erased []int64
	for a := range answers {
		switch {
		case a.erase && a.status == http.StatusOK:
			erased = append(erased, ids(a.body["applications"])...)
		case !a.erase && slices.Contains([]int{http.StatusOK, http.StatusNotFound, http.StatusPreconditionFailed}, a.status):
		default:
			t.Errorf("erase %v answered %d", a.erase, a.status)
		}
	}
	slices.Sort(erased)
	if !slices.Equal(erased, s.adaApps) {
		t.Errorf("erased %v between them, want each of %v once", erased, s.adaApps)
	}
	var orphans int
	if err := e.pool.QueryRow(t.Context(), `SELECT count(*) FROM `+pgx.Identifier{s.a.SchemaName, "application_history"}.Sanitize()+`
		WHERE application_id = ANY ($1)`, s.adaApps).Scan(&orphans); err != nil || orphans != 0 {
		t.Errorf("%d history rows of erased applications (%v)", orphans, err)
	}
}
