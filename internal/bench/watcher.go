package bench

import (
	"context"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// watcher finds when committed changes become visible in the catalog. It
// polls back to back for the pending rows' catalog versions; a change is
// visible once its row's source_version reaches the committed version. The
// poll's snapshot is taken when the poll starts, so a change first seen by
// a poll was visible no later than that start and not at the previous
// poll's start: its delay is measured to the start, with an error of at
// most one poll (about a millisecond).
type watcher struct {
	db      *pgxpool.Pool
	mu      sync.Mutex
	pending map[[2]int64][]commit
	delays  []time.Duration
}

// pollEvery is the watcher's resolution.
const pollEvery = 5 * time.Millisecond

func newWatcher(db *pgxpool.Pool) *watcher {
	return &watcher{db: db, pending: map[[2]int64][]commit{}}
}

func (w *watcher) add(c commit) {
	w.mu.Lock()
	defer w.mu.Unlock()
	k := [2]int64{c.t.tenantID, c.t.sourceID}
	w.pending[k] = append(w.pending[k], c)
}

func (w *watcher) left() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	n := 0
	for _, cs := range w.pending {
		n += len(cs)
	}
	return n
}

// run polls until ctx ends.
func (w *watcher) run(ctx context.Context) error {
	for ctx.Err() == nil {
		if err := w.poll(ctx); err != nil && ctx.Err() == nil {
			return err
		}
		time.Sleep(pollEvery)
	}
	return nil
}

func (w *watcher) poll(ctx context.Context) error {
	w.mu.Lock()
	var tids, sids []int64
	for k := range w.pending {
		tids, sids = append(tids, k[0]), append(sids, k[1])
	}
	w.mu.Unlock()
	if len(tids) == 0 {
		return nil
	}
	start := time.Now()
	rows, err := w.db.Query(ctx, `SELECT c.tenant_id, c.source_id, c.source_version FROM public.job_catalog c
		JOIN unnest($1::bigint[], $2::bigint[]) AS k(t, s) ON c.tenant_id = k.t AND c.source_id = k.s`, tids, sids)
	if err != nil {
		return err
	}
	var tid, sid, ver int64
	_, err = pgx.ForEachRow(rows, []any{&tid, &sid, &ver}, func() error {
		w.resolve([2]int64{tid, sid}, ver, start)
		return nil
	})
	return err
}

// resolve records the delay of every pending change of the row up to the
// version seen.
func (w *watcher) resolve(k [2]int64, seen int64, at time.Time) {
	w.mu.Lock()
	defer w.mu.Unlock()
	var keep []commit
	for _, c := range w.pending[k] {
		if c.version <= seen {
			w.delays = append(w.delays, max(at.Sub(c.at), 0))
		} else {
			keep = append(keep, c)
		}
	}
	if len(keep) == 0 {
		delete(w.pending, k)
	} else {
		w.pending[k] = keep
	}
}
