package ops

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/zumodra/zumodra/internal/migrate"
	"github.com/zumodra/zumodra/internal/outbox"
	"github.com/zumodra/zumodra/internal/testdb"
	"github.com/zumodra/zumodra/internal/testfactory"
)

// healthySystem is a migrated database with a synced tenant and a live worker.
func healthySystem(t *testing.T) *pgxpool.Pool {
	t.Helper()
	pool := testdb.New(t)
	tn := testfactory.Tenant(t, pool, &testfactory.TenantOpts{Name: "Demo Company", Slug: "democompany"})
	testfactory.Job(t, pool, tn, nil)
	testfactory.Provider(t, pool, tn, nil)
	syncAll(t, pool)
	beat(t, pool)
	return pool
}

// beat records a fresh heartbeat, as a running worker does.
func beat(t *testing.T, pool *pgxpool.Pool) {
	exec(t, pool, `INSERT INTO public.worker_heartbeats (worker_id, hostname, pid) VALUES ('test/0', 'test', 1)
		ON CONFLICT (worker_id) DO UPDATE SET seen_at = now()`)
}

func check(t *testing.T, rep DoctorReport, name string) Check {
	t.Helper()
	for _, c := range rep.Checks {
		if c.Name == name {
			return c
		}
	}
	t.Fatalf("no check %q in %+v", name, rep.Checks)
	return Check{}
}

func failedChecks(rep DoctorReport) []string {
	var out []string
	for _, c := range rep.Checks {
		if !c.OK {
			out = append(out, c.Name+": "+c.Detail)
		}
	}
	return out
}

func TestDoctorPassesOnAHealthySystem(t *testing.T) {
	t.Parallel()
	pool := healthySystem(t)
	site := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/careers/" && r.URL.Path != "/browse-freelancers/" {
			http.NotFound(w, r)
		}
	}))
	defer site.Close()
	rep := (&Doctor{Pool: pool, URL: site.URL}).Run(context.Background())
	if !rep.OK {
		t.Fatalf("failed checks: %v", failedChecks(rep))
	}
	if len(rep.Checks) != 12 {
		t.Errorf("%d checks, want 10 plus 2 pages", len(rep.Checks))
	}
	cat := check(t, rep, "catalogs match their sources")
	if len(cat.Lines) != 1 || !strings.Contains(cat.Lines[0], "Demo Company (democompany): jobs 1 eligible → 1 in catalog; providers 1 eligible → 1 in catalog") {
		t.Errorf("catalog lines %q", cat.Lines)
	}
}

// A dropped index fails the check; migrate does not bring it back (its
// migration is recorded), exactly as the hint says; the command the hint
// names does.
func TestDoctorMissingIndex(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := healthySystem(t)
	exec(t, pool, `DROP INDEX public.job_catalog_remote`)
	d := &Doctor{Pool: pool}

	ix := check(t, d.Run(ctx), "indexes present")
	if ix.OK || ix.Hint != IndexHint || !strings.Contains(strings.Join(ix.Lines, "\n"), "missing public.job_catalog_remote on job_catalog (from shared 0002_catalog)") {
		t.Fatalf("index check after DROP INDEX: %+v", ix)
	}
	if err := migrate.Up(ctx, pool, slog.New(slog.DiscardHandler)); err != nil {
		t.Fatal(err)
	}
	if ix := check(t, d.Run(ctx), "indexes present"); ix.OK {
		t.Fatal("migrate recreated the index: the hint is wrong")
	}
	missing, _, err := MissingIndexes(ctx, pool)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := RecreateIndexes(ctx, pool, missing); err != nil {
		t.Fatal(err)
	}
	if rep := d.Run(ctx); !rep.OK {
		t.Fatalf("after recreating: %v", failedChecks(rep))
	}
}

func TestDoctorMissingTenantIndexRecreatedInItsSchema(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := healthySystem(t)
	exec(t, pool, `DROP INDEX t_democompany.job_postings_public`)
	missing, _, err := MissingIndexes(ctx, pool)
	if err != nil || len(missing) != 1 || missing[0].Schema != "t_democompany" {
		t.Fatalf("missing %+v, %v", missing, err)
	}
	if _, err := RecreateIndexes(ctx, pool, missing); err != nil {
		t.Fatal(err)
	}
	if n := count(t, pool, `SELECT count(*) FROM pg_indexes WHERE schemaname = 't_democompany' AND indexname = 'job_postings_public'`); n != 1 {
		t.Error("tenant index not recreated in the tenant schema")
	}
}

func TestDoctorQueueAndWorkerChecks(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := healthySystem(t)
	var tenantID int64
	if err := pool.QueryRow(ctx, `SELECT id FROM public.tenants`).Scan(&tenantID); err != nil {
		t.Fatal(err)
	}
	exec(t, pool, `INSERT INTO public.sync_outbox (tenant_id, entity, source_id, attempts, last_error, dead_at)
		VALUES ($1, 'job', 42, 10, 'boom: poison row', now())`, tenantID)
	exec(t, pool, `INSERT INTO public.sync_outbox (tenant_id, entity, source_id, enqueued_at, available_at)
		VALUES ($1, 'job', 43, now() - interval '1 hour', now() + interval '1 hour')`, tenantID)
	exec(t, pool, `UPDATE public.worker_heartbeats SET seen_at = now() - interval '10 minutes'`)

	rep := (&Doctor{Pool: pool}).Run(ctx)
	if rep.OK {
		t.Fatal("doctor passed with a dead letter, an hour-old pending row and no live worker")
	}
	if c := check(t, rep, "no dead letters"); c.OK || len(c.Lines) != 1 || !strings.Contains(c.Lines[0], "boom: poison row") {
		t.Errorf("dead letters: %+v", c)
	}
	if c := check(t, rep, "outbox not backed up"); c.OK {
		t.Errorf("outbox: %+v", c)
	}
	if c := check(t, rep, "workers alive"); c.OK {
		t.Errorf("workers: %+v", c)
	}
	// The pending row of job 43 explains no discrepancy: there is no job 43.
	if c := check(t, rep, "catalogs match their sources"); !c.OK {
		t.Errorf("catalogs: %+v", c)
	}
}

// A tenant whose oldest pending change waits longer than the tenant lag is
// named, even while the outbox as a whole is well under its limits.
func TestDoctorNamesAStalledTenant(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := healthySystem(t)
	var tenantID int64
	if err := pool.QueryRow(ctx, `SELECT id FROM public.tenants`).Scan(&tenantID); err != nil {
		t.Fatal(err)
	}
	exec(t, pool, `INSERT INTO public.sync_outbox (tenant_id, entity, source_id, enqueued_at)
		VALUES ($1, 'job', 43, now() - interval '90 seconds')`, tenantID)
	rep := (&Doctor{Pool: pool, MaxPendingAge: time.Hour}).Run(ctx)
	c := check(t, rep, "no tenant's changes stalled")
	if c.OK || len(c.Lines) != 1 || !strings.Contains(c.Lines[0], "democompany: 1 pending") {
		t.Errorf("tenant lag: %+v", c)
	}
	if c := check(t, rep, "outbox not backed up"); !c.OK {
		t.Errorf("the outbox is within its limits: %+v", c)
	}
	if c := check(t, (&Doctor{Pool: pool, MaxPendingAge: time.Hour, MaxTenantLag: 2 * time.Minute}).Run(ctx), "no tenant's changes stalled"); !c.OK {
		t.Errorf("under a lag of 2m: %+v", c)
	}
}

// A worker is dead after two of its own heartbeat intervals, whatever the
// interval: a fast-beating worker that stopped 3 seconds ago is dead, a
// slow one is not.
func TestWorkerDeadAfterTwoOfItsIntervals(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := testdb.New(t)
	exec(t, pool, `INSERT INTO public.worker_heartbeats (worker_id, hostname, pid, interval_ms, seen_at) VALUES
		('fast/0', 'h', 1, 1000, now() - interval '3 seconds'),
		('slow/0', 'h', 2, 10000, now() - interval '3 seconds'),
		('fresh/0', 'h', 3, 1000, now())`)
	ws, err := outbox.ReadWorkers(ctx, pool)
	if err != nil {
		t.Fatal(err)
	}
	alive := map[string]bool{}
	for _, w := range ws {
		alive[w.ID] = w.Alive(0)
	}
	if alive["fast/0"] || !alive["slow/0"] || !alive["fresh/0"] {
		t.Errorf("alive = %v", alive)
	}
	c := check(t, (&Doctor{Pool: pool}).Run(ctx), "workers alive")
	if !c.OK || !strings.Contains(c.Detail, "2 alive, 1 dead") {
		t.Errorf("workers: %+v", c)
	}
}
