package worker_test

import (
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/zumodra/zumodra/internal/outbox"
	"github.com/zumodra/zumodra/internal/tenants"
	"github.com/zumodra/zumodra/internal/testfactory"
	"github.com/zumodra/zumodra/internal/worker"
)

// clock is a test clock the workers read through Config.Now.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// poison makes the catalog refuse rows titled POISON..., as a constraint
// added by a later migration or a corrupt value would.
const poison = `CREATE FUNCTION public.test_poison() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF NEW.title LIKE 'POISON%' THEN RAISE EXCEPTION 'poisoned row %', NEW.source_id; END IF;
	RETURN NEW;
END $$;
CREATE TRIGGER test_poison BEFORE INSERT OR UPDATE ON public.job_catalog
	FOR EACH ROW EXECUTE FUNCTION public.test_poison();`

func TestPoisonRowBecomesDeadLetterWhileOthersDrain(t *testing.T) {
	t.Parallel()
	clk := &clock{t: time.Now().Add(time.Hour)} // ahead of the database: rows are available
	e := newEnv(t, worker.Config{MaxAttempts: 3, RetryBase: time.Minute, RetryMax: time.Hour, Now: clk.Now})
	if _, err := e.db.Exec(e.ctx, poison); err != nil {
		t.Fatal(err)
	}
	tn := testfactory.Tenant(t, e.db, nil)
	for range 10 {
		testfactory.Job(t, e.db, tn, nil)
	}
	bad := testfactory.Job(t, e.db, tn, &testfactory.JobOpts{Title: "POISON pill"})
	for range 10 {
		testfactory.Job(t, e.db, tn, nil)
	}

	tot := e.drain()
	if j, _ := e.catalogCount(tn); j != 20 {
		t.Fatalf("%d jobs applied, want the 20 healthy ones", j)
	}
	if len(tot.Failed) != 1 || tot.Failed[0].ID != bad.ID || tot.Retried != 1 {
		t.Fatalf("failures = %+v (retried %d), want only job %d", tot.Failed, tot.Retried, bad.ID)
	}
	// Backoff: not retried before its time, then retried until buried.
	if tot := e.drain(); tot.Claimed != 0 {
		t.Fatalf("poison row retried before its backoff: %+v", tot)
	}
	for attempt := 2; attempt <= 3; attempt++ {
		clk.Advance(time.Duration(1<<(attempt-2)) * time.Minute)
		if tot := e.drain(); tot.Claimed != 1 {
			t.Fatalf("attempt %d: claimed %d rows, want the poison row", attempt, tot.Claimed)
		}
	}
	clk.Advance(24 * time.Hour)
	if tot := e.drain(); tot.Claimed != 0 {
		t.Fatal("a dead letter was claimed again")
	}

	dead, err := outbox.ListDead(e.ctx, e.db, outbox.DeadFilter{TenantID: tn.ID})
	if err != nil {
		t.Fatal(err)
	}
	if len(dead) != 1 || dead[0].SourceID != bad.ID || dead[0].Attempts != 3 ||
		!strings.Contains(dead[0].LastError, "poisoned row") || dead[0].TenantSlug != tn.Slug {
		t.Fatalf("dead letters = %+v", dead)
	}

	// Fixed and retried from the admin page: it applies.
	if _, err := e.db.Exec(e.ctx, `DROP TRIGGER test_poison ON public.job_catalog`); err != nil {
		t.Fatal(err)
	}
	if n, err := outbox.RetryDead(e.ctx, e.db, tn.ID, nil); err != nil || n != 1 {
		t.Fatalf("retry dead = %d, %v", n, err)
	}
	e.drain()
	if e.jobRow(tn, bad.ID) == nil || e.outboxCount() != 0 {
		t.Fatal("retried dead letter was not applied")
	}
	testfactory.RequireConverged(t, e.db)
}

func TestPoisonRowInFullPassDoesNotBlockTheTenant(t *testing.T) {
	t.Parallel()
	e := newEnv(t, worker.Config{MaxAttempts: 1, PageSize: 3})
	tn := testfactory.Tenant(t, e.db, nil)
	for range 7 {
		testfactory.Job(t, e.db, tn, nil)
	}
	bad := testfactory.Job(t, e.db, tn, &testfactory.JobOpts{Title: "POISON in a page"})
	e.drain()
	if _, err := e.db.Exec(e.ctx, poison); err != nil {
		t.Fatal(err)
	}
	// The rename is a full pass; every row but the poison one must follow it.
	if _, err := tenants.New(e.db).Rename(e.ctx, tn.Slug, "Renamed"); err != nil {
		t.Fatal(err)
	}
	tot := e.drain()
	if tot.Dead != 1 {
		t.Fatalf("dead letters = %d, want the tenant pass that hit the poison row", tot.Dead)
	}
	if n := e.count(`SELECT count(*) FROM public.job_catalog WHERE tenant_id = $1 AND company_name = 'Renamed'`, tn.ID); n != 7 {
		t.Fatalf("%d of 7 healthy rows renamed", n)
	}
	dead, _ := outbox.ListDead(e.ctx, e.db, outbox.DeadFilter{})
	if len(dead) != 1 || dead[0].Entity != outbox.EntityTenant || !strings.Contains(dead[0].LastError, "poisoned row") {
		t.Fatalf("dead letters = %+v", dead)
	}
	if e.jobRow(tn, bad.ID)["company_name"] == "Renamed" {
		t.Fatal("the poison row was written despite its failure")
	}
}

func TestPendingRowsOfDeletedTenantAreDropped(t *testing.T) {
	t.Parallel()
	e := newEnv(t, worker.Config{})
	tn := testfactory.Tenant(t, e.db, nil)
	testfactory.Job(t, e.db, tn, nil)
	// Another writer's rows for a tenant deleted since (tenants.Delete
	// removes its own rows; these arrive through a path that did not).
	if _, err := e.db.Exec(e.ctx, `INSERT INTO public.sync_outbox (tenant_id, entity, source_id) VALUES (999999, 'job', 1), (999999, 'tenant', 0)`); err != nil {
		t.Fatal(err)
	}
	e.drain()
	if n := e.outboxCount(); n != 0 {
		t.Fatalf("%d outbox rows left", n)
	}
	if j, _ := e.catalogCount(tn); j != 1 {
		t.Fatal("live tenant's job not applied")
	}
}
