package ops

import (
	"context"
	"slices"
	"testing"

	"github.com/zumodra/zumodra/internal/kind"

	"github.com/jackc/pgx/v5"

	"github.com/zumodra/zumodra/internal/tenants"
	"github.com/zumodra/zumodra/internal/testdb"
	"github.com/zumodra/zumodra/internal/testfactory"
)

func result(t *testing.T, rep Report, slug string, c kind.Catalog) CatalogResult {
	t.Helper()
	for _, r := range rep.Results {
		if r.Tenant == slug && r.Catalog == c {
			return r
		}
	}
	t.Fatalf("no result for %s %s in %+v", slug, c, rep.Results)
	return CatalogResult{}
}

func TestVerifyCleanCatalog(t *testing.T) {
	t.Parallel()
	pool := testdb.New(t)
	tn := testfactory.Tenant(t, pool, nil)
	for range 3 {
		testfactory.Job(t, pool, tn, nil)
	}
	testfactory.Job(t, pool, tn, &testfactory.JobOpts{Status: "draft"})
	testfactory.Provider(t, pool, tn, &testfactory.ProviderOpts{Skills: []testfactory.SkillOpts{{Name: "Go", Level: "expert", Years: 6}}})
	syncAll(t, pool)

	v := &Verifier{Pool: pool, PageSize: 2} // several pages, so page boundaries are crossed
	rep, err := v.Verify(context.Background(), VerifyOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Discrepancies() != 0 || rep.Failed() {
		t.Fatalf("clean catalog reported %+v", rep.Results)
	}
	jobs := result(t, rep, tn.Slug, kind.Jobs)
	if jobs.Eligible != 3 || jobs.InCatalog != 3 {
		t.Errorf("jobs: eligible %d, in catalog %d; want 3, 3", jobs.Eligible, jobs.InCatalog)
	}
	if p := result(t, rep, tn.Slug, kind.Providers); p.Eligible != 1 || p.InCatalog != 1 {
		t.Errorf("providers: eligible %d, in catalog %d; want 1, 1", p.Eligible, p.InCatalog)
	}
	if c := result(t, rep, tn.Slug, kind.Companies); c.Eligible != 1 || c.InCatalog != 1 {
		t.Errorf("companies: eligible %d, in catalog %d; want 1, 1", c.Eligible, c.InCatalog)
	}
	last, err := LastVerifications(context.Background(), pool, []int64{tn.ID})
	if err != nil || len(last) != 3 || last[1].Catalog != kind.Jobs || last[1].Eligible != 3 || last[1].InCatalog != 3 {
		t.Errorf("recorded verifications %+v (%v)", last, err)
	}
}

// A catalog corrupted by hand in SQL (a changed title, an extra row, a
// deleted row, a changed company description, the rows of a suspended
// tenant) is found by verify and fixed by repair.
func TestVerifyFindsAndRepairsHandCorruption(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := testdb.New(t)
	tn := testfactory.Tenant(t, pool, nil)
	edited := testfactory.Job(t, pool, tn, nil)
	deleted := testfactory.Job(t, pool, tn, nil)
	testfactory.Job(t, pool, tn, nil)
	other := testfactory.Tenant(t, pool, nil)
	testfactory.Job(t, pool, other, nil)
	syncAll(t, pool)

	exec(t, pool, `UPDATE public.job_catalog SET title = 'Edited by hand' WHERE tenant_id = $1 AND source_id = $2`, tn.ID, edited.ID)
	exec(t, pool, `DELETE FROM public.job_catalog WHERE tenant_id = $1 AND source_id = $2`, tn.ID, deleted.ID)
	exec(t, pool, `UPDATE public.company_catalog SET description = 'Tampered' WHERE tenant_id = $1`, tn.ID)
	exec(t, pool, `INSERT INTO public.job_catalog (tenant_id, source_id, source_version, content_hash, title, job_type,
		experience_level, remote_policy, company_name, company_slug, published_at)
		SELECT tenant_id, 999999, 1, content_hash, 'Extra', job_type, experience_level, remote_policy,
			company_name, company_slug, published_at FROM public.job_catalog WHERE tenant_id = $1 LIMIT 1`, tn.ID)
	// Suspended behind the workers' back: the capture is dropped, so only
	// verify can notice the row left public.
	if _, err := tenants.New(pool).Suspend(ctx, other.Slug); err != nil {
		t.Fatal(err)
	}
	drain(t, pool)

	v := &Verifier{Pool: pool}
	rep, err := v.Verify(ctx, VerifyOptions{})
	if err != nil {
		t.Fatal(err)
	}
	jobs := result(t, rep, tn.Slug, kind.Jobs)
	if jobs.Missing != 1 || jobs.Stale != 1 || jobs.Drifted != 1 {
		t.Errorf("tenant: missing %d stale %d drifted %d; want 1 each (%+v)", jobs.Missing, jobs.Stale, jobs.Drifted, jobs.Samples)
	}
	if got := jobs.Columns(); !slices.Equal(got, []string{"title"}) {
		t.Errorf("drifted columns %v, want [title]", got)
	}
	if sus := result(t, rep, other.Slug, kind.Jobs); sus.Stale != 1 || sus.Samples[0].Reason != "tenant is suspended" {
		t.Errorf("suspended tenant: %+v", sus)
	}
	if c := result(t, rep, tn.Slug, kind.Companies); c.Drifted != 1 || !slices.Equal(c.Columns(), []string{"description"}) {
		t.Errorf("tampered company: %+v", c)
	}
	if c := result(t, rep, other.Slug, kind.Companies); c.Stale != 1 {
		t.Errorf("suspended tenant's company: %+v", c)
	}
	if rep.Discrepancies() != 6 {
		t.Errorf("total discrepancies %d, want 6", rep.Discrepancies())
	}

	rep, err = v.Verify(ctx, VerifyOptions{Repair: true})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Discrepancies() != 0 {
		t.Fatalf("after repair: %+v", rep.Results)
	}
	if rep.Repair == nil || rep.Repair.Written != 3 || rep.Repair.Removed != 3 {
		t.Errorf("repair stats %+v, want 3 written (edited, deleted, company), 3 removed (extra, suspended job and company)", rep.Repair)
	}
	if n := count(t, pool, `SELECT count(*) FROM public.company_catalog WHERE description = 'Tampered' OR tenant_id = $1`, other.ID); n != 0 {
		t.Errorf("%d tampered or suspended company rows left", n)
	}
	if n := count(t, pool, `SELECT count(*) FROM public.job_catalog WHERE title = 'Edited by hand' OR source_id = 999999`); n != 0 {
		t.Errorf("%d corrupted rows left", n)
	}
	if n := count(t, pool, `SELECT count(*) FROM public.job_catalog WHERE tenant_id = $1`, other.ID); n != 0 {
		t.Errorf("suspended tenant still has %d public rows", n)
	}
}

// A change the workers have not applied yet is pending, not a discrepancy.
func TestVerifyCountsUnappliedChangesAsPending(t *testing.T) {
	t.Parallel()
	pool := testdb.New(t)
	tn := testfactory.Tenant(t, pool, nil)
	testfactory.Job(t, pool, tn, nil)
	syncAll(t, pool)
	testfactory.Job(t, pool, tn, nil) // captured, not applied

	rep, err := (&Verifier{Pool: pool}).Verify(context.Background(), VerifyOptions{TenantSlugs: []string{tn.Slug}})
	if err != nil {
		t.Fatal(err)
	}
	jobs := result(t, rep, tn.Slug, kind.Jobs)
	if jobs.Pending != 1 || rep.Discrepancies() != 0 {
		t.Errorf("pending %d, discrepancies %d; want 1, 0", jobs.Pending, rep.Discrepancies())
	}
}

// With pages of two source rows, discrepancies in the middle of the id
// range, on page boundaries and beyond the last source id are all found
// exactly once.
func TestVerifyAcrossPageBoundaries(t *testing.T) {
	t.Parallel()
	pool := testdb.New(t)
	tn := testfactory.Tenant(t, pool, nil)
	var ids []int64
	for range 7 {
		ids = append(ids, testfactory.Job(t, pool, tn, nil).ID)
	}
	syncAll(t, pool)
	jobs := pgx.Identifier{tn.SchemaName, "job_postings"}.Sanitize()
	exec(t, pool, `DELETE FROM `+jobs+` WHERE id = ANY($1)`, []int64{ids[2], ids[6]}) // a middle row, the last row
	exec(t, pool, `DELETE FROM public.job_catalog WHERE tenant_id = $1 AND source_id = ANY($2)`, tn.ID, []int64{ids[1], ids[3]})
	drain(t, pool)

	rep, err := (&Verifier{Pool: pool, PageSize: 2}).Verify(context.Background(), VerifyOptions{Catalogs: []kind.Catalog{kind.Jobs}})
	if err != nil {
		t.Fatal(err)
	}
	r := result(t, rep, tn.Slug, kind.Jobs)
	if r.Missing != 2 || r.Stale != 2 || r.Drifted != 0 || r.Eligible != 5 || r.InCatalog != 5 {
		t.Errorf("missing %d stale %d drifted %d eligible %d in catalog %d; want 2 2 0 5 5 (%+v)",
			r.Missing, r.Stale, r.Drifted, r.Eligible, r.InCatalog, r.Samples)
	}
}
