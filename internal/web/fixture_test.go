package web_test

import (
	"cmp"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/zumodra/zumodra/internal/catalog"
	"github.com/zumodra/zumodra/internal/changefeed"
	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/httpx"
	"github.com/zumodra/zumodra/internal/intake"
	"github.com/zumodra/zumodra/internal/notify"
	"github.com/zumodra/zumodra/internal/testdb"
	"github.com/zumodra/zumodra/internal/testfactory"
	"github.com/zumodra/zumodra/internal/web"
)

// now is the fixed clock of the tests: "Posted 3 days ago" is measured
// from it and deadlines are placed around it.
var now = time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)

const baseURL = "https://jobs.example.test"

// derivedBase asks newEnvWith for a site with no base URL configured.
const derivedBase = "derive"

// sourceIDs numbers directly inserted rows far above the ids of real
// source rows, so the two never share (tenant_id, source_id).
var sourceIDs atomic.Int64

// env is a fresh database with the public site mounted on a mux, behind
// the server's security headers as serve mounts it.
type env struct {
	t    *testing.T
	pool *pgxpool.Pool
	mux  http.Handler
	h    *web.Handler
	feed *changefeed.Follower // set when the env caches pages (PageCacheTTL > 0)
}

func newEnv(t *testing.T) *env {
	t.Helper()
	t.Parallel()
	return newEnvWith(t, web.Config{})
}

func newEnvWith(t *testing.T, cfg web.Config) *env {
	t.Helper()
	return newEnvOn(t, testdb.New(t), cfg)
}

// newEnvOn is newEnvWith on a database the test made first, for what cfg
// needs built on it.
func newEnvOn(t *testing.T, pool *pgxpool.Pool, cfg web.Config) *env {
	t.Helper()
	var out io.Writer = io.Discard
	if os.Getenv("WEB_TEST_LOG") != "" { // see why a page failed
		out = os.Stderr
	}
	log := slog.New(slog.NewTextHandler(out, nil))
	clock := func() time.Time { return now }
	cat := catalog.New(pool, catalog.Options{Now: clock, CacheTTL: -1})
	switch cfg.BaseURL {
	case "":
		cfg.BaseURL = baseURL
	case derivedBase:
		cfg.BaseURL = ""
	}
	if cfg.Now == nil {
		cfg.Now = clock
	}
	var feed *changefeed.Follower
	if cfg.PageCacheTTL == 0 { // tests change rows between identical requests
		cfg.PageCacheTTL = -1
	} else {
		feed = startFeed(t, pool)
		cfg.Feed = feed
	}
	if cfg.Live != nil { // live lists follow the feed too
		if feed == nil {
			feed = startFeed(t, pool)
		}
		ctx, cancel := context.WithCancel(context.Background())
		t.Cleanup(cancel)
		go cfg.Live.Run(ctx, feed)
	}
	// Mail as a server with SMTP would: tenants with a notification address are mailed.
	in := intake.New(pool, log).WithClock(clock).WithNotify(notify.Recorder{Mail: true})
	if cfg.Counts != nil {
		in = in.WithCounter(cfg.Counts)
	}
	h, err := web.New(cfg, cat, in, log)
	if err != nil {
		t.Fatalf("web.New: %v", err)
	}
	mux := http.NewServeMux()
	h.Routes(mux)
	return &env{t: t, pool: pool, h: h, mux: httpx.Chain(mux, httpx.SecurityHeaders("")), feed: feed}
}

// startFeed follows pool's catalog feed until the test ends.
func startFeed(t *testing.T, pool *pgxpool.Pool) *changefeed.Follower {
	t.Helper()
	f := changefeed.NewFollower(pool, changefeed.Options{})
	ctx, cancel := context.WithCancel(context.Background())
	done, err := f.Start(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cancel(); <-done })
	return f
}

// seen returns once the env's follower has seen every catalog change
// committed so far: the signal the next request may rely on.
func (e *env) seen() {
	e.t.Helper()
	v, err := changefeed.Current(context.Background(), e.pool)
	if err != nil {
		e.t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := e.feed.Wait(ctx, v); err != nil {
		e.t.Fatal(err)
	}
}

// unseen runs sql with the triggers off, so the feed never hears of it (no
// real writer can do this): what the pages show afterwards is cached.
func (e *env) unseen(sql string, args ...any) {
	e.t.Helper()
	ctx := context.Background()
	err := pgx.BeginFunc(ctx, e.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SET LOCAL session_replication_role = replica`); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, sql, args...)
		return err
	})
	if err != nil {
		e.t.Fatal(err)
	}
}

func (e *env) tenant(slug, name, logo string) domain.Tenant {
	e.t.Helper()
	return testfactory.Tenant(e.t, e.pool, &testfactory.TenantOpts{Slug: slug, Name: name, LogoURL: logo})
}

// jobRow is a catalog job row with defaults; tests override what they test.
type jobRow struct {
	Title, Description, CategorySlug, CategoryName string
	JobType, Level, Remote, Country, City, Ref     string
	State, Street, Postal                          string
	Logo                                           string // company_logo_url; the tenant's when empty
	SalaryMin, SalaryMax                           *float64
	Currency, Period                               string // EUR, yearly when empty
	Featured                                       bool
	Deadline                                       *time.Time
	PublishedAt                                    time.Time
	Skills                                         []string
}

func num(v float64) *float64 { return &v }

// yearly is the catalog's yearly equivalent of an amount, by the one rule.
func yearly(v *float64, period string) *float64 {
	if v == nil {
		return nil
	}
	y, _ := domain.Yearly(*v, period)
	return &y
}

// job inserts a catalog row directly, the way the apply code leaves it, so
// that filter tests control every column.
func (e *env) job(tn domain.Tenant, over func(*jobRow)) int64 {
	e.t.Helper()
	r := jobRow{Title: "Software Engineer", Description: "<p>Build things.</p>", CategorySlug: "engineering",
		CategoryName: "Engineering", JobType: "full_time", Level: "mid", Remote: "on_site",
		Country: "Germany", City: "Berlin", PublishedAt: now.Add(-3 * 24 * time.Hour), Skills: []string{"Go"}}
	if over != nil {
		over(&r)
	}
	show := r.SalaryMin != nil || r.SalaryMax != nil
	if r.Logo == "" {
		r.Logo = tn.LogoURL
	}
	var cur, period *string
	var yearlyMin, yearlyMax *float64
	if show {
		c, p := cmp.Or(r.Currency, "EUR"), cmp.Or(r.Period, "yearly")
		cur, period = &c, &p
		yearlyMin, yearlyMax = yearly(r.SalaryMin, p), yearly(cmp.Or(r.SalaryMax, r.SalaryMin), p)
	}
	var id int64
	err := e.pool.QueryRow(context.Background(), `INSERT INTO public.job_catalog
		(tenant_id, source_id, source_version, content_hash, title, category_slug, category_name,
		 job_type, experience_level, remote_policy, country, city, description_html, show_salary,
		 salary_min, salary_max, salary_currency, salary_period, required_skills, company_name,
		 company_slug, company_logo_url, is_featured, application_deadline, published_at, reference_code,
		 salary_yearly_min, salary_yearly_max, street_address, postal_code, state)
		VALUES ($1, $2, 1, '\x00', $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17,
		 $18, $19, $20, $21, $22, $23, $24, $25, $26, $27, $28, $29) RETURNING id`,
		tn.ID, 1_000_000+sourceIDs.Add(1), r.Title, r.CategorySlug, r.CategoryName, r.JobType, r.Level, r.Remote,
		r.Country, r.City, r.Description, show, r.SalaryMin, r.SalaryMax, cur, period, r.Skills,
		tn.Name, tn.Slug, r.Logo, r.Featured, r.Deadline, r.PublishedAt, r.Ref, yearlyMin, yearlyMax, r.Street, r.Postal, r.State).Scan(&id)
	if err != nil {
		e.t.Fatalf("insert job: %v", err)
	}
	return id
}

// providerRow is a catalog provider row with defaults.
type providerRow struct {
	Name, Tagline, Bio, Country, State, City, Availability, Avatar string
	CategorySlugs, CategoryNames, SkillNames                       []string
	HourlyRate                                                     *float64
	Rating                                                         float64
	Reviews, Completed                                             int
	Verified, Accepting, Remote, Featured                          bool
	PublishedAt                                                    time.Time
}

func (e *env) provider(tn domain.Tenant, over func(*providerRow)) int64 {
	e.t.Helper()
	r := providerRow{Name: "Ada Lovelace", Tagline: "Analytical engines", Bio: "<p>Notes.</p>",
		Country: "Germany", City: "Berlin", Availability: "available", CategorySlugs: []string{"development"},
		CategoryNames: []string{"Development"}, SkillNames: []string{"Go"}, HourlyRate: num(80),
		Rating: 4.5, Reviews: 10, Completed: 12, Accepting: true, Remote: true, PublishedAt: now.Add(-time.Hour)}
	if over != nil {
		over(&r)
	}
	skills := make([]catalog.Skill, len(r.SkillNames))
	for i, s := range r.SkillNames {
		skills[i] = catalog.Skill{Name: s, Level: "expert", Years: 5}
	}
	skillJSON, _ := json.Marshal(skills)
	var id int64
	err := e.pool.QueryRow(context.Background(), `INSERT INTO public.provider_catalog
		(tenant_id, source_id, source_version, content_hash, display_name, provider_type, tagline, bio_html,
		 country, city, category_slugs, category_names, skill_names, skills, hourly_rate, rating_avg,
		 total_reviews, completed_jobs_count, availability_status, is_verified, is_accepting_projects,
		 can_work_remotely, company_name, company_slug, published_at, avatar_url, is_featured,
		 rating_score, state)
		VALUES ($1, $2, 1, '\x00', $3, 'individual', $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15,
		 $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26) RETURNING id`,
		tn.ID, 1_000_000+sourceIDs.Add(1), r.Name, r.Tagline, r.Bio, r.Country, r.City, r.CategorySlugs,
		r.CategoryNames, r.SkillNames, skillJSON, r.HourlyRate, r.Rating, r.Reviews, r.Completed, r.Availability,
		r.Verified, r.Accepting, r.Remote, tn.Name, tn.Slug, r.PublishedAt, r.Avatar, r.Featured,
		domain.BayesianRating(r.Rating, r.Reviews), r.State).Scan(&id)
	if err != nil {
		e.t.Fatalf("insert provider: %v", err)
	}
	return id
}

// get requests path and returns the response with its body read.
func (e *env) get(path string) (*http.Response, string) {
	e.t.Helper()
	return e.do(httptest.NewRequest(http.MethodGet, path, nil))
}

// post sends a same-origin form, as a browser on the site would.
func (e *env) post(path string, form url.Values) (*http.Response, string) {
	e.t.Helper()
	r := httptest.NewRequest(http.MethodPost, path, strings.NewReader(form.Encode()))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	r.Header.Set("Sec-Fetch-Site", "same-origin")
	r.Header.Set("Origin", "http://example.com")
	return e.do(r)
}

func (e *env) do(r *http.Request) (*http.Response, string) {
	e.t.Helper()
	rec := httptest.NewRecorder()
	e.mux.ServeHTTP(rec, r)
	res := rec.Result()
	body, _ := io.ReadAll(res.Body)
	return res, string(body)
}

// mustGet requests path and fails the test unless the status is want.
func (e *env) mustGet(path string, want int) string {
	e.t.Helper()
	return e.getIn(e.t, path, want)
}

// getIn is mustGet for a subtest, which must fail itself, not its parent.
// Unless a 301 is wanted, it follows one redirect to the canonical
// address on the site, as a browser would ("/careers/jobs/7/" to
// "/careers/jobs/7-its-title/").
func (e *env) getIn(t *testing.T, path string, want int) string {
	t.Helper()
	rec := httptest.NewRecorder()
	e.mux.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
	if loc := rec.Header().Get("Location"); rec.Code == http.StatusMovedPermanently && want != rec.Code && strings.HasPrefix(loc, "/") {
		rec = httptest.NewRecorder()
		e.mux.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, loc, nil))
	}
	if rec.Code != want {
		t.Fatalf("GET %s: status %d, want %d\n%s", path, rec.Code, want, snippet(rec.Body.String()))
	}
	return rec.Body.String()
}

func snippet(s string) string {
	if len(s) > 3000 {
		return s[:3000] + "..."
	}
	return s
}

// contains fails unless body holds every one of wants.
func contains(t *testing.T, body string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(body, w) {
			t.Errorf("body lacks %q", w)
		}
	}
}

// lacks fails if body holds any of bads.
func lacks(t *testing.T, body string, bads ...string) {
	t.Helper()
	for _, b := range bads {
		if strings.Contains(body, b) {
			t.Errorf("body holds %q", b)
		}
	}
}
