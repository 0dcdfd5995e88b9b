package worker_test

import (
	"context"
	"testing"
	"time"

	"github.com/zumodra/zumodra/internal/testfactory"
	"github.com/zumodra/zumodra/internal/worker"
)

// TestOlderReadNeverOverwritesNewerState stages the race the tenant lock
// exists for: worker A has read a job and is about to commit; meanwhile the
// job changes again and worker B looks for work. B must not apply the newer
// change before A commits (else A's older read would land last and the newer
// change, its outbox row already deleted by B, would be lost).
func TestOlderReadNeverOverwritesNewerState(t *testing.T) {
	t.Parallel()
	e := newEnv(t, worker.Config{})
	tn := testfactory.Tenant(t, e.db, nil)
	job := testfactory.Job(t, e.db, tn, &testfactory.JobOpts{Title: "first"})

	a, err := worker.New(e.db, worker.Config{})
	if err != nil {
		t.Fatal(err)
	}
	b, err := worker.New(e.db, worker.Config{})
	if err != nil {
		t.Fatal(err)
	}
	fired := false
	worker.SetBeforeCommit(a, func(ctx context.Context) {
		if fired {
			return
		}
		fired = true
		e.exec(tn, `UPDATE %s.job_postings SET title = 'second' WHERE id = $1`, job.ID)
		// Without the lock B would block on A's uncommitted catalog row: the
		// timeout turns that deadlock into a failure.
		bctx, cancel := context.WithTimeout(ctx, 3*time.Second)
		defer cancel()
		got, err := b.ProcessBatch(bctx)
		if err != nil {
			t.Errorf("worker B: %v", err)
		}
		if got.Claimed != 0 {
			t.Errorf("worker B claimed %d rows of a tenant worker A holds", got.Claimed)
		}
	})
	if _, err := a.ProcessBatch(e.ctx); err != nil {
		t.Fatal(err)
	}
	if row := e.jobRow(tn, job.ID); row["title"] != "first" {
		t.Fatalf("after A: title %v, want first", row["title"])
	}
	e.drain()
	if row := e.jobRow(tn, job.ID); row["title"] != "second" {
		t.Fatalf("after drain: title %v, want second", row["title"])
	}
	testfactory.RequireConverged(t, e.db)
}
