package worker_test

import (
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/zumodra/zumodra/internal/testfactory"
	"github.com/zumodra/zumodra/internal/worker"
)

// A batch of several tenants that fails outside row isolation (here a
// broken schema under a full pass of tenant B) must charge the failure to
// tenant B's rows only: tenant A's healthy rows, rolled back with the
// batch, stay pending with no attempt counted, instead of being buried as
// dead letters for another tenant's fault.
func TestBatchFailureOfOneTenantDoesNotBuryAnothersRows(t *testing.T) {
	t.Parallel()
	e := newEnv(t, worker.Config{MaxAttempts: 1})
	a := testfactory.Tenant(t, e.db, nil)
	b := testfactory.Tenant(t, e.db, nil)
	e.drain()
	job := testfactory.Job(t, e.db, a, nil)
	e.exec(b, `ALTER TABLE %s.job_postings RENAME TO job_postings_broken`)
	if _, err := e.db.Exec(e.ctx, `INSERT INTO public.sync_outbox (tenant_id, entity, source_id) VALUES ($1, 'tenant', 0)`, b.ID); err != nil {
		t.Fatal(err)
	}

	bt, err := e.w.ProcessBatch(e.ctx)
	if err == nil || len(bt.Tenants) != 2 {
		t.Fatalf("batch = %+v, %v; want both tenants in one failed batch", bt, err)
	}
	if n := e.count(`SELECT count(*) FROM public.sync_outbox WHERE tenant_id = $1 AND (attempts > 0 OR dead_at IS NOT NULL)`, a.ID); n != 0 {
		t.Fatalf("%d outbox rows of tenant A charged with tenant B's failure", n)
	}
	if n := e.count(`SELECT count(*) FROM public.sync_outbox WHERE tenant_id = $1 AND dead_at IS NOT NULL`, b.ID); n != 1 {
		t.Fatalf("tenant B's failing row: %d dead letters, want 1", n)
	}
	e.drain()
	if e.jobRow(a, job.ID) == nil {
		t.Fatal("tenant A's job was not applied")
	}
}

// A full pass (tenant-wide change) resyncs a whole catalog inside the
// batch: a batch that has one takes no further tenants, so one transaction
// never holds sixteen tenants' full passes and their locks at once.
func TestFullPassEndsTheBatch(t *testing.T) {
	t.Parallel()
	e := newEnv(t, worker.Config{})
	a := testfactory.Tenant(t, e.db, nil)
	b := testfactory.Tenant(t, e.db, nil)
	e.drain()
	for _, tn := range []int64{a.ID, b.ID} {
		if _, err := e.db.Exec(e.ctx, `INSERT INTO public.sync_outbox (tenant_id, entity, source_id) VALUES ($1, 'tenant', 0)`, tn); err != nil {
			t.Fatal(err)
		}
	}
	bt, err := e.w.ProcessBatch(e.ctx)
	if err != nil || len(bt.Tenants) != 1 {
		t.Fatalf("batch = %+v, %v; want one tenant's full pass", bt, err)
	}
	e.drain()
	if n := e.outboxCount(); n != 0 {
		t.Fatalf("%d outbox rows left", n)
	}
}

// The warning about failed rows names every tenant of the batch, not only
// the first: a poison row of tenant B is not reported as tenant A's.
func TestFailedRowsLogNamesTheBatchTenants(t *testing.T) {
	t.Parallel()
	var logs bytes.Buffer
	var mu sync.Mutex
	e := newEnv(t, worker.Config{Logger: slog.New(slog.NewJSONHandler(lockedWriter{&mu, &logs}, nil))})
	if _, err := e.db.Exec(e.ctx, poison); err != nil {
		t.Fatal(err)
	}
	a := testfactory.Tenant(t, e.db, nil)
	b := testfactory.Tenant(t, e.db, nil)
	e.drain()
	testfactory.Job(t, e.db, a, nil)
	testfactory.Job(t, e.db, b, &testfactory.JobOpts{Title: "POISON pill"})
	if tot := e.drain(); tot.Retried != 1 || tot.Batches != 1 {
		t.Fatalf("totals = %+v, want one batch with B's poison row retried", tot)
	}
	mu.Lock()
	defer mu.Unlock()
	for _, line := range strings.Split(strings.TrimSpace(logs.String()), "\n") {
		var rec struct {
			Msg     string  `json:"msg"`
			Tenants []int64 `json:"tenant_ids"`
		}
		if err := json.Unmarshal([]byte(line), &rec); err != nil || rec.Msg != "sync rows failed" {
			continue
		}
		if !slices.Contains(rec.Tenants, b.ID) {
			t.Fatalf("failure logged as %s, tenant %d missing", line, b.ID)
		}
		return
	}
	t.Fatalf("no failure logged: %s", logs.String())
}

type lockedWriter struct {
	mu *sync.Mutex
	w  io.Writer
}

func (l lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

// A poison row of tenant B, in the same batch as tenant A's rows, is
// buried alone: A's rows apply in that batch's commit.
func TestPoisonRowOfOneTenantInSharedBatch(t *testing.T) {
	t.Parallel()
	e := newEnv(t, worker.Config{MaxAttempts: 1})
	if _, err := e.db.Exec(e.ctx, poison); err != nil {
		t.Fatal(err)
	}
	a := testfactory.Tenant(t, e.db, nil)
	b := testfactory.Tenant(t, e.db, nil)
	e.drain()
	bad := testfactory.Job(t, e.db, b, &testfactory.JobOpts{Title: "POISON pill"})
	good := testfactory.Job(t, e.db, a, nil)
	okB := testfactory.Job(t, e.db, b, nil)
	bt, err := e.w.ProcessBatch(e.ctx)
	if err != nil || len(bt.Tenants) != 2 || bt.Dead != 1 || bt.Retried != 0 || len(bt.Applied) != 2 {
		t.Fatalf("batch = %+v, %v; want both tenants, B's poison row buried, the rest applied", bt, err)
	}
	if e.jobRow(a, good.ID) == nil || e.jobRow(b, okB.ID) == nil || e.jobRow(b, bad.ID) != nil {
		t.Fatal("healthy rows not applied, or the poison row written")
	}
	if n := e.count(`SELECT count(*) FROM public.sync_outbox WHERE tenant_id = $1 AND source_id = $2 AND dead_at IS NOT NULL`, b.ID, bad.ID); n != 1 || e.outboxCount() != 1 {
		t.Fatalf("dead letters of B's poison row = %d, outbox rows = %d", n, e.outboxCount())
	}
}
