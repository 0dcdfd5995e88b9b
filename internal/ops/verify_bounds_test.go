package ops

import (
	"context"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/zumodra/zumodra/internal/kind"
	"github.com/zumodra/zumodra/internal/source"
	"github.com/zumodra/zumodra/internal/tenants"
	"github.com/zumodra/zumodra/internal/testdb"
	"github.com/zumodra/zumodra/internal/testfactory"
)

// Rows given unrepresentable times by SQL are flagged as invalid, and the
// tenant's other rows are verified as usual instead of the whole catalog
// failing; repair removes the ones the catalog still holds.
func TestVerifyFlagsInvalidRowsAndCarriesOn(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := testdb.New(t)
	tn := testfactory.Tenant(t, pool, nil)
	inf := testfactory.Job(t, pool, tn, nil)
	far := testfactory.Job(t, pool, tn, nil)
	testfactory.Job(t, pool, tn, nil)
	prov := testfactory.Provider(t, pool, tn, nil)
	testfactory.Provider(t, pool, tn, nil)
	syncAll(t, pool)
	schema := pgx.Identifier{tn.SchemaName}.Sanitize()
	exec(t, pool, `UPDATE `+schema+`.job_postings SET published_at = 'infinity' WHERE id = $1`, inf.ID)
	exec(t, pool, `UPDATE `+schema+`.job_postings SET application_deadline = '9999-12-31T23:59:59-05:00' WHERE id = $1`, far.ID)
	exec(t, pool, `UPDATE `+schema+`.service_providers SET published_at = '-infinity' WHERE id = $1`, prov.ID)
	drain(t, pool) // as if their syncs were dead letters: the catalog still has the old rows

	v := &Verifier{Pool: pool, PageSize: 2}
	rep, err := v.Verify(ctx, VerifyOptions{})
	if err != nil || rep.Failed() {
		t.Fatalf("verify failed: %v %+v", err, rep.Results)
	}
	jobs := result(t, rep, tn.Slug, kind.Jobs)
	if jobs.Invalid != 2 || jobs.Stale != 2 || jobs.Eligible != 1 || jobs.Missing+jobs.Drifted != 0 {
		t.Fatalf("jobs: %+v; want 2 invalid (still in the catalog: stale), 1 eligible", jobs)
	}
	if p := result(t, rep, tn.Slug, kind.Providers); p.Invalid != 1 || p.Stale != 1 || p.Eligible != 1 {
		t.Fatalf("providers: %+v", p)
	}

	rep, err = v.Verify(ctx, VerifyOptions{Repair: true})
	if err != nil || rep.Failed() || rep.Discrepancies() != 0 || rep.Repair.Removed != 3 {
		t.Fatalf("repair: %v %+v %+v", err, rep.Repair, rep.Results)
	}
	jobs = result(t, rep, tn.Slug, kind.Jobs)
	if jobs.Invalid != 2 || jobs.InCatalog != 1 {
		t.Fatalf("after repair: %+v", jobs)
	}
	var named int
	for _, s := range jobs.Samples {
		if s.Kind == Invalid && (strings.Contains(s.Reason, "published_at") || strings.Contains(s.Reason, "application_deadline")) {
			named++
		}
	}
	if named != 2 {
		t.Fatalf("samples %+v do not name the invalid fields", jobs.Samples)
	}
	last, err := LastVerifications(ctx, pool, []int64{tn.ID})
	if err != nil || len(last) != 3 || last[1].Invalid != 2 || last[2].Invalid != 1 { // companies, jobs, providers
		t.Fatalf("recorded %+v (%v)", last, err)
	}
}

// Tenants suspended or renamed after the verification read its tenant list
// (and their catalogs already following) cause no discrepancy: each page
// reads its tenant in its own snapshot.
func TestVerifyReadsTheTenantInEachPagesSnapshot(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := testdb.New(t)
	suspended := testfactory.Tenant(t, pool, nil)
	renamed := testfactory.Tenant(t, pool, nil)
	for _, tn := range []string{suspended.Slug, renamed.Slug} {
		ten, _ := tenants.New(pool).Get(ctx, tn)
		for range 3 {
			testfactory.Job(t, pool, ten, nil)
		}
		testfactory.Provider(t, pool, ten, nil)
	}
	syncAll(t, pool)
	ts, err := source.NamedTenants(ctx, pool, nil) // the list a running verification holds
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tenants.New(pool).Suspend(ctx, suspended.Slug); err != nil {
		t.Fatal(err)
	}
	if _, err := tenants.New(pool).Rename(ctx, renamed.Slug, "Renamed Inc"); err != nil {
		t.Fatal(err)
	}
	syncAll(t, pool) // the workers follow
	if n := count(t, pool, `SELECT count(*) FROM public.job_catalog WHERE company_name = 'Renamed Inc'`); n != 3 {
		t.Fatalf("setup: %d renamed rows", n)
	}

	v := &Verifier{Pool: pool, PageSize: 2}
	res, err := v.pass(ctx, ts, kind.All, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range res {
		if r.Discrepancies() != 0 || r.Err != "" {
			t.Fatalf("%s %s: %+v", r.Tenant, r.Catalog, r)
		}
	}
}
