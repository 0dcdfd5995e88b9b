package worker_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/zumodra/zumodra/internal/testfactory"
	"github.com/zumodra/zumodra/internal/worker"
)

// TestShutdownFinishesOrRollsBackTheBatchInHand stops Run (as SIGTERM
// would) while a batch is between its apply and its commit: with a grace
// period the batch commits; with none it rolls back and its outbox rows
// stay for the next worker.
func TestShutdownFinishesOrRollsBackTheBatchInHand(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name      string
		grace     time.Duration
		committed bool
	}{
		{"grace finishes", time.Minute, true},
		{"no grace rolls back", -1, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t, worker.Config{})
			tn := testfactory.Tenant(t, e.db, nil)
			job := testfactory.Job(t, e.db, tn, nil)
			p, err := worker.New(e.db, worker.Config{Workers: 1, ShutdownGrace: tc.grace})
			if err != nil {
				t.Fatal(err)
			}
			ctx, stop := context.WithCancel(e.ctx)
			var once sync.Once
			worker.SetBeforeCommit(p, func(context.Context) { once.Do(stop) })
			if err := p.Run(ctx); err != nil {
				t.Fatal(err)
			}
			if got := e.jobRow(tn, job.ID) != nil; got != tc.committed {
				t.Fatalf("job public after shutdown = %v, want %v", got, tc.committed)
			}
			if pending := e.outboxCount() > 0; pending == tc.committed {
				t.Fatalf("outbox rows pending = %v after shutdown, want %v", pending, !tc.committed)
			}
		})
	}
}
