package bench

import (
	"context"
	"fmt"
	"os"
	"runtime/pprof"
	"strconv"
	"sync"
	"time"

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
		return fn()
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
	r, err := fn()
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
