package ops

import (
	"context"
	"fmt"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/zumodra/zumodra/internal/apply"
	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/tenants"
	"github.com/zumodra/zumodra/internal/testdb"
	"github.com/zumodra/zumodra/internal/testfactory"
)

// TestPublicIdentityIsStable: a job and a provider keep their public ids
// through every path that removes and re-creates their catalog rows, and a
// new row never takes an id that was handed out before.
func TestPublicIdentityIsStable(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := testdb.New(t)
	tn := testfactory.Tenant(t, pool, nil)
	job := testfactory.Job(t, pool, tn, nil)
	prov := testfactory.Provider(t, pool, tn, nil)
	syncAll(t, pool)
	wantJob, wantProv := publicID(t, pool, "job_catalog", tn, job.ID), publicID(t, pool, "provider_catalog", tn, prov.ID)
	store := tenants.New(pool)
	jobs := pgx.Identifier{tn.SchemaName, "job_postings"}.Sanitize()
	provs := pgx.Identifier{tn.SchemaName, "service_providers"}.Sanitize()

	paths := []struct {
		name string
		run  func()
	}{
		{"unpublish and republish", func() {
			exec(t, pool, `UPDATE `+jobs+` SET published_on_career_page = false`)
			exec(t, pool, `UPDATE `+provs+` SET marketplace_enabled = false`)
			syncAll(t, pool)
			requireGone(t, pool, tn)
			exec(t, pool, `UPDATE `+jobs+` SET published_on_career_page = true`)
			exec(t, pool, `UPDATE `+provs+` SET marketplace_enabled = true`)
		}},
		{"suspend and activate", func() {
			mustTenant(t)(store.Suspend(ctx, tn.Slug))
			syncAll(t, pool)
			requireGone(t, pool, tn)
			mustTenant(t)(store.Activate(ctx, tn.Slug))
		}},
		{"rename", func() { mustTenant(t)(store.Rename(ctx, tn.Slug, "Renamed Company")) }},
		{"resync", func() {}},
		{"verify --repair", func() {
			exec(t, pool, `DELETE FROM public.job_catalog`)
			exec(t, pool, `DELETE FROM public.provider_catalog`)
			if _, err := (&Verifier{Pool: pool}).Verify(ctx, VerifyOptions{Repair: true}); err != nil {
				t.Fatal(err)
			}
		}},
		{"catalog rebuilt from scratch", func() {
			if err := apply.EmptyAll(ctx, pool); err != nil {
				t.Fatal(err)
			}
		}},
	}
	for _, p := range paths {
		p.run()
		syncAll(t, pool)
		if got := publicID(t, pool, "job_catalog", tn, job.ID); got != wantJob {
			t.Errorf("%s: job id %d, want %d", p.name, got, wantJob)
		}
		if got := publicID(t, pool, "provider_catalog", tn, prov.ID); got != wantProv {
			t.Errorf("%s: provider id %d, want %d", p.name, got, wantProv)
		}
	}

	fresh := testfactory.Job(t, pool, tn, nil)
	syncAll(t, pool)
	if got := publicID(t, pool, "job_catalog", tn, fresh.ID); got == wantJob || got == wantProv {
		t.Errorf("a new job took the id %d handed out before", got)
	}
}

func publicID(t *testing.T, pool *pgxpool.Pool, table string, tn domain.Tenant, sourceID int64) int64 {
	t.Helper()
	var id int64
	err := pool.QueryRow(context.Background(), `SELECT id FROM public.`+table+` WHERE tenant_id = $1 AND source_id = $2`,
		tn.ID, sourceID).Scan(&id)
	if err != nil {
		t.Fatalf("%s row of source %d: %v", table, sourceID, err)
	}
	return id
}

func requireGone(t *testing.T, pool *pgxpool.Pool, tn domain.Tenant) {
	t.Helper()
	n := count(t, pool, `SELECT (SELECT count(*) FROM public.job_catalog WHERE tenant_id = $1) +
		(SELECT count(*) FROM public.provider_catalog WHERE tenant_id = $1)`, tn.ID)
	if n != 0 {
		t.Fatalf("%d catalog rows left, want none", n)
	}
}

func mustTenant(t *testing.T) func(domain.Tenant, error) {
	return func(_ domain.Tenant, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(fmt.Errorf("tenant change: %w", err))
		}
	}
}
