package worker

import (
	"context"

	"fmt"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
)

// Pool is a set of sync workers sharing one outbox probe, one LISTEN
// connection and one heartbeat loop.
type Pool struct {
	db   *pgxpool.Pool
	cfg  Config
	wake []chan struct{} // one per worker, buffered: a pending wake-up
	// lastWork is when a worker of this pool last applied a batch (unix ns).
	lastWork atomic.Int64
	// idle counts the workers waiting for a wake-up: the probe runs only
	// while some are.
	idle atomic.Int32
	// beforeCommit, set only by tests, runs just before a batch commits.
	beforeCommit func(ctx context.Context)
}

// New returns a Pool; Run starts it.
func New(db *pgxpool.Pool, cfg Config) (*Pool, error) {
	if err := cfg.defaults(); err != nil {
		return nil, err
	}
	if cfg.Name == "" {
		host, _ := os.Hostname()
		cfg.Name = fmt.Sprintf("%s:%d", host, os.Getpid())
	}
	p := &Pool{db: db, cfg: cfg, wake: make([]chan struct{}, cfg.Workers)}
	for i := range p.wake {
		p.wake[i] = make(chan struct{}, 1)
	}
	return p, nil
}

// Run runs the workers until ctx ends, then lets each finish (or, after
// ShutdownGrace, roll back) the batch in hand, removes the heartbeats and
// returns. It returns nil after a shutdown through ctx.
func (p *Pool) Run(ctx context.Context) error {
	hard := p.hardContext(ctx)
	var wg sync.WaitGroup
	wg.Go(func() { p.probe(ctx) })
	wg.Go(func() { p.listen(ctx) })
	wg.Go(func() { p.heartbeats(ctx) })
	for i := range p.cfg.Workers {
		wg.Go(func() { p.work(ctx, hard, i) })
	}
	wg.Wait()
	return nil
}

// hardContext is the context batches run on: it ends ShutdownGrace after
// ctx does (at once when the grace is negative), so a batch in hand can
// commit during a graceful shutdown.
func (p *Pool) hardContext(ctx context.Context) context.Context {
	if p.cfg.ShutdownGrace < 0 {
		return ctx
	}
	hard, stopHard := context.WithCancel(context.WithoutCancel(ctx))
	context.AfterFunc(ctx, func() {
		time.AfterFunc(p.cfg.ShutdownGrace, stopHard)
	})
	return hard
}

// work is one worker's loop: batches back to back while there is work,
// then a wait for the probe or a NOTIFY to announce more. Batches run on
// hard, which outlives ctx by the shutdown grace.
func (p *Pool) work(ctx, hard context.Context, i int) {
	log := p.cfg.Logger.With("worker", p.workerID(i))
	failures := 0
	for ctx.Err() == nil {
		b, err := p.ProcessBatch(hard)
		switch {
		case err != nil && ctx.Err() == nil:
			failures++
			log.ErrorContext(ctx, "sync batch failed", "tenant_ids", b.Tenants, "claimed", b.Claimed, "error", err)
			// Back off on a clock alone: the probe may keep announcing the
			// very rows that failed.
			pause(ctx, min(time.Duration(failures)*p.cfg.PollInterval, time.Minute))
		case err == nil && b.TenantID != 0:
			failures = 0 // more work may follow: go straight on
			p.lastWork.Store(time.Now().UnixNano())
		default:
			// Idle, or only tenants other workers hold: they carry on with
			// those; wait for news rather than spin.
			p.waitForWork(ctx, i)
		}
	}
}

// waitForWork waits for a wake-up (probe or NOTIFY) or the end of ctx.
func (p *Pool) waitForWork(ctx context.Context, i int) {
	p.idle.Add(1)
	defer p.idle.Add(-1)
	select {
	case <-ctx.Done():
	case <-p.wake[i]:
	}
}

// pause waits d or until ctx ends.
func pause(ctx context.Context, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
	case <-t.C:
	}
}

// wakeAll wakes every idle worker; a busy one finds its wake-up on return.
func (p *Pool) wakeAll() {
	for _, ch := range p.wake {
		select {
		case ch <- struct{}{}:
		default:
		}
	}
}
