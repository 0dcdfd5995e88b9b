package bench

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
)

// writers commit single-row updates of public jobs at a paced rate, each
// UPDATE its own transaction, as a tenant's application would.
type writers struct {
	db      *pgxpool.Pool
	n       int
	targets []target
	next    int // next target; only the dispatcher touches it
	seq     atomic.Int64
}

// commit is one update whose COMMIT has returned.
type commit struct {
	t  target
	at time.Time // when the COMMIT returned: an upper bound of the commit time
}

// run offers rate changes per second for d (change k is due at start +
// k/rate) and returns how many committed and how long they took; onCommit,
// when set, sees every commit. When the writers cannot keep up, the
// dispatcher blocks, the achieved rate falls below the offered one and the
// run still ends after d (plus the updates in flight).
func (w *writers) run(ctx context.Context, rate int, d time.Duration, onCommit func(commit)) (int, time.Duration, error) {
	work := make(chan target, 1024)
	var committed atomic.Int64
	var firstErr error
	var once sync.Once
	var wg sync.WaitGroup
	for range w.n {
		wg.Go(func() {
			for t := range work {
				c, err := w.update(ctx, t)
				if err != nil {
					once.Do(func() { firstErr = err })
					continue
				}
				committed.Add(1)
				if onCommit != nil {
					onCommit(c)
				}
			}
		})
	}
	start := time.Now()
	w.dispatch(ctx, work, rate, start, d)
	close(work)
	wg.Wait()
	return int(committed.Load()), time.Since(start), firstErr
}

func (w *writers) dispatch(ctx context.Context, work chan<- target, rate int, start time.Time, d time.Duration) {
	for k := 0; ; k++ {
		due := start.Add(time.Duration(int64(k) * int64(time.Second) / int64(rate)))
		// Stop at d by the schedule and by the clock: when the writers
		// fall behind, the changes not yet handed out are not offered.
		if due.Sub(start) >= d || time.Since(start) >= d || ctx.Err() != nil {
			return
		}
		if wait := time.Until(due); wait > time.Millisecond {
			time.Sleep(wait)
		}
		work <- w.targets[w.next%len(w.targets)]
		w.next++
	}
}

func (w *writers) update(ctx context.Context, t target) (commit, error) {
	c := commit{t: t}
	title := fmt.Sprintf("Benchmark change %d", w.seq.Add(1))
	_, err := w.db.Exec(ctx, `UPDATE `+t.table+` SET meta_title = $1 WHERE id = $2`, title, t.sourceID)
	c.at = time.Now()
	if err != nil {
		return c, fmt.Errorf("bench: update job %d: %w", t.sourceID, err)
	}
	return c, nil
}
