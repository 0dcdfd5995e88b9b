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
	missing   int             // changes never seen (superseded or lost)
	backlog   int             // outbox rows pending when the writers stopped
	drainTime time.Duration   // from the writers' stop to the last change visible
}

// steady commits changes at a fixed rate, each its own single-row UPDATE
// transaction spread over all tenants' jobs, and measures commit-to-visible.
func (b *bench) steady(ctx context.Context, rate int) (result, error) {
	total := int64(b.o.Tenants * b.o.Jobs)
	n := int(float64(rate) * b.o.Duration.Seconds())
	committed := make([]time.Time, n)
	base := b.nextSeq(int64(n))
	tokens := make(chan int, n)
	var wg sync.WaitGroup
	errs := make(chan error, b.o.Writers)
	for range b.o.Writers {
		wg.Go(func() {
			for i := range tokens {
				seq := base + int64(i)
				job := seq % total
				tbl := b.tables[job%int64(len(b.tables))]
				_, err := b.db.Exec(ctx, `UPDATE `+tbl+` SET title = $1 WHERE id = $2`,
					fmt.Sprintf("b%d", seq), job/int64(len(b.tables))+1)
				if err != nil {
					errs <- err
					return
				}
				committed[i] = time.Now()
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
	res := result{target: rate, changes: n, achieved: float64(n) / stopped.Sub(start).Seconds()}
	res.backlog = b.pending(ctx)
	b.waitVisible(ctx, base, n, 30*time.Second)
	res.collect(b, base, committed, stopped)
	return res, nil
}

var seqMu sync.Mutex
var seqNext int64 = 1

func (b *bench) nextSeq(n int64) int64 {
	seqMu.Lock()
	defer seqMu.Unlock()
	s := seqNext
	seqNext += n
	return s
}

func (b *bench) pending(ctx context.Context) int {
	var n int
	_ = b.db.QueryRow(ctx, `SELECT count(*) FROM public.sync_outbox WHERE dead_at IS NULL`).Scan(&n)
	return n
}

// waitVisible waits until every change of the run was seen or the timeout.
func (b *bench) waitVisible(ctx context.Context, base int64, n int, timeout time.Duration) {
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) && ctx.Err() == nil {
		b.mu.Lock()
		seen := 0
		for i := range n {
			if _, ok := b.visible[base+int64(i)]; ok {
				seen++
			}
		}
		b.mu.Unlock()
		if seen == n {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func (r *result) collect(b *bench, base int64, committed []time.Time, stopped time.Time) {
	b.mu.Lock()
	defer b.mu.Unlock()
	var last time.Time
	for i, c := range committed {
		v, ok := b.visible[base+int64(i)]
		if !ok {
			r.missing++
			continue
		}
		r.delays = append(r.delays, max(v.Sub(c), 0))
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
