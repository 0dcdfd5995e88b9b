package publicapi_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/zumodra/zumodra/internal/catalog"
	"github.com/zumodra/zumodra/internal/counts"
	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/httpx"
	"github.com/zumodra/zumodra/internal/openapi/openapitest"
	"github.com/zumodra/zumodra/internal/publicapi"
	"github.com/zumodra/zumodra/internal/tenants"
	"github.com/zumodra/zumodra/internal/testdb"
)

var base = time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)

var sourceIDs atomic.Int64

type fixture struct {
	t    *testing.T
	pool *pgxpool.Pool
	mux  http.Handler // the API's routes, every exchange checked against the OpenAPI document
	acme domain.Tenant
	// counts gives the details their counts; it is never flushed on its
	// own, so a test decides what is stored and what is pending.
	counts *counts.Counter
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	t.Parallel()
	pool := testdb.New(t)
	store := catalog.New(pool, catalog.Options{Now: func() time.Time { return base }, CacheTTL: -1})
	mux := http.NewServeMux()
	c := counts.New(pool, counts.Options{})
	publicapi.New(store, publicapi.Options{BodyTTL: -1, Counts: c}).Routes(mux)
	tn, _, err := tenants.New(pool).Create(context.Background(), tenants.CreateParams{Slug: "acme", Name: "Acme"})
	if err != nil {
		t.Fatal(err)
	}
	return &fixture{t: t, pool: pool, mux: openapitest.Handler(t, httpx.Routed(mux, nil)), acme: tn, counts: c}
}

// job inserts a catalog job of acme published age ago; extra SQL sets more.
func (f *fixture) job(title, jobType, country string, age time.Duration, deadline *time.Time) int64 {
	f.t.Helper()
	var id int64
	err := f.pool.QueryRow(context.Background(), `INSERT INTO public.job_catalog
		(tenant_id, source_id, source_version, content_hash, title, category_slug, category_name, job_type,
		 experience_level, remote_policy, country, city, description_html, company_name, company_slug,
		 application_deadline, published_at)
		VALUES ($1, $2, 1, '\x00', $3, 'engineering', 'Engineering', $4, 'mid', 'remote', $5, 'Town',
		 '<p>About the job</p>', 'Acme', 'acme', $6, $7) RETURNING id`,
		f.acme.ID, sourceIDs.Add(1), title, jobType, country, deadline, base.Add(-age)).Scan(&id)
	if err != nil {
		f.t.Fatal(err)
	}
	return id
}

func (f *fixture) provider(name string, rating float64) int64 {
	f.t.Helper()
	var id int64
	err := f.pool.QueryRow(context.Background(), `INSERT INTO public.provider_catalog
		(tenant_id, source_id, source_version, content_hash, display_name, provider_type, availability_status,
		 rating_avg, skill_names, company_name, company_slug, published_at, is_accepting_projects, total_reviews, rating_score)
		VALUES ($1, $2, 1, '\x00', $3, 'individual', 'available', $4, '{Go}', 'Acme', 'acme', $5, true, 10, $6) RETURNING id`,
		f.acme.ID, sourceIDs.Add(1), name, rating, base.Add(-time.Hour), domain.BayesianRating(rating, 10)).Scan(&id)
	if err != nil {
		f.t.Fatal(err)
	}
	return id
}

// get sends a request through the mux; headers are name, value pairs.
func (f *fixture) do(method, target string, headers ...string) *httptest.ResponseRecorder {
	f.t.Helper()
	r := httptest.NewRequest(method, target, nil)
	for i := 0; i+1 < len(headers); i += 2 {
		r.Header.Set(headers[i], headers[i+1])
	}
	w := httptest.NewRecorder()
	f.mux.ServeHTTP(w, r)
	return w
}

func (f *fixture) get(target string, headers ...string) *httptest.ResponseRecorder {
	return f.do(http.MethodGet, target, headers...)
}

// list is the decoded body of a list response.
type list struct {
	Data []struct {
		ID    int64  `json:"id"`
		Title string `json:"title"`
		Name  string `json:"display_name"`
	} `json:"data"`
	Page       int               `json:"page"`
	PageSize   int               `json:"page_size"`
	Total      int               `json:"total"`
	TotalExact bool              `json:"total_exact"`
	Sort       string            `json:"sort"`
	NextCursor string            `json:"next_cursor"`
	Links      map[string]string `json:"links"`
	Facets     map[string]any    `json:"facets"`
}

func decode[T any](t *testing.T, w *httptest.ResponseRecorder) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(w.Body.Bytes(), &v); err != nil {
		t.Fatalf("decode %q: %v", w.Body.String(), err)
	}
	return v
}

type problem struct {
	Type   string `json:"type"`
	Title  string `json:"title"`
	Status int    `json:"status"`
	Detail string `json:"detail"`
	Errors []struct {
		Field string `json:"field"`
	} `json:"errors"`
}
