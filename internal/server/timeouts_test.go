package server

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/zumodra/zumodra/internal/config"
	"github.com/zumodra/zumodra/internal/database"
	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/tenants"
	"github.com/zumodra/zumodra/internal/testdb"
	"github.com/zumodra/zumodra/internal/testfactory"
	"github.com/zumodra/zumodra/internal/worker"
)

// site is a server on its own role pools over a test database, with a
// public job at each of two tenants.
type site struct {
	t      *testing.T
	pool   *pgxpool.Pool
	url    string
	locked domain.Tenant // the tenant whose table the test locks
	other  domain.Tenant
	jobs   map[string]int64 // catalog id by tenant slug
	pools  *database.Pools
}

func newSite(t *testing.T, tune func(*config.Config)) *site {
	t.Helper()
	pool := testdb.New(t)
	s := &site{t: t, pool: pool, jobs: map[string]int64{}}
	s.locked = testfactory.Tenant(t, pool, nil)
	s.other = testfactory.Tenant(t, pool, nil)
	for _, tn := range []domain.Tenant{s.locked, s.other} {
		testfactory.Job(t, pool, tn, nil)
	}
	w, err := worker.New(pool, worker.Config{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Drain(context.Background()); err != nil {
		t.Fatal(err)
	}
	rows, err := pool.Query(context.Background(), `SELECT t.slug, j.id FROM public.job_catalog j JOIN public.tenants t ON t.id = j.tenant_id`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var slug string
		var id int64
		if err := rows.Scan(&slug, &id); err != nil {
			t.Fatal(err)
		}
		s.jobs[slug] = id
	}
	cfg := config.Default()
	cfg.HTTP.FormRateLimit, cfg.HTTP.APIRateLimit = 0, 0
	tune(&cfg)
	pools, err := database.OpenPools(pool, cfg.DB, serveRolesForTest...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(pools.Close)
	s.pools = pools
	srv := &Server{Config: cfg, Pool: pool, Pools: pools, Log: slog.New(slog.DiscardHandler)}
	h, err := srv.Handler()
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(h)
	t.Cleanup(hs.Close)
	s.url = hs.URL
	return s
}

var serveRolesForTest = []database.Role{database.RolePublic, database.RoleWrite, database.RoleAdmin, database.RoleReady}

func (s *site) do(method, path, bearer string, body url.Values) (*http.Response, string) {
	s.t.Helper()
	req, err := http.NewRequest(method, s.url+path, strings.NewReader(body.Encode()))
	if err != nil {
		s.t.Fatal(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Sec-Fetch-Site", "same-origin")
		req.Header.Set("Origin", s.url)
	}
	if bearer != "" {
		req.Header.Set("Authorization", "Bearer "+bearer)
	}
	c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := c.Do(req)
	if err != nil {
		s.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

func (s *site) apply(tn domain.Tenant) (*http.Response, string) {
	form := url.Values{"name": {"Jane Doe"}, "email": {"jane@example.com"}, "resume_text": {"Ten years of Go."}, "cover_letter": {"Hello."}}
	return s.do(http.MethodPost, "/careers/jobs/"+strconv.FormatInt(s.jobs[tn.Slug], 10)+"/apply", "", form)
}

// lockJobs holds an ACCESS EXCLUSIVE lock on the tenant's job_postings
// from a connection of the test until the test ends.
func (s *site) lockJobs(tn domain.Tenant) {
	s.t.Helper()
	ctx := context.Background()
	conn, err := s.pool.Acquire(ctx)
	if err != nil {
		s.t.Fatal(err)
	}
	tx, err := conn.Begin(ctx)
	if err != nil {
		s.t.Fatal(err)
	}
	if _, err := tx.Exec(ctx, `LOCK TABLE `+pgx.Identifier{tn.SchemaName, "job_postings"}.Sanitize()+` IN ACCESS EXCLUSIVE MODE`); err != nil {
		s.t.Fatal(err)
	}
	s.t.Cleanup(func() { _ = tx.Rollback(ctx); conn.Release() })
}

// A lock on one tenant's table: that tenant's applications and tenant API
// calls end within the write pool's lock timeout with 503, Retry-After and
// a page or problem document saying so; the public pages, the public API,
// readiness and the other tenant's applications carry on.
func TestLockOnATenantTableHoldsUpOnlyThatTenant(t *testing.T) {
	t.Parallel()
	s := newSite(t, func(c *config.Config) {
		l := c.DB
		w := l[database.RoleWrite]
		w.LockTimeout, w.MaxConns = 200*time.Millisecond, 2
		l[database.RoleWrite] = w
	})
	key, err := tenants.New(s.pool).CreateKey(context.Background(), s.locked.Slug, "test")
	if err != nil {
		t.Fatal(err)
	}
	s.lockJobs(s.locked)

	for range 3 { // more than the write pool holds: none may wait for the lock's end
		resp, body := s.apply(s.locked)
		if resp.StatusCode != http.StatusServiceUnavailable || resp.Header.Get("Retry-After") == "" ||
			!strings.Contains(body, "Temporarily unavailable") {
			t.Fatalf("application to the locked tenant: %d Retry-After %q\n%.300s", resp.StatusCode, resp.Header.Get("Retry-After"), body)
		}
	}
	resp, body := s.do(http.MethodGet, "/api/v1/tenant/jobs", key.Secret, nil)
	if resp.StatusCode != http.StatusServiceUnavailable || resp.Header.Get("Retry-After") == "" ||
		resp.Header.Get("Content-Type") != "application/problem+json" || strings.Contains(body, "55P03") {
		t.Fatalf("tenant API of the locked tenant: %d %q %s", resp.StatusCode, resp.Header.Get("Content-Type"), body)
	}
	for _, path := range []string{"/careers/", "/careers/?q=engineer", "/api/v1/careers/jobs", "/readyz"} {
		if resp, body := s.do(http.MethodGet, path, "", nil); resp.StatusCode != http.StatusOK {
			t.Errorf("GET %s during the lock: %d %.200s", path, resp.StatusCode, body)
		}
	}
	if resp, body := s.apply(s.other); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("application to the other tenant during the lock: %d %.300s", resp.StatusCode, body)
	}
}

// A request waiting for a pool that never frees a connection ends at the
// request timeout with 503 and Retry-After, as pages and as problems,
// instead of queueing for as long as the holder keeps it.
func TestAPoolWaitEndsAtTheRequestTimeout(t *testing.T) {
	t.Parallel()
	s := newSite(t, func(c *config.Config) {
		c.HTTP.RequestTimeout = time.Second
		w := c.DB[database.RoleWrite]
		w.MaxConns = 1
		c.DB[database.RoleWrite] = w
	})
	key, err := tenants.New(s.pool).CreateKey(context.Background(), s.other.Slug, "test")
	if err != nil {
		t.Fatal(err)
	}
	held, err := s.pools.For(database.RoleWrite).Acquire(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	resp, body := s.do(http.MethodGet, "/api/v1/tenant/jobs", key.Secret, nil)
	if resp.StatusCode != http.StatusServiceUnavailable || resp.Header.Get("Retry-After") == "" ||
		resp.Header.Get("Content-Type") != "application/problem+json" {
		t.Fatalf("tenant API behind a held pool: %d %q %s", resp.StatusCode, resp.Header.Get("Content-Type"), body)
	}
	resp, body = s.apply(s.other)
	if resp.StatusCode != http.StatusServiceUnavailable || resp.Header.Get("Retry-After") == "" ||
		!strings.Contains(body, "Temporarily unavailable") {
		t.Fatalf("application behind a held pool: %d %.300s", resp.StatusCode, body)
	}
	if resp, body := s.do(http.MethodGet, "/careers/", "", nil); resp.StatusCode != http.StatusOK {
		t.Errorf("public page while the write pool is held: %d %.200s", resp.StatusCode, body)
	}
	held.Release()
	if resp, body := s.do(http.MethodGet, "/api/v1/tenant/jobs", key.Secret, nil); resp.StatusCode != http.StatusOK {
		t.Fatalf("tenant API once the pool is free: %d %s", resp.StatusCode, body)
	}
}

// Every role's connections carry its timeouts.
func TestRolePoolsCarryTheirTimeouts(t *testing.T) {
	t.Parallel()
	pool := testdb.New(t)
	limits := database.DefaultLimits()
	limits[database.RolePublic] = database.Limits{MaxConns: 1, StatementTimeout: 1500 * time.Millisecond,
		LockTimeout: 250 * time.Millisecond, IdleInTxTimeout: 3 * time.Second, IdleTime: time.Minute}
	pools, err := database.OpenPools(pool, limits, database.RolePublic, database.RoleWorker)
	if err != nil {
		t.Fatal(err)
	}
	defer pools.Close()
	var st, lt, it string
	if err := pools.For(database.RolePublic).QueryRow(context.Background(),
		`SELECT current_setting('statement_timeout'), current_setting('lock_timeout'), current_setting('idle_in_transaction_session_timeout')`).
		Scan(&st, &lt, &it); err != nil {
		t.Fatal(err)
	}
	if st != "1500ms" || lt != "250ms" || it != "3s" {
		t.Errorf("public pool settings: %s %s %s", st, lt, it)
	}
	if pools.Periodic == nil || pools.Periodic.Config().MaxConns != database.PeriodicConns {
		t.Error("a process with workers has a periodic pool of its own")
	}
	if got := pools.For(database.RolePublic).Config().MaxConnIdleTime; got != time.Minute {
		t.Errorf("idle connections kept %s", got)
	}
}
