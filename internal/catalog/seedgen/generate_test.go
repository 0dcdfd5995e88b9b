package seedgen_test

import (
	"context"
	"io"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/zumodra/zumodra/internal/catalog/seedgen"
	"github.com/zumodra/zumodra/internal/testdb"
)

var opts = seedgen.Options{Seed: 7, Tenants: 5, Jobs: 300, Providers: 120, Workers: 3,
	Now: time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)}

// digest summarises the generated rows in a way that ignores ids.
func digest(t *testing.T, pool *pgxpool.Pool) string {
	t.Helper()
	var d string
	err := pool.QueryRow(context.Background(), `SELECT md5(string_agg(x, '|' ORDER BY x)) FROM (
		SELECT t.slug || ':' || j.source_id || ':' || j.title || ':' || j.description_html || ':' || coalesce(j.salary_max::text, '')
		FROM public.job_catalog j JOIN public.tenants t ON t.id = j.tenant_id
		UNION ALL
		SELECT t.slug || ':' || p.source_id || ':' || p.display_name || ':' || p.skills::text
		FROM public.provider_catalog p JOIN public.tenants t ON t.id = p.tenant_id) r(x)`).Scan(&d)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestGenerateIsDeterministicAndRealistic(t *testing.T) {
	t.Parallel()
	a, b := testdb.New(t), testdb.New(t)
	for _, pool := range []*pgxpool.Pool{a, b} {
		if err := seedgen.Generate(context.Background(), pool, opts, io.Discard); err != nil {
			t.Fatal(err)
		}
	}
	if da, db := digest(t, a), digest(t, b); da != db {
		t.Errorf("same seed, different rows: %s vs %s", da, db)
	}
	var jobs, providers, tenants, expired int
	var avgDesc float64
	err := a.QueryRow(context.Background(), `SELECT (SELECT count(*) FROM public.job_catalog),
		(SELECT count(*) FROM public.provider_catalog), (SELECT count(*) FROM public.tenants),
		(SELECT count(*) FROM public.job_catalog WHERE application_deadline < $1),
		(SELECT avg(length(description_html)) FROM public.job_catalog)`, opts.Now).
		Scan(&jobs, &providers, &tenants, &expired, &avgDesc)
	if err != nil {
		t.Fatal(err)
	}
	if jobs != opts.Jobs || providers != opts.Providers || tenants != opts.Tenants {
		t.Errorf("counts %d jobs, %d providers, %d tenants", jobs, providers, tenants)
	}
	if expired == 0 || expired > jobs/4 || avgDesc < 1000 || avgDesc > 1400 {
		t.Errorf("%d expired jobs, descriptions of %.0f bytes on average", expired, avgDesc)
	}
}
