package bench

import (
	"context"
	"fmt"
	"slices"
	"sync/atomic"
	"time"

	"github.com/zumodra/zumodra/internal/outbox"
)

// measureRate offers rate changes per second for the scale's RateFor, then
// waits (up to a grace period) for every change to be seen.
func (s *suite) measureRate(ctx context.Context, w *writers, sink *atomic.Pointer[watcher], rate int) (RateResult, error) {
	r := RateResult{Offered: rate}
	wa := newWatcher()
	sink.Store(wa)
	defer sink.Store(nil)
	n, took, err := w.run(ctx, rate, s.scale.RateFor, wa.add)
	if err != nil {
		return r, err
	}
	r.Committed, r.Achieved = n, perSec(n, took)
	grace := time.Now().Add(30 * time.Second)
	for wa.left() > 0 && time.Now().Before(grace) && ctx.Err() == nil {
		time.Sleep(10 * time.Millisecond)
	}
	d := wa.sortedDelays()
	r.Unseen, r.Seen = wa.left(), len(d)
	slices.Sort(d)
	r.P50, r.P95, r.P99 = quantile(d, 0.50), quantile(d, 0.95), quantile(d, 0.99)
	if len(d) > 0 {
		r.Max = d[len(d)-1]
	}
	return r, nil
}

func quantile(sorted []time.Duration, q float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	return sorted[min(len(sorted)-1, int(q*float64(len(sorted))))]
}

// RampStep is one step of the search for the highest sustained rate.
type RampStep struct {
	Offered       int
	Achieved      float64
	OutboxBefore  int
	OutboxAfter   int
	GrowthPerSec  float64
	Sustained     bool
	DrainedWithin time.Duration // time for the outbox to empty after the step
}

// ramp doubles the offered rate from the lowest measured one up to the
// scale's RampMax, and stops at the first step after which the outbox grew
// by more than 5% of the achieved rate per second (the workers no longer
// kept up) or whose writers could not commit half the offered rate (the
// writers, not the workers, are then the limit). Each step starts from an
// empty outbox.
func (s *suite) ramp(ctx context.Context, w *writers) ([]RampStep, float64, error) {
	var steps []RampStep
	best := 0.0
	for rate := slices.Min(s.scale.Rates); rate <= s.scale.RampMax; rate *= 2 {
		st, err := s.rampStep(ctx, w, rate)
		if err != nil {
			return steps, best, err
		}
		s.logf("  ramp %d/s offered: %.0f committed/s, outbox %d -> %d, sustained %v",
			rate, st.Achieved, st.OutboxBefore, st.OutboxAfter, st.Sustained)
		steps = append(steps, st)
		if st.Sustained {
			best = max(best, st.Achieved)
		}
		if !st.Sustained || st.Achieved < float64(rate)/2 {
			break
		}
	}
	return steps, best, nil
}

func (s *suite) rampStep(ctx context.Context, w *writers, rate int) (RampStep, error) {
	st := RampStep{Offered: rate}
	var err error
	if st.OutboxBefore, err = s.outboxDepth(ctx); err != nil {
		return st, err
	}
	d := max(s.scale.RateFor/2, 2*time.Second)
	n, took, err := w.run(ctx, rate, d, nil)
	if err != nil {
		return st, err
	}
	if st.OutboxAfter, err = s.outboxDepth(ctx); err != nil {
		return st, err
	}
	st.Achieved = perSec(n, took)
	st.GrowthPerSec = perSec(st.OutboxAfter-st.OutboxBefore, took)
	st.Sustained = st.GrowthPerSec <= 0.05*st.Achieved
	st.DrainedWithin, err = s.waitDrained(ctx, 2*time.Minute)
	return st, err
}

func (s *suite) outboxDepth(ctx context.Context) (int, error) {
	d, err := outbox.ReadDepth(ctx, s.pool)
	if err != nil {
		return 0, fmt.Errorf("bench: %w", err)
	}
	return d.Pending, nil
}

func (s *suite) waitDrained(ctx context.Context, limit time.Duration) (time.Duration, error) {
	start := time.Now()
	for time.Since(start) < limit {
		n, err := s.outboxDepth(ctx)
		if err != nil || n == 0 {
			return time.Since(start), err
		}
		time.Sleep(20 * time.Millisecond)
	}
	return time.Since(start), fmt.Errorf("bench: outbox not drained after %s", limit)
}
