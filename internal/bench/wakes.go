package bench

import (
	"context"
	"fmt"
	"sync/atomic"
	"time"

	"github.com/zumodra/zumodra/internal/worker"
)

// WakeRun is one way of waking the workers: what an idle pool costs and
// the delay it gives at a low change rate.
type WakeRun struct {
	Name   string
	IdleGo float64 // this process's CPU while the pool idles, in cores
	IdlePG float64 // PostgreSQL's CPU meanwhile, in cores; negative when not local
	Rate   RateResult
}

type wakeVariant struct {
	name   string
	cfg    worker.Config
	notify bool
}

// wakeRate is the low rate at which the wake-ups are compared: the delay
// there is the wake-up's, not the queue's.
const wakeRate = 10

var wakeVariants = []wakeVariant{
	{"probe, 5 ms while busy, doubling to 100 ms idle (default)", worker.Config{}, false},
	{"probe every 5 ms, busy or idle", worker.Config{BusyPollInterval: 5 * time.Millisecond, PollInterval: 5 * time.Millisecond}, false},
	{"probe, 20 ms while busy, doubling to 100 ms idle", worker.Config{BusyPollInterval: 20 * time.Millisecond}, false},
	{"NOTIFY from every capturing commit, probe doubling to 1 s idle", worker.Config{PollInterval: time.Second}, true},
}

// runWakes runs a pool of 2 workers per variant: idle for a while (after
// its probe has backed off), then under writers at wakeRate changes/s.
func (s *suite) runWakes(ctx context.Context) ([]WakeRun, error) {
	targets, err := s.targets(ctx)
	if err != nil {
		return nil, err
	}
	var out []WakeRun
	for _, v := range wakeVariants {
		r, err := s.runWake(ctx, v, targets)
		if err != nil {
			return out, err
		}
		s.logf("  wake-up %s: idle %.2f%% (Go) + %.2f%% (PostgreSQL) of a core; %d/s p50 %s p99 %s",
			v.name, 100*r.IdleGo, 100*r.IdlePG, wakeRate, r.Rate.P50, r.Rate.P99)
		out = append(out, r)
	}
	return out, nil
}

func (s *suite) runWake(ctx context.Context, v wakeVariant, targets []target) (WakeRun, error) {
	r := WakeRun{Name: v.name}
	workerDB, err := s.extraPool(ctx, 4)
	if err != nil {
		return r, err
	}
	defer workerDB.Close()
	writerDB, err := s.writerPoolNotify(ctx, 4, v.notify)
	if err != nil {
		return r, err
	}
	defer writerDB.Close()
	var sink atomic.Pointer[watcher]
	cfg := v.cfg
	cfg.Workers, cfg.Logger, cfg.Name = 2, s.opts.Logger, "bench-wake"
	cfg.AfterCommit = func(b worker.Batch) {
		if wa := sink.Load(); wa != nil {
			wa.applied(b)
		}
	}
	wp, err := worker.New(workerDB, cfg)
	if err != nil {
		return r, err
	}
	wctx, stop := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { _ = wp.Run(wctx); close(done) }()
	defer func() { stop(); <-done }()
	if err := s.measureIdle(ctx, &r); err != nil {
		return r, err
	}
	w := &writers{db: writerDB, n: 4, targets: targets}
	r.Rate, err = s.measureRate(ctx, w, &sink, wakeRate)
	return r, err
}

// measureIdle waits for the probe to back off (the default IdleAfter and
// a few doublings), then reads both sides' CPU over the idle period.
func (s *suite) measureIdle(ctx context.Context, r *WakeRun) error {
	settle := time.NewTimer(2 * time.Second)
	select {
	case <-ctx.Done():
		settle.Stop()
		return ctx.Err()
	case <-settle.C:
	}
	idleFor := max(s.scale.ReadFor, 2*time.Second)
	goBefore := selfCPU()
	pgBefore, local := serverCPU(ctx, s.pool)
	t := time.NewTimer(idleFor)
	select {
	case <-ctx.Done():
		t.Stop()
		return ctx.Err()
	case <-t.C:
	}
	pgAfter, _ := serverCPU(ctx, s.pool)
	r.IdleGo = float64(selfCPU()-goBefore) / float64(idleFor)
	r.IdlePG = -1
	if local {
		r.IdlePG = float64(pgAfter-pgBefore) / float64(idleFor)
	}
	if r.IdleGo < 0 {
		return fmt.Errorf("bench: process CPU went backwards")
	}
	return nil
}
