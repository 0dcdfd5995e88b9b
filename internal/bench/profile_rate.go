package bench

import (
	"context"
	"fmt"
	"os"
	"runtime/pprof"
	"strconv"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/zumodra/zumodra/internal/worker"
)

// batchShape counts the worker batches that claimed rows, and their size.
type batchShape struct {
	mu                        sync.Mutex
	batches, claimed, tenants int
}

func (b *batchShape) add(x worker.Batch) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.batches++
	b.claimed += x.Claimed
	b.tenants += len(x.Tenants)
}

// take returns the counts since the last take and resets them.
func (b *batchShape) take() (batches, claimed, tenants int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	batches, claimed, tenants = b.batches, b.claimed, b.tenants
	b.batches, b.claimed, b.tenants = 0, 0, 0
	return
}

// profiledRate runs one paced rate and, with a CPU profile asked for,
// profiles this process through it (to the profile's path plus
// ".propagation-<rate>") and prints where the workers' round trips went
// and the batches' shape: what a profile of the sync under load needs.
func (s *suite) profiledRate(ctx context.Context, trace *sqlTrace, shape *batchShape, rate int, fn func() (RateResult, error)) (RateResult, error) {
	if s.opts.CPUProfile == "" {
		return s.withSyncCPU(ctx, rate, fn)
	}
	path := s.opts.CPUProfile + ".propagation-" + strconv.Itoa(rate)
	f, err := os.Create(path)
	if err != nil {
		return RateResult{}, fmt.Errorf("bench: %w", err)
	}
	defer f.Close()
	if err := pprof.StartCPUProfile(f); err != nil {
		return RateResult{}, fmt.Errorf("bench: %w", err)
	}
	shape.take()
	trace.record(true)
	start := time.Now()
	r, err := s.withSyncCPU(ctx, rate, fn)
	wall := time.Since(start)
	trace.record(false)
	pprof.StopCPUProfile()
	n, claimed, tenants := shape.take()
	if n > 0 {
		s.logf("  %d/s: %d batches, %.1f rows and %.1f tenants a batch", rate, n, float64(claimed)/float64(n), float64(tenants)/float64(n))
	}
	s.logf("%s", trace.summary(wall))
	s.logf("  CPU profile of the %d/s run:\n%s", rate, pprofTop(ctx, path))
	return r, err
}

// withSyncCPU runs one paced rate and prints the CPU time the sync spent
// per change: the worker connections' backends (application_name
// syncApplication) and this whole process, writers' Go side included. A
// cost per change moves less with the machine's load than a delay does.
func (s *suite) withSyncCPU(ctx context.Context, rate int, fn func() (RateResult, error)) (RateResult, error) {
	self0, back0 := selfCPU(), workerBackendCPU(ctx, s.pool)
	r, err := fn()
	self, back := selfCPU()-self0, workerBackendCPU(ctx, s.pool)-back0
	if r.Committed > 0 && back > 0 {
		per := func(d time.Duration) string { return (d / time.Duration(r.Committed)).Round(time.Microsecond).String() }
		s.logf("  %d/s: sync CPU per change %s in the worker backends, %s in this process", rate, per(back), per(self))
	}
	return r, err
}

// syncApplication names the worker pool's connections.
const syncApplication = "zumodra-bench-sync"

func workerBackendCPU(ctx context.Context, pool *pgxpool.Pool) time.Duration {
	rows, err := pool.Query(ctx, `SELECT pid FROM pg_stat_activity WHERE application_name = $1`, syncApplication)
	if err != nil {
		return 0
	}
	pids, err := pgx.CollectRows(rows, pgx.RowTo[int])
	if err != nil {
		return 0
	}
	var total time.Duration
	for _, pid := range pids {
		if d, ok := procCPU(pid); ok {
			total += d
		}
	}
	return total
}
