package demo

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/zumodra/zumodra/internal/resync"
	"github.com/zumodra/zumodra/internal/tenants"
	"github.com/zumodra/zumodra/internal/testdb"
)

var fixedNow = func() time.Time { return time.Date(2026, 11, 2, 9, 30, 0, 0, time.UTC) }

func TestSeedTwiceIsIdempotentWithTheOriginalCounts(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := testdb.New(t)
	opts := Options{KeyFile: filepath.Join(t.TempDir(), "keys.json"), Now: fixedNow}
	first, err := Seed(ctx, pool, opts)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]Counts{
		"democompany":   {EligibleJobs: 15, HiddenJobs: 5, EligibleProviders: 8, HiddenProviders: 2},
		"freelancerhub": {EligibleJobs: 5, HiddenJobs: 3, EligibleProviders: 12, HiddenProviders: 3},
	}
	for _, r := range first {
		if !r.Created || !r.Seeded || r.KeyFresh || r.Key == "" {
			t.Fatalf("first run %s: %+v", r.Slug, r)
		}
		if r.Counts != want[r.Slug] {
			t.Fatalf("%s counts = %+v, want %+v", r.Slug, r.Counts, want[r.Slug])
		}
	}
	before := fingerprint(t, pool)
	second, err := Seed(ctx, pool, opts)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range second {
		if r.Created || r.Seeded || r.KeyFresh || r.Key != first[i].Key || r.Counts != want[r.Slug] {
			t.Fatalf("second run must reuse tenant, rows and key: %+v", r)
		}
	}
	if after := fingerprint(t, pool); after != before {
		t.Fatal("second run changed the demo rows")
	}
}

func TestUnknownKeyIsReplacedAndSaidSo(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := testdb.New(t)
	keyFile := filepath.Join(t.TempDir(), "keys.json")
	first, err := Seed(ctx, pool, Options{KeyFile: keyFile, Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(keyFile); err != nil {
		t.Fatal(err)
	}
	again, err := Seed(ctx, pool, Options{KeyFile: keyFile, Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range again {
		if !r.KeyFresh || r.Key == first[i].Key {
			t.Fatalf("%s: want a fresh key when the first is not known: %+v", r.Slug, r)
		}
		tenant, err := tenants.New(pool).Authenticate(ctx, r.Key)
		if err != nil || tenant.Slug != r.Slug {
			t.Fatalf("fresh key of %s authenticates as %q, %v", r.Slug, tenant.Slug, err)
		}
	}
}

func TestSameContentEveryTimeAndResetStartsAfresh(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	a, b := testdb.New(t), testdb.New(t)
	for _, pool := range []*pgxpool.Pool{a, b} {
		if _, err := Seed(ctx, pool, Options{Now: fixedNow}); err != nil {
			t.Fatal(err)
		}
	}
	if fingerprint(t, a) != fingerprint(t, b) {
		t.Fatal("two seeds with the same clock differ")
	}
	var captured int
	if err := a.QueryRow(ctx, `SELECT count(*) FROM public.sync_outbox WHERE entity IN ('job', 'provider')`).Scan(&captured); err != nil {
		t.Fatal(err)
	}
	if captured == 0 {
		t.Fatal("the capture triggers recorded nothing: the demo rows would never be published")
	}
	deleted, err := Reset(ctx, a, Options{})
	if err != nil || len(deleted) != 2 {
		t.Fatalf("Reset = %v, %v", deleted, err)
	}
	res, err := Seed(ctx, a, Options{Now: fixedNow})
	if err != nil || !res[0].Created || !res[0].Seeded {
		t.Fatalf("seed after reset: %+v, %v", res, err)
	}
}

// fingerprint digests the demo tenants' source rows, ids and server-set
// timestamps excluded.
func fingerprint(t *testing.T, pool *pgxpool.Pool) string {
	t.Helper()
	var sum string
	err := pool.QueryRow(context.Background(), `SELECT md5(
		(SELECT string_agg(to_jsonb(j)::jsonb - '{id,created_at,updated_at,category_id}'::text[] #>> '{}', '|' ORDER BY j.id) FROM t_democompany.job_postings j) ||
		(SELECT string_agg(to_jsonb(p)::jsonb - '{id,created_at,updated_at}'::text[] #>> '{}', '|' ORDER BY p.id) FROM t_freelancerhub.service_providers p) ||
		(SELECT string_agg(s.name || s.level || s.years_experience, '|' ORDER BY s.id) FROM t_freelancerhub.provider_skills s))`).Scan(&sum)
	if err != nil {
		t.Fatal(err)
	}
	return sum
}

// The sync's own bulk path publishes exactly the eligible demo rows: every
// demo row passes the projection (sanitiser, URL rules, enums) without error.
func TestDemoRowsPublishAsTheOriginalCounted(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := testdb.New(t)
	if _, err := Seed(ctx, pool, Options{Now: fixedNow}); err != nil {
		t.Fatal(err)
	}
	rep, err := resync.Run(ctx, pool, resync.Options{})
	if err != nil || rep.Err() != nil {
		t.Fatalf("resync: %v, %v", err, rep.Err())
	}
	rows, err := pool.Query(ctx, `SELECT t.slug,
		(SELECT count(*) FROM public.job_catalog j WHERE j.tenant_id = t.id),
		(SELECT count(*) FROM public.provider_catalog p WHERE p.tenant_id = t.id),
		(SELECT count(*) FROM public.job_catalog j WHERE j.tenant_id = t.id AND j.salary_min IS NOT NULL)
		FROM public.tenants t ORDER BY t.slug`)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][3]int{}
	for rows.Next() {
		var slug string
		var c [3]int
		if err := rows.Scan(&slug, &c[0], &c[1], &c[2]); err != nil {
			t.Fatal(err)
		}
		got[slug] = c
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	// Salaries: shown for 11 of Demo Company's 15 public jobs, 4 of Freelancer Hub's 5.
	want := map[string][3]int{"democompany": {15, 8, 11}, "freelancerhub": {5, 12, 4}}
	if len(got) != 2 || got["democompany"] != want["democompany"] || got["freelancerhub"] != want["freelancerhub"] {
		t.Fatalf("catalog (jobs, providers, jobs with salary) = %v, want %v", got, want)
	}
	// Both companies have a profile for their company pages.
	var profiles int
	if err := pool.QueryRow(ctx, `SELECT count(*) FROM public.company_catalog
		WHERE description <> '' AND website <> '' AND founded_year IS NOT NULL AND cardinality(social_links) > 0`).Scan(&profiles); err != nil || profiles != 2 {
		t.Fatalf("%d company rows with a profile, want 2 (%v)", profiles, err)
	}
	// The private values the demo writes (e-mails, notes, bank and payment
	// accounts, custom questions) appear nowhere in the catalog.
	var leaks int
	err = pool.QueryRow(ctx, `SELECT
		(SELECT count(*) FROM public.job_catalog j WHERE to_jsonb(j)::text ~ '\.example|Band approved|notice period')
		+ (SELECT count(*) FROM public.provider_catalog p WHERE to_jsonb(p)::text ~ '\.example|DE89|acct_demo|\+1-555|discount')`).Scan(&leaks)
	if err != nil || leaks != 0 {
		t.Fatalf("catalog rows holding private demo values: %d, %v", leaks, err)
	}
}
