package apply_test

import (
	"context"
	"testing"

	"github.com/zumodra/zumodra/internal/kind"

	"github.com/jackc/pgx/v5"

	"github.com/zumodra/zumodra/internal/apply"
	"github.com/zumodra/zumodra/internal/projection"
	"github.com/zumodra/zumodra/internal/source"
	"github.com/zumodra/zumodra/internal/testdb"
	"github.com/zumodra/zumodra/internal/testfactory"
)

// TestHashSkipDryRunAndTenantGuard: a dry run counts without writing; an
// unchanged row is not rewritten; a row of another tenant is refused.
func TestHashSkipDryRunAndTenantGuard(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := testdb.New(t)
	tn := testfactory.Tenant(t, pool, nil)
	other := testfactory.Tenant(t, pool, nil)
	job := testfactory.Job(t, pool, tn, nil)
	draft := testfactory.Job(t, pool, tn, &testfactory.JobOpts{Status: "draft"})

	sync := func(opts apply.Options) apply.Stats {
		t.Helper()
		var st apply.Stats
		err := pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error {
			if err := apply.LockTenant(ctx, tx, tn.ID); err != nil {
				return err
			}
			var err error
			st, _, err = apply.SyncIDs(ctx, tx, tn, kind.Jobs, []int64{job.ID, draft.ID, 999999}, opts)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return st
	}
	catalogRows := func() (n int) {
		t.Helper()
		if err := pool.QueryRow(ctx, `SELECT count(*) FROM public.job_catalog`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}

	if st := sync(apply.Options{DryRun: true}); st.Eligible != 1 || st.Written != 1 || st.Inserted != 1 || catalogRows() != 0 {
		t.Fatalf("dry run: %+v, %d rows written", st, catalogRows())
	}
	if st := sync(apply.Options{}); st.Written != 1 || catalogRows() != 1 {
		t.Fatalf("first apply: %+v", st)
	}
	if st := sync(apply.Options{}); st.Unchanged != 1 || st.Written != 0 {
		t.Fatalf("second apply: %+v, want the row unchanged", st)
	}

	in, err := source.JobsByID(ctx, pool, tn, []int64{job.ID})
	if err != nil {
		t.Fatal(err)
	}
	row, _ := projection.Job(in[0])
	err = pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error {
		_, err := apply.JobRows(ctx, tx, other.ID, []projection.JobRow{row}, nil, apply.Options{})
		return err
	})
	if err == nil {
		t.Fatal("a row of one tenant was applied under another tenant")
	}
}
