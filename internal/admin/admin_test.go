package admin

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/zumodra/zumodra/internal/httpx"
	"github.com/zumodra/zumodra/internal/ops"
	"github.com/zumodra/zumodra/internal/resync"
	"github.com/zumodra/zumodra/internal/testdb"
	"github.com/zumodra/zumodra/internal/testfactory"
	"github.com/zumodra/zumodra/internal/worker"
)

const token = "s3cret-admin-token"

// site serves the admin routes behind the production security headers.
func site(t *testing.T, pool *pgxpool.Pool, tok string) *httptest.Server {
	t.Helper()
	return siteAt(t, pool, tok, time.Now)
}

func siteAt(t *testing.T, pool *pgxpool.Pool, tok string, now func() time.Time) *httptest.Server {
	t.Helper()
	return siteWith(t, pool, Options{Token: tok, Now: now})
}

func siteWith(t *testing.T, pool *pgxpool.Pool, o Options) *httptest.Server {
	t.Helper()
	return serveHandler(t, New(pool, nil, o))
}

func serveHandler(t *testing.T, h *Handler) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	h.Routes(mux)
	srv := httptest.NewServer(httpx.Chain(mux, httpx.SecurityHeaders("")))
	t.Cleanup(srv.Close)
	return srv
}

// client does not follow redirects, so tests see the 303s.
func client() *http.Client {
	return &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

func do(t *testing.T, method, u, bearer string, form url.Values, cookies ...*http.Cookie) (*http.Response, string) {
	t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, u, body)
	if err != nil {
		t.Fatal(err)
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	if bearer != "" {
		req.Header.Set("Authorization", "Bearer "+bearer)
	}
	for _, c := range cookies {
		req.AddCookie(c)
	}
	resp, err := client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	return resp, string(b)
}

func syncedTenant(t *testing.T, pool *pgxpool.Pool) {
	t.Helper()
	tn := testfactory.Tenant(t, pool, &testfactory.TenantOpts{Slug: "democompany", Name: "Demo Company"})
	testfactory.Job(t, pool, tn, nil)
	testfactory.Provider(t, pool, tn, nil)
	if _, err := resync.Run(context.Background(), pool, resync.Options{}); err != nil {
		t.Fatal(err)
	}
	if _, err := pool.Exec(context.Background(), `DELETE FROM public.sync_outbox`); err != nil {
		t.Fatal(err)
	}
}

func TestAdminDisabledWithoutToken(t *testing.T) {
	t.Parallel()
	srv := site(t, testdb.New(t), "")
	for _, path := range []string{"/admin/", "/admin/api/tenants", "/admin/login"} {
		resp, body := do(t, "GET", srv.URL+path, "", nil)
		if resp.StatusCode != http.StatusNotFound || !strings.Contains(body, "no admin token is configured") {
			t.Errorf("%s: %d %s", path, resp.StatusCode, body)
		}
	}
	if resp, body := do(t, "POST", srv.URL+"/admin/api/tenants/x/resync", "", nil); resp.StatusCode != http.StatusNotFound {
		t.Errorf("action with the admin disabled: %d %s", resp.StatusCode, body)
	}
	if resp, _ := do(t, "GET", srv.URL+"/healthz", "", nil); resp.StatusCode != http.StatusOK {
		t.Errorf("healthz: %d", resp.StatusCode)
	}
}

func TestAdminRefusesWithoutTheToken(t *testing.T) {
	t.Parallel()
	pool := testdb.New(t)
	syncedTenant(t, pool)
	srv := site(t, pool, token)
	cases := []struct{ method, path, bearer string }{
		{"GET", "/admin/", ""},
		{"GET", "/admin/api/tenants", ""},
		{"GET", "/admin/api/tenants", "wrong"},
		{"GET", "/admin/api/overview", token + "x"},
		{"POST", "/admin/api/tenants/democompany/resync", ""},
		{"POST", "/admin/tenants/democompany/resync", ""},
	}
	for _, c := range cases {
		resp, body := do(t, c.method, srv.URL+c.path, c.bearer, url.Values{})
		if resp.StatusCode != http.StatusUnauthorized {
			t.Errorf("%s %s (bearer %q): %d, want 401: %s", c.method, c.path, c.bearer, resp.StatusCode, body)
		}
	}
	if n := count(t, pool, `SELECT count(*) FROM public.sync_outbox`); n != 0 {
		t.Errorf("refused actions queued %d rows", n)
	}
	resp, body := do(t, "GET", srv.URL+"/admin/api/tenants", token, nil)
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, `"slug":"democompany"`) || !strings.Contains(body, `"in_catalog":1`) {
		t.Errorf("with the token: %d %s", resp.StatusCode, body)
	}
}

var csrfField = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

func TestAdminSessionPageAndActions(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := testdb.New(t)
	syncedTenant(t, pool)
	var tenantID, deadID int64
	if err := pool.QueryRow(ctx, `SELECT id FROM public.tenants`).Scan(&tenantID); err != nil {
		t.Fatal(err)
	}
	if err := pool.QueryRow(ctx, `INSERT INTO public.sync_outbox (tenant_id, entity, source_id, attempts, last_error, dead_at)
		VALUES ($1, 'job', 9, 10, 'boom <script>alert(1)</script>', now()) RETURNING id`, tenantID).Scan(&deadID); err != nil {
		t.Fatal(err)
	}
	if _, err := (&ops.Verifier{Pool: pool}).Verify(ctx, ops.VerifyOptions{}); err != nil {
		t.Fatal(err)
	}
	srv := site(t, pool, token)

	if resp, _ := do(t, "POST", srv.URL+"/admin/login", "", url.Values{"token": {"nope"}}); resp.StatusCode != http.StatusUnauthorized {
		t.Fatalf("wrong token login: %d", resp.StatusCode)
	}
	resp, _ := do(t, "POST", srv.URL+"/admin/login", "", url.Values{"token": {token}})
	cookies := resp.Cookies()
	if resp.StatusCode != http.StatusSeeOther || len(cookies) != 1 || !cookies[0].HttpOnly ||
		cookies[0].SameSite != http.SameSiteStrictMode || strings.Contains(cookies[0].Value, token) {
		t.Fatalf("login: %d, cookies %+v", resp.StatusCode, cookies)
	}

	resp, page := do(t, "GET", srv.URL+"/admin/", "", nil, cookies...)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("page: %d %s", resp.StatusCode, page)
	}
	for _, want := range []string{"Demo Company", "democompany", "boom &lt;script&gt;alert(1)&lt;/script&gt;", "/admin/admin.css"} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	// The strict CSP allows no inline code or style.
	for _, banned := range []string{"<script", "<style", "style=", "onclick", "javascript:"} {
		if strings.Contains(page, banned) {
			t.Errorf("page contains %q, which the CSP blocks", banned)
		}
	}
	if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") {
		t.Errorf("CSP %q", csp)
	}
	m := csrfField.FindStringSubmatch(page)
	if m == nil {
		t.Fatal("no CSRF token on the page")
	}
	retry := srv.URL + "/admin/dead-letters/" + itoa(deadID) + "/retry"
	if resp, _ := do(t, "POST", retry, "", url.Values{"csrf": {"forged"}}, cookies...); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("retry with a forged CSRF token: %d", resp.StatusCode)
	}
	if n := count(t, pool, `SELECT count(*) FROM public.sync_outbox WHERE dead_at IS NOT NULL`); n != 1 {
		t.Fatal("forged retry revived the dead letter")
	}
	resp, _ = do(t, "POST", retry, "", url.Values{"csrf": {m[1]}}, cookies...)
	if resp.StatusCode != http.StatusSeeOther || !strings.Contains(resp.Header.Get("Location"), "queued+again") {
		t.Fatalf("retry: %d, location %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	if n := count(t, pool, `SELECT count(*) FROM public.sync_outbox WHERE dead_at IS NULL AND id = $1`, deadID); n != 1 {
		t.Error("the dead letter is not pending again")
	}
}

// The resync action queues a full pass that a worker then applies.
func TestAdminResyncProcessedByAWorker(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := testdb.New(t)
	syncedTenant(t, pool)
	if _, err := pool.Exec(ctx, `DELETE FROM public.job_catalog`); err != nil {
		t.Fatal(err)
	}
	srv := site(t, pool, token)
	resp, body := do(t, "POST", srv.URL+"/admin/api/tenants/democompany/resync", token, nil)
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, "queued") {
		t.Fatalf("resync: %d %s", resp.StatusCode, body)
	}
	if resp, _ := do(t, "POST", srv.URL+"/admin/api/tenants/nobody/resync", token, nil); resp.StatusCode != http.StatusNotFound {
		t.Errorf("unknown tenant: %d", resp.StatusCode)
	}
	w, err := worker.New(pool, worker.Config{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Drain(ctx); err != nil {
		t.Fatal(err)
	}
	if n := count(t, pool, `SELECT count(*) FROM public.job_catalog`); n != 1 {
		t.Errorf("%d jobs in the catalog after the worker ran the resync, want 1", n)
	}
}

func TestHealthReadyMetrics(t *testing.T) {
	t.Parallel()
	pool := testdb.New(t)
	syncedTenant(t, pool)
	if _, err := pool.Exec(context.Background(), `INSERT INTO public.sync_outbox (tenant_id, entity) SELECT id, 'tenant' FROM public.tenants`); err != nil {
		t.Fatal(err)
	}
	var clock atomic.Int64 // seconds after start
	start := time.Now()
	reg := prometheus.NewRegistry()
	reg.MustRegister(ops.NewCollector(pool, nil))
	h := New(pool, nil, Options{Token: token, Metrics: promhttp.HandlerFor(reg, promhttp.HandlerOpts{}),
		Now: func() time.Time { return start.Add(time.Duration(clock.Load()) * time.Second) }})
	srv := serveHandler(t, h)
	if resp, body := do(t, "GET", srv.URL+"/readyz", "", nil); resp.StatusCode != http.StatusOK || !strings.Contains(body, "current") {
		t.Errorf("readyz: %d %s", resp.StatusCode, body)
	}
	resp, body := do(t, "GET", srv.URL+"/metrics", "", nil)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("metrics: %d", resp.StatusCode)
	}
	for _, want := range []string{"zumodra_outbox_pending_rows 1", "zumodra_outbox_dead_letters 0", "zumodra_workers_alive 0",
		"zumodra_outbox_oldest_pending_age_seconds", "zumodra_database_up 1"} {
		if !strings.Contains(body, want) {
			t.Errorf("metrics lack %q", want)
		}
	}
	// A tenant schema behind on migrations makes the process not ready.
	if _, err := pool.Exec(context.Background(), `DELETE FROM t_democompany.schema_migrations WHERE version = (SELECT max(version) FROM t_democompany.schema_migrations)`); err != nil {
		t.Fatal(err)
	}
	clock.Store(int64(readinessTTL/time.Second) + 1)
	h.refreshReadiness(context.Background()) // what RunReadiness does every readinessTTL
	if resp, body := do(t, "GET", srv.URL+"/readyz", "", nil); resp.StatusCode != http.StatusServiceUnavailable || !strings.Contains(body, "migrations pending") {
		t.Errorf("readyz with a pending migration: %d %s", resp.StatusCode, body)
	}
}

func count(t *testing.T, pool *pgxpool.Pool, sql string, args ...any) int {
	t.Helper()
	var n int
	if err := pool.QueryRow(context.Background(), sql, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	return n
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// Without Options.Metrics there is no /metrics: the registry is its
// owner's (internal/server), never a process-wide one.
func TestNoMetricsRouteWithoutAHandler(t *testing.T) {
	t.Parallel()
	srv := site(t, testdb.New(t), token)
	if resp, _ := do(t, "GET", srv.URL+"/metrics", "", nil); resp.StatusCode != http.StatusNotFound {
		t.Errorf("metrics without a handler: %d, want 404", resp.StatusCode)
	}
}

// Guessing the token on the login form is slowed down: after a burst of
// wrong attempts even the right token waits.
func TestLoginRateLimited(t *testing.T) {
	t.Parallel()
	srv := site(t, testdb.New(t), token)
	statuses := map[int]int{}
	for range 8 {
		resp, _ := do(t, "POST", srv.URL+"/admin/login", "", url.Values{"token": {"guess"}})
		statuses[resp.StatusCode]++
	}
	if statuses[http.StatusUnauthorized] != 5 || statuses[http.StatusTooManyRequests] != 3 {
		t.Errorf("statuses %v, want 5 x 401 then 429", statuses)
	}
	if resp, _ := do(t, "POST", srv.URL+"/admin/login", "", url.Values{"token": {token}}); resp.StatusCode != http.StatusTooManyRequests {
		t.Errorf("right token during the limit: %d", resp.StatusCode)
	}
}
