package ops

import (
	"context"
	"testing"
	"time"

	"github.com/zumodra/zumodra/internal/kind"

	"github.com/jackc/pgx/v5"

	"github.com/zumodra/zumodra/internal/testdb"
	"github.com/zumodra/zumodra/internal/testfactory"
)

func TestCleanupSweepsStaleRows(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := testdb.New(t)
	now := time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)
	past, future := now.Add(-time.Hour), now.Add(time.Hour)

	tn := testfactory.Tenant(t, pool, nil)
	testfactory.Job(t, pool, tn, &testfactory.JobOpts{ApplicationDeadline: &past})
	testfactory.Job(t, pool, tn, &testfactory.JobOpts{ApplicationDeadline: &future})
	gone := testfactory.Job(t, pool, tn, nil)
	testfactory.Provider(t, pool, tn, nil)
	sus := testfactory.Tenant(t, pool, nil)
	testfactory.Job(t, pool, sus, nil)
	testfactory.Provider(t, pool, sus, nil)
	syncAll(t, pool)
	// Behind the workers' back: the source row vanishes and the tenant is
	// suspended, with the captured changes dropped.
	exec(t, pool, `DELETE FROM `+pgx.Identifier{tn.SchemaName, "job_postings"}.Sanitize()+` WHERE id = $1`, gone.ID)
	exec(t, pool, `UPDATE public.tenants SET status = 'suspended' WHERE id = $1`, sus.ID)
	drain(t, pool)
	exec(t, pool, `INSERT INTO public.worker_heartbeats (worker_id, hostname, pid, seen_at) VALUES
		('crashed/0', 'h', 1, $1), ('alive/0', 'h', 2, $2)`, now.Add(-25*time.Hour), now.Add(-time.Minute))

	cl := &Cleaner{Pool: pool, Now: func() time.Time { return now }}
	want := map[string]map[kind.Catalog]int{
		SweptDeadlinePassed:  {kind.Jobs: 1},
		SweptSourceGone:      {kind.Jobs: 1},
		SweptTenantSuspended: {kind.Jobs: 1, kind.Providers: 1},
	}
	before := count(t, pool, `SELECT count(*) FROM public.job_catalog`)
	dry, err := cl.Sweep(ctx, true)
	if err != nil {
		t.Fatal(err)
	}
	checkSwept(t, dry, want)
	if after := count(t, pool, `SELECT count(*) FROM public.job_catalog`); after != before {
		t.Fatalf("dry run removed rows: %d -> %d", before, after)
	}

	rep, err := cl.Sweep(ctx, false)
	if err != nil {
		t.Fatal(err)
	}
	checkSwept(t, rep, want)
	if rep.Heartbeats != 1 || dry.Heartbeats != 1 {
		t.Errorf("stale heartbeats: dry run %d, run %d; want 1", dry.Heartbeats, rep.Heartbeats)
	}
	if n := count(t, pool, `SELECT count(*) FROM public.worker_heartbeats WHERE worker_id = 'alive/0'`); n != 1 {
		t.Error("a live worker's heartbeat was swept")
	}
	if n := count(t, pool, `SELECT count(*) FROM public.job_catalog`); n != 1 {
		t.Errorf("%d jobs left in the catalog, want the one with a future deadline", n)
	}
	if n := count(t, pool, `SELECT count(*) FROM public.provider_catalog`); n != 1 {
		t.Errorf("%d providers left, want the active tenant's one", n)
	}
	again, err := cl.Sweep(ctx, false)
	if err != nil || again.Total() != 0 {
		t.Errorf("second sweep removed %d (%v), want 0", again.Total(), err)
	}
}

func checkSwept(t *testing.T, rep CleanupReport, want map[string]map[kind.Catalog]int) {
	t.Helper()
	if len(rep.Errors) > 0 {
		t.Fatalf("errors: %v", rep.Errors)
	}
	for _, reason := range SweepReasons {
		for _, c := range kind.All {
			if got := rep.Removed[reason][c]; got != want[reason][c] {
				t.Errorf("%s %s: removed %d, want %d", reason, c, got, want[reason][c])
			}
		}
	}
}
