package ops

import (
	"context"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"

	"github.com/zumodra/zumodra/internal/metrics"
	"github.com/zumodra/zumodra/internal/testdb"
	"github.com/zumodra/zumodra/internal/testfactory"
)

// One runner at a time across processes: while another session holds the
// task's lock, RunOnce skips; once released, it runs and publishes.
func TestPeriodicSingleRunner(t *testing.T) {
	ctx := context.Background()
	pool := testdb.New(t)
	tn := testfactory.Tenant(t, pool, nil)
	j := testfactory.Job(t, pool, tn, nil)
	syncAll(t, pool)
	exec(t, pool, `UPDATE public.job_catalog SET title = 'tampered' WHERE source_id = $1`, j.ID)

	other, err := pool.Acquire(ctx) // another process's session
	if err != nil {
		t.Fatal(err)
	}
	defer other.Release()
	if _, err := other.Exec(ctx, `SELECT pg_advisory_lock($1, $2)`, LockSpace, taskKeys[TaskVerify]); err != nil {
		t.Fatal(err)
	}
	p := &Periodic{Pool: pool}
	if ran, err := p.RunOnce(ctx, TaskVerify); ran || err != nil {
		t.Fatalf("ran %v (%v) while another session held the lock", ran, err)
	}
	if n := count(t, pool, `SELECT count(*) FROM public.catalog_verifications`); n != 0 {
		t.Fatalf("%d verifications recorded by a runner that should have skipped", n)
	}
	if _, err := other.Exec(ctx, `SELECT pg_advisory_unlock($1, $2)`, LockSpace, taskKeys[TaskVerify]); err != nil {
		t.Fatal(err)
	}
	if ran, err := p.RunOnce(ctx, TaskVerify); !ran || err != nil {
		t.Fatalf("ran %v (%v) with the lock free", ran, err)
	}
	var m dto.Metric
	if err := metrics.VerifyDiscrepancies.WithLabelValues("jobs", "drifted").Write(&m); err != nil {
		t.Fatal(err)
	}
	if got := m.GetGauge().GetValue(); got != 1 {
		t.Errorf("verify metric jobs/drifted = %v, want 1", got)
	}
	if ran, err := p.RunOnce(ctx, TaskCleanup); !ran || err != nil {
		t.Fatalf("cleanup ran %v (%v)", ran, err)
	}
	// The feed keeps FeedRetention of history: a run an hour later prunes
	// the versions the sync and the tampering above committed.
	if n := count(t, pool, `SELECT count(*) FROM public.catalog_commits`); n == 0 {
		t.Fatal("the catalog writes left no feed history")
	}
	later := &Periodic{Pool: pool, Now: func() time.Time { return time.Now().Add(FeedRetention + time.Hour) }}
	if err := later.PruneFeed(ctx); err != nil {
		t.Fatal(err)
	}
	if n := count(t, pool, `SELECT count(*) FROM public.catalog_commits`) + count(t, pool, `SELECT count(*) FROM public.catalog_changes`); n != 0 {
		t.Fatalf("%d feed rows older than the retention kept", n)
	}
}

func TestCollectorReportsDatabaseState(t *testing.T) {
	t.Parallel()
	pool := testdb.New(t)
	tn := testfactory.Tenant(t, pool, nil)
	testfactory.Job(t, pool, tn, nil) // pending outbox rows: the tenant's company row and the job
	exec(t, pool, `INSERT INTO public.sync_outbox (tenant_id, entity, source_id, attempts, last_error, dead_at)
		VALUES ($1, 'job', 7, 10, 'boom', now())`, tn.ID)
	beat(t, pool)
	exec(t, pool, `INSERT INTO public.worker_heartbeats (worker_id, hostname, pid, seen_at) VALUES ('gone/0', 'h', 2, now() - interval '1 hour')`)

	reg := prometheus.NewRegistry()
	reg.MustRegister(NewCollector(pool, nil))
	got := gathered(t, reg)
	for name, want := range map[string]float64{
		"zumodra_outbox_dead_letters": 1, "zumodra_outbox_pending_rows": 2, "zumodra_workers_alive": 1,
		"zumodra_database_up": 1, "zumodra_outbox_retrying_rows": 0,
	} {
		if v, ok := got[name]; !ok || len(v) != 1 || v[0] != want {
			t.Errorf("%s = %v, want [%v]", name, v, want)
		}
	}
	if n := len(got["zumodra_worker_heartbeat_age_seconds"]); n != 2 {
		t.Errorf("%d heartbeat age series, want 2", n)
	}
	if age := got["zumodra_outbox_oldest_pending_age_seconds"]; len(age) != 1 || age[0] < 0 {
		t.Errorf("oldest pending age %v", age)
	}
}

// gathered returns each metric family's gauge values.
func gathered(t *testing.T, g prometheus.Gatherer) map[string][]float64 {
	t.Helper()
	mfs, err := g.Gather()
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]float64{}
	for _, mf := range mfs {
		for _, m := range mf.GetMetric() {
			out[mf.GetName()] = append(out[mf.GetName()], m.GetGauge().GetValue())
		}
	}
	return out
}

// Run does its first round at once, beside the workers, and both stop when
// the context ends.
func TestPeriodicRunStopsWithItsContext(t *testing.T) {
	t.Parallel()
	pool := testdb.New(t)
	testfactory.Tenant(t, pool, nil)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	workers := func(ctx context.Context) error { <-ctx.Done(); return nil }
	done := make(chan error, 1)
	go func() { done <- WithPeriodic(workers, &Periodic{Pool: pool, CleanupEvery: -1})(ctx) }()

	// Wait for the first verification to be on record (an event, not a clock).
	wait, stop := context.WithTimeout(ctx, time.Minute)
	defer stop()
	for count(t, pool, `SELECT count(*) FROM public.catalog_verifications`) == 0 {
		if _, err := pool.Exec(wait, `SELECT pg_sleep(0.01)`); err != nil {
			t.Fatalf("no verification recorded: %v", err)
		}
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}
