package main

import (
	"context"
	"fmt"
	"io"
	"slices"
	"sync"
	"time"
)

// result of one steady-rate run.
type result struct {
	target    int
	achieved  float64 // changes committed per second
	changes   int
	delays    []time.Duration // commit -> visible, sorted
	missing   int             // changes never seen applied
	backlog   int             // outbox rows pending when the writers stopped
	drainTime time.Duration   // from the writers' stop to the last change visible
}

// change is one committed single-row UPDATE.
type change struct {
	key               jobKey
	started, returned time.Time
}

// steady commits changes at a fixed rate, each its own single-row UPDATE
// transaction, every change on a different job spread over all tenants, and
// measures commit-to-visible.
func (b *bench) steady(ctx context.Context, rate int) (result, error) {
	total := b.o.Tenants * b.o.Jobs
	n := min(int(float64(rate)*b.o.Duration.Seconds()), total)
	changes := make([]change, n)
	tokens := make(chan int, n)
	var wg sync.WaitGroup
	errs := make(chan error, b.o.Writers)
	for range b.o.Writers {
		wg.Go(func() {
			for i := range tokens {
				if err := b.write(ctx, i, &changes[i]); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	start := time.Now()
	interval := time.Second / time.Duration(rate)
	for i := range n {
		time.Sleep(time.Until(start.Add(time.Duration(i) * interval)))
		tokens <- i
	}
	close(tokens)
	wg.Wait()
	stopped := time.Now()
	select {
	case err := <-errs:
		return result{}, err
	default:
	}
	res := result{target: rate, changes: n, achieved: float64(n) / stopped.Sub(start).Seconds(), backlog: b.pending(ctx)}
	b.waitDrained(ctx, time.Minute)
	res.collect(b, changes, stopped)
	return res, nil
}

// write commits change i: job i of the interleaved list of all tenants' jobs.
func (b *bench) write(ctx context.Context, i int, c *change) error {
	t := i % len(b.tables)
	job := int64(i/len(b.tables)) + 1
	c.key = jobKey{b.tenantIDs[t], job}
	c.started = time.Now()
	_, err := b.db.Exec(ctx, `UPDATE `+b.tables[t]+` SET title = $1 WHERE id = $2`, fmt.Sprintf("v%d", c.started.UnixNano()), job)
	c.returned = time.Now()
	return err
}

func (b *bench) pending(ctx context.Context) int {
	var n int
	_ = b.db.QueryRow(ctx, `SELECT count(*) FROM public.sync_outbox WHERE dead_at IS NULL`).Scan(&n)
	return n
}

// waitDrained waits until the outbox is empty (or the timeout).
func (b *bench) waitDrained(ctx context.Context, timeout time.Duration) {
	deadline := time.Now().Add(timeout)
	for b.pending(ctx) > 0 && time.Now().Before(deadline) && ctx.Err() == nil {
		time.Sleep(20 * time.Millisecond)
	}
}

func (r *result) collect(b *bench, changes []change, stopped time.Time) {
	var last time.Time
	for _, c := range changes {
		v, ok := b.visibleAt(c.key, c.started)
		if !ok {
			r.missing++
			continue
		}
		r.delays = append(r.delays, max(v.Sub(c.returned), 0))
		if v.After(last) {
			last = v
		}
	}
	slices.Sort(r.delays)
	r.drainTime = max(last.Sub(stopped), 0)
}

func (r result) pct(p float64) time.Duration {
	if len(r.delays) == 0 {
		return 0
	}
	return r.delays[min(len(r.delays)-1, int(p*float64(len(r.delays))))]
}

func (r result) print(out io.Writer) {
	ms := func(d time.Duration) string { return fmt.Sprintf("%.1fms", float64(d.Microseconds())/1000) }
	fmt.Fprintf(out, "rate %5d/s: achieved %7.1f/s over %d changes; commit->visible p50 %s p90 %s p99 %s max %s; "+
		"backlog at stop %d; drained %s after stop; unseen %d\n",
		r.target, r.achieved, r.changes, ms(r.pct(.50)), ms(r.pct(.90)), ms(r.pct(.99)),
		ms(r.pct(1)), r.backlog, ms(r.drainTime), r.missing)
}
