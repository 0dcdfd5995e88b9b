package resync_test

import (
	"context"
	"testing"

	"github.com/zumodra/zumodra/internal/kind"

	"github.com/zumodra/zumodra/internal/resync"
	"github.com/zumodra/zumodra/internal/testdb"
	"github.com/zumodra/zumodra/internal/testfactory"
)

func TestRunWritesSkipsAndRemoves(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := testdb.New(t)
	tn := testfactory.Tenant(t, pool, nil)
	other := testfactory.Tenant(t, pool, nil)
	for range 5 {
		testfactory.Job(t, pool, tn, nil)
	}
	hidden := testfactory.Job(t, pool, tn, &testfactory.JobOpts{Status: "draft"})
	testfactory.Job(t, pool, other, nil)
	pc := testfactory.ProviderCategory(t, pool, tn, nil)
	testfactory.Provider(t, pool, tn, &testfactory.ProviderOpts{
		Skills: []testfactory.SkillOpts{{Name: "Go", Level: "expert", Years: 6}}, CategoryIDs: []int64{pc.ID},
	})

	opts := resync.Options{TenantSlugs: []string{tn.Slug}, BatchSize: 2}
	rep, err := resync.Run(ctx, pool, opts)
	if err != nil || rep.Err() != nil {
		t.Fatalf("run: %v %v", err, rep.Err())
	}
	jobs := rep.Totals[kind.Jobs]
	if jobs.Eligible != 5 || jobs.Written != 5 || jobs.Inserted != 5 || jobs.Removed != 0 {
		t.Fatalf("first run jobs = %+v", jobs)
	}
	if p := rep.Totals[kind.Providers]; p.Written != 1 {
		t.Fatalf("first run providers = %+v", p)
	}

	rep, err = resync.Run(ctx, pool, opts)
	if err != nil {
		t.Fatal(err)
	}
	if jobs := rep.Totals[kind.Jobs]; jobs.Unchanged != 5 || jobs.Written != 0 {
		t.Fatalf("second run jobs = %+v, want all unchanged", jobs)
	}

	// A catalog row with no eligible source: the draft forced in, and a
	// row whose source id does not exist beyond the last page.
	if _, err := pool.Exec(ctx, `INSERT INTO public.job_catalog (tenant_id, source_id, source_version, content_hash,
		title, job_type, experience_level, remote_policy, company_name, company_slug, published_at)
		SELECT $1, x, 1, '\x00', 'stale', 'full_time', 'mid', 'remote', 'x', 'x', now() FROM unnest($2::bigint[]) x`,
		tn.ID, []int64{hidden.ID, 999999}); err != nil {
		t.Fatal(err)
	}
	opts.DryRun = true
	rep, err = resync.Run(ctx, pool, opts)
	if err != nil {
		t.Fatal(err)
	}
	if jobs := rep.Totals[kind.Jobs]; jobs.Removed != 2 {
		t.Fatalf("dry run jobs = %+v, want 2 removals counted", jobs)
	}
	opts.DryRun = false
	rep, err = resync.Run(ctx, pool, opts)
	if err != nil {
		t.Fatal(err)
	}
	if jobs := rep.Totals[kind.Jobs]; jobs.Removed != 2 {
		t.Fatalf("repair jobs = %+v, want 2 removals", jobs)
	}
	var n int
	if err := pool.QueryRow(ctx, `SELECT count(*) FROM public.job_catalog WHERE tenant_id = $1`, tn.ID).Scan(&n); err != nil || n != 5 {
		t.Fatalf("catalog rows = %d, %v; want 5", n, err)
	}
	if err := pool.QueryRow(ctx, `SELECT count(*) FROM public.job_catalog WHERE tenant_id = $1`, other.ID).Scan(&n); err != nil || n != 0 {
		t.Fatalf("other tenant rows = %d, %v; want 0 (not selected)", n, err)
	}
}
