package publicapi_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/zumodra/zumodra/internal/catalog"
	"github.com/zumodra/zumodra/internal/changefeed"
	"github.com/zumodra/zumodra/internal/httpx"
	"github.com/zumodra/zumodra/internal/publicapi"
	"github.com/zumodra/zumodra/internal/viewcache"
)

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func assertProblem(t *testing.T, w *httptest.ResponseRecorder, status int, field string) {
	t.Helper()
	if w.Code != status || w.Header().Get("Content-Type") != "application/problem+json" {
		t.Errorf("got %d %q %s, want a %d problem", w.Code, w.Header().Get("Content-Type"), w.Body, status)
		return
	}
	var p problem
	if err := json.Unmarshal(w.Body.Bytes(), &p); err != nil || p.Status != status || p.Title == "" {
		t.Errorf("problem document %s: %v", w.Body, err)
		return
	}
	if field != "" && (len(p.Errors) != 1 || p.Errors[0].Field != field) {
		t.Errorf("problem %s does not name %q", w.Body, field)
	}
	if w.Header().Get("Access-Control-Allow-Origin") != "*" {
		t.Errorf("problem without CORS header")
	}
}

func TestBadParametersAreProblemsNeverErrors(t *testing.T) {
	f := newFixture(t)
	f.job("Go Developer", "contract", "Germany", time.Hour, nil)
	long := strings.Repeat("a", 10_000)
	cases := []struct{ query, field string }{
		{"q=" + strings.Repeat("x", 300), "q"},
		{"q=%FF%FE", "q"},
		{"q=a%00b", "q"},
		{"country=" + strings.Repeat("%C3%A9", 101), "country"},
		{"city=%3Cscript%3Ealert(1)%3C%2Fscript%3E" + strings.Repeat("x", 100), "city"},
		{"job_type=%27%20OR%201%3D1%20--", "job_type"},
		{"experience_level=guru", "experience_level"},
		{"remote=moon", "remote"},
		{"min_salary=-5", "min_salary"},
		{"min_salary=1e400", "min_salary"},
		{"min_salary=NaN", "min_salary"},
		{"min_salary=99999999999999999999", "min_salary"},
		{"min_salary=abc", "min_salary"},
		{"page_size=0", "page_size"},
		{"page_size=101", "page_size"},
		{"page_size=-1", "page_size"},
		{"page_size=99999999999999999999999", "page_size"},
		{"page_size=1.5", "page_size"},
		{"sort=price", "sort"},
		{"sort=newest&sort=salary", "sort"},
		{"cursor=%27%20OR%201%3D1%20--", "cursor"},
		{"cursor=" + long, "query"},
		{"facets=maybe", "facets"},
		{"jobtype=contract", "jobtype"},
		{"q=%zz", "query"},
	}
	for _, c := range cases {
		t.Run(c.query[:min(len(c.query), 30)], func(t *testing.T) {
			assertProblem(t, f.get("/api/v1/careers/jobs?"+c.query), http.StatusBadRequest, c.field)
		})
	}
	provider := []struct{ query, field string }{
		{"min_rating=6", "min_rating"}, {"min_rating=-1", "min_rating"}, {"max_rate=-3", "max_rate"},
		{"verified=perhaps", "verified"}, {"available=2", "available"}, {"sort=salary", "sort"},
		{"skill=" + strings.Repeat("s", 200), "skill"}, {"category=%00", "category"},
	}
	for _, c := range provider {
		assertProblem(t, f.get("/api/v1/providers?"+c.query), http.StatusBadRequest, c.field)
	}
	// Harmless extras are ignored; injection text as a value just matches nothing.
	for _, q := range []string{"utm_source=news&_=123", "q=%27%20OR%201%3D1%20--", "q=%3Cb%3Ehi%3C%2Fb%3E", "company=%27%3B%20DROP%20TABLE%20tenants%3B%20--"} {
		if w := f.get("/api/v1/careers/jobs?" + q); w.Code != http.StatusOK {
			t.Errorf("%s: %d %s", q, w.Code, w.Body)
		}
	}
}

func TestETagAndConditionalGet(t *testing.T) {
	f := newFixture(t)
	id := f.job("Go Developer", "contract", "Germany", time.Hour, nil)
	for _, path := range []string{"/api/v1/careers/jobs", "/api/v1/careers/jobs/" + itoa(id), "/api/v1/careers/stats"} {
		w := f.get(path)
		etag := w.Header().Get("ETag")
		if w.Code != http.StatusOK || !strings.HasPrefix(etag, `"`) || len(etag) < 10 ||
			!strings.HasPrefix(w.Header().Get("Cache-Control"), "public, max-age=") {
			t.Fatalf("%s: %d etag %q cache %q", path, w.Code, etag, w.Header().Get("Cache-Control"))
		}
		if again := f.get(path); again.Header().Get("ETag") != etag {
			t.Errorf("%s: ETag not stable", path)
		}
		for _, inm := range []string{etag, "W/" + etag, `"other", ` + etag, "*"} {
			nm := f.get(path, "If-None-Match", inm)
			if nm.Code != http.StatusNotModified || nm.Body.Len() != 0 || nm.Header().Get("ETag") != etag {
				t.Errorf("%s If-None-Match %s: %d", path, inm, nm.Code)
			}
		}
		if w := f.get(path, "If-None-Match", `"stale"`); w.Code != http.StatusOK {
			t.Errorf("%s stale tag: %d", path, w.Code)
		}
	}
	before := f.get("/api/v1/careers/jobs").Header().Get("ETag")
	f.job("Another", "contract", "Germany", time.Minute, nil)
	if after := f.get("/api/v1/careers/jobs").Header().Get("ETag"); after == before {
		t.Error("ETag unchanged after the list changed")
	}
}

func TestCORS(t *testing.T) {
	f := newFixture(t)
	for _, path := range []string{"/api/v1/careers/jobs", "/api/v1/careers/jobs/1", "/api/v1/careers/categories",
		"/api/v1/careers/locations", "/api/v1/careers/stats", "/api/v1/providers", "/api/v1/providers/1"} {
		w := f.do(http.MethodOptions, path, "Origin", "https://elsewhere.example", "Access-Control-Request-Method", "GET")
		if w.Code != http.StatusNoContent || w.Header().Get("Access-Control-Allow-Origin") != "*" ||
			!strings.Contains(w.Header().Get("Access-Control-Allow-Methods"), "GET") ||
			!strings.Contains(w.Header().Get("Access-Control-Allow-Headers"), "If-None-Match") {
			t.Errorf("preflight %s: %d %v", path, w.Code, w.Header())
		}
		g := f.get(path, "Origin", "https://elsewhere.example")
		if g.Header().Get("Access-Control-Allow-Origin") != "*" || !strings.Contains(g.Header().Get("Access-Control-Expose-Headers"), "ETag") {
			t.Errorf("GET %s: CORS headers %v", path, g.Header())
		}
		if h := f.do(http.MethodHead, path); h.Header().Get("Access-Control-Allow-Origin") != "*" {
			t.Errorf("HEAD %s: %d", path, h.Code)
		}
		if p := f.do(http.MethodPost, path); p.Code != http.StatusMethodNotAllowed {
			t.Errorf("POST %s: %d, want 405", path, p.Code)
		}
	}
}

func TestRateLimitPerClient(t *testing.T) {
	f := newFixture(t)
	mux := http.NewServeMux()
	publicapi.New(catalog.New(f.pool, catalog.Options{}), publicapi.Options{Limiter: httpx.NewRateLimiter(60, 2)}).Routes(mux)
	codes := make([]int, 4)
	for i := range codes {
		r := httptest.NewRequest(http.MethodGet, "/api/v1/careers/stats", nil)
		r.RemoteAddr = "203.0.113.9:1234"
		if i == 3 {
			r.RemoteAddr = "198.51.100.7:1234" // another client still gets through
		}
		w := httptest.NewRecorder()
		mux.ServeHTTP(w, r)
		codes[i] = w.Code
		if w.Code == http.StatusTooManyRequests && (w.Header().Get("Retry-After") == "" || w.Header().Get("Access-Control-Allow-Origin") != "*") {
			t.Errorf("429 headers %v", w.Header())
		}
	}
	if codes[0] != 200 || codes[1] != 200 || codes[2] != http.StatusTooManyRequests || codes[3] != 200 {
		t.Errorf("codes %v, want 200 200 429 200", codes)
	}
}

// An encoded body is reused until the catalog changes, and not a moment
// longer: a write the feed never saw (triggers off, as no real writer can)
// leaves the cached body in place, which proves the reuse; the next real
// change shows on the first request after the follower has it.
func TestBodiesFollowTheFeed(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	feed := changefeed.NewFollower(f.pool, changefeed.Options{})
	fctx, stop := context.WithCancel(ctx)
	done, err := feed.Start(fctx)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { stop(); <-done }()
	mux := http.NewServeMux()
	store := catalog.New(f.pool, catalog.Options{})
	publicapi.New(store, publicapi.Options{Feed: feed}).Routes(mux)
	get := func(target string) *httptest.ResponseRecorder {
		w := httptest.NewRecorder()
		mux.ServeHTTP(w, httptest.NewRequest(http.MethodGet, target, nil))
		return w
	}
	first := get("/api/v1/careers/jobs")
	err = pgx.BeginFunc(ctx, f.pool, func(tx pgx.Tx) error {
		_, err := tx.Exec(ctx, `SET LOCAL session_replication_role = replica`)
		if err == nil {
			_, err = tx.Exec(ctx, `UPDATE public.job_catalog SET title = 'Unseen'`)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if again := get("/api/v1/careers/jobs"); again.Body.String() != first.Body.String() || again.Header().Get("ETag") != first.Header().Get("ETag") {
		t.Error("same request, same catalog version: body not reused")
	}
	if again := get("/api/v1/careers/jobs"); again.Header().Get("Cache-Control") != viewcache.CacheControl {
		t.Errorf("Cache-Control %q", again.Header().Get("Cache-Control"))
	}
	f.job("Added later", "contract", "Germany", time.Minute, nil)
	v, err := changefeed.Current(ctx, f.pool)
	if err != nil {
		t.Fatal(err)
	}
	if err := feed.Wait(ctx, v); err != nil {
		t.Fatal(err)
	}
	if after := get("/api/v1/careers/jobs"); !strings.Contains(after.Body.String(), "Added later") {
		t.Errorf("after the follower saw the change: stale body %s", after.Body)
	}
	if bad := get("/api/v1/careers/jobs?page_size=0"); bad.Code != http.StatusBadRequest {
		t.Errorf("bad request: %d", bad.Code)
	}
	if bad := get("/api/v1/careers/jobs?page_size=0"); bad.Code != http.StatusBadRequest {
		t.Errorf("bad request repeated: %d", bad.Code)
	}
}
