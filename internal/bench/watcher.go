package bench

import (
	"sync"
	"time"

	"github.com/zumodra/zumodra/internal/outbox"
	"github.com/zumodra/zumodra/internal/worker"
)

// watcher matches committed changes with the worker batches that applied
// them, through worker.Config.AfterCommit: a change is visible when
// the batch that applied its outbox row commits, since every snapshot taken
// after that commit holds the new catalog row. The delay runs from the
// writer's COMMIT returning (an upper bound of its commit, so the delay is
// if anything understated by one round trip) to the batch's COMMIT
// returning.
type watcher struct {
	mu      sync.Mutex
	pending map[[2]int64][]time.Time // commits not yet applied, oldest first
	early   map[[2]int64][]time.Time // batches that applied a change before its writer recorded it
	delays  []time.Duration
}

func newWatcher() *watcher {
	return &watcher{pending: map[[2]int64][]time.Time{}, early: map[[2]int64][]time.Time{}}
}

// add records a writer's commit.
func (w *watcher) add(c commit) {
	w.mu.Lock()
	defer w.mu.Unlock()
	k := [2]int64{c.t.tenantID, c.t.sourceID}
	if ts := w.early[k]; len(ts) > 0 {
		w.delays = append(w.delays, max(ts[0].Sub(c.at), 0))
		w.early[k] = ts[1:]
		return
	}
	w.pending[k] = append(w.pending[k], c.at)
}

// applied records a committed worker batch: each applied job outbox row
// makes the oldest pending commit of its row visible.
func (w *watcher) applied(b worker.Batch) {
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, e := range b.Applied {
		if e.Entity != outbox.EntityJob {
			continue
		}
		k := [2]int64{e.TenantID, e.SourceID}
		ts := w.pending[k]
		if len(ts) == 0 {
			w.early[k] = append(w.early[k], b.Committed)
			continue
		}
		w.delays = append(w.delays, max(b.Committed.Sub(ts[0]), 0))
		if len(ts) == 1 {
			delete(w.pending, k)
		} else {
			w.pending[k] = ts[1:]
		}
	}
}

func (w *watcher) left() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	n := 0
	for _, ts := range w.pending {
		n += len(ts)
	}
	return n
}

func (w *watcher) sortedDelays() []time.Duration {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]time.Duration(nil), w.delays...)
}
