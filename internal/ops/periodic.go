package ops

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/zumodra/zumodra/internal/changefeed"
	"github.com/zumodra/zumodra/internal/metrics"
	"github.com/zumodra/zumodra/internal/retention"
)

// LockSpace is the first key of the periodic tasks' session advisory locks
// (two-int form); the migrator uses 0x5a4d0001 and apply 0x5a4d0002.
const LockSpace = 0x5a4d0003

// Task is a periodic operation.
type Task string

// The periodic tasks, with their lock keys.
const (
	TaskVerify  Task = "verify"
	TaskCleanup Task = "cleanup"
	// TaskRetention purges applicants' data past the retention period, at
	// the cleanup interval.
	TaskRetention Task = "retention"
)

var taskKeys = map[Task]int32{TaskVerify: 1, TaskCleanup: 2, TaskRetention: 3}

// Defaults of the periodic runner.
const (
	DefaultVerifyEvery  = 15 * time.Minute
	DefaultCleanupEvery = time.Hour
	// The change feed's history is pruned every minute down to
	// FeedRetention: a serve process further behind than that (stopped,
	// cut off) catches up by treating everything as changed.
	DefaultPruneEvery = time.Minute
	FeedRetention     = 15 * time.Minute
)

// Periodic runs verification, the stale sweep and the applicant purge at
// intervals beside the workers. Every serve and worker process may run one: a session advisory
// lock per task lets exactly one process run it at a time, and a process
// that finds the lock taken skips that turn (the lock goes with the session
// if the holder dies, so nothing stays stuck).
type Periodic struct {
	Pool         *pgxpool.Pool
	Log          *slog.Logger
	VerifyEvery  time.Duration // 0: DefaultVerifyEvery; negative disables
	CleanupEvery time.Duration // 0: DefaultCleanupEvery; negative disables
	// Retention is how long applicants' data is kept after its last
	// activity; 0 keeps it forever (no purge runs).
	Retention time.Duration
	Now       func() time.Time

	// one lets one task of this process run at a time: each holds its
	// lock's connection while it works on another, and the periodic pool
	// has database.PeriodicConns (2), so two tasks started together would
	// each hold one and wait for the other's forever.
	one sync.Mutex
}

// Run runs each task once at start and then at its interval, until ctx
// ends. It returns nil when ctx ends.
func (p *Periodic) Run(ctx context.Context) error {
	done := make(chan struct{})
	n := 0
	for task, every := range map[Task]time.Duration{
		TaskVerify:    durOrDefault(p.VerifyEvery, DefaultVerifyEvery),
		TaskCleanup:   durOrDefault(p.CleanupEvery, DefaultCleanupEvery),
		TaskRetention: durOrDefault(p.CleanupEvery, DefaultCleanupEvery),
	} {
		if every < 0 || (task == TaskRetention && p.Retention <= 0) {
			continue
		}
		n++
		go func() {
			defer func() { done <- struct{}{} }()
			p.loop(ctx, task, every)
		}()
	}
	n++
	go func() {
		defer func() { done <- struct{}{} }()
		p.pruneLoop(ctx)
	}()
	for range n {
		<-done
	}
	return nil
}

// pruneLoop prunes the feed every DefaultPruneEvery. It takes no task lock:
// the delete is idempotent, and one statement on one pooled connection
// never holds a connection while waiting for another.
func (p *Periodic) pruneLoop(ctx context.Context) {
	t := time.NewTicker(DefaultPruneEvery)
	defer t.Stop()
	for {
		if err := p.PruneFeed(ctx); err != nil && ctx.Err() == nil {
			p.logger().ErrorContext(ctx, "pruning the catalog feed failed", "error", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

func (p *Periodic) loop(ctx context.Context, task Task, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		if _, err := p.RunOnce(ctx, task); err != nil && ctx.Err() == nil {
			p.logger().ErrorContext(ctx, "periodic task failed", "task", task, "error", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// RunOnce runs the task if no other process is running it; ran says whether
// it did. Whoever runs it, the verify metric is refreshed from the recorded
// results, so every process reports the same discrepancies.
func (p *Periodic) RunOnce(ctx context.Context, task Task) (ran bool, err error) {
	key, ok := taskKeys[task]
	if !ok {
		return false, fmt.Errorf("unknown periodic task %q", task)
	}
	p.one.Lock()
	defer p.one.Unlock()
	conn, err := p.Pool.Acquire(ctx)
	if err != nil {
		return false, fmt.Errorf("periodic %s: %w", task, err)
	}
	defer conn.Release()
	if err := conn.QueryRow(ctx, `SELECT pg_try_advisory_lock($1, $2)`, LockSpace, key).Scan(&ran); err != nil {
		return false, fmt.Errorf("periodic %s: %w", task, err)
	}
	if !ran {
		if task == TaskVerify {
			return false, PublishVerifyMetric(ctx, p.Pool)
		}
		return false, nil
	}
	defer func() {
		// Unlock even when ctx is done, or the pooled session keeps the lock.
		uctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
		defer cancel()
		if _, uerr := conn.Exec(uctx, `SELECT pg_advisory_unlock($1, $2)`, LockSpace, key); uerr != nil {
			conn.Conn().Close(uctx) // a closed session releases its locks
		}
	}()
	switch task {
	case TaskVerify:
		err = p.verify(ctx)
	case TaskCleanup:
		err = p.cleanup(ctx)
	case TaskRetention:
		// On the lock's own connection: the periodic pool is small, and
		// the purge needs no second connection.
		err = p.purgeApplicants(ctx, conn)
	}
	return true, err
}

func (p *Periodic) purgeApplicants(ctx context.Context, db retention.DB) error {
	if p.Retention <= 0 {
		return nil
	}
	rep, err := (&retention.Purger{DB: db, Log: p.Log, Period: p.Retention, Now: p.Now}).Purge(ctx, false, nil)
	if err != nil {
		return err
	}
	p.logger().InfoContext(ctx, "periodic applicant purge", "removed", rep.Total(), "cutoff", rep.Cutoff,
		"tenants", len(rep.Tenants), "errors", len(rep.Errors), "duration_ms", rep.Duration.Milliseconds())
	return nil
}

func (p *Periodic) verify(ctx context.Context) error {
	rep, err := (&Verifier{Pool: p.Pool, Log: p.Log, Now: p.Now}).Verify(ctx, VerifyOptions{})
	if err != nil {
		return err
	}
	level := slog.LevelInfo
	if rep.Discrepancies() > 0 || rep.Failed() {
		level = slog.LevelWarn
	}
	p.logger().Log(ctx, level, "periodic verification", "results", len(rep.Results),
		"discrepancies", rep.Discrepancies(), "failed", rep.Failed(), "duration_ms", rep.Duration.Milliseconds())
	return PublishVerifyMetric(ctx, p.Pool)
}

func (p *Periodic) cleanup(ctx context.Context) error {
	rep, err := (&Cleaner{Pool: p.Pool, Log: p.Log, Now: p.Now}).Sweep(ctx, false)
	if err != nil {
		return err
	}
	p.logger().InfoContext(ctx, "periodic stale sweep", "removed", rep.Total(), "tenants", rep.Tenants,
		"errors", len(rep.Errors), "duration_ms", rep.Duration.Milliseconds())
	return nil
}

// PruneFeed deletes the catalog feed's history older than FeedRetention.
func (p *Periodic) PruneFeed(ctx context.Context) error {
	now := time.Now
	if p.Now != nil {
		now = p.Now
	}
	n, err := changefeed.Prune(ctx, p.Pool, now().Add(-FeedRetention))
	if n > 0 {
		p.logger().DebugContext(ctx, "pruned the catalog feed", "versions", n)
	}
	return err
}

// PublishVerifyMetric sets metrics.VerifyDiscrepancies from the recorded
// verification of every tenant.
func PublishVerifyMetric(ctx context.Context, pool *pgxpool.Pool) error {
	rows, err := pool.Query(ctx, `SELECT c.catalog, coalesce(sum(v.missing), 0)::float8,
			coalesce(sum(v.stale), 0)::float8, coalesce(sum(v.drifted), 0)::float8
		FROM (VALUES ('jobs'), ('providers')) c (catalog)
		LEFT JOIN public.catalog_verifications v ON v.catalog = c.catalog
		GROUP BY c.catalog`)
	if err != nil {
		return fmt.Errorf("read verification totals: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var catalog string
		var missing, stale, drifted float64
		if err := rows.Scan(&catalog, &missing, &stale, &drifted); err != nil {
			return fmt.Errorf("read verification totals: %w", err)
		}
		metrics.VerifyDiscrepancies.WithLabelValues(catalog, string(Missing)).Set(missing)
		metrics.VerifyDiscrepancies.WithLabelValues(catalog, string(Stale)).Set(stale)
		metrics.VerifyDiscrepancies.WithLabelValues(catalog, string(Drifted)).Set(drifted)
	}
	return rows.Err()
}

func (p *Periodic) logger() *slog.Logger {
	if p.Log != nil {
		return p.Log
	}
	return slog.New(slog.DiscardHandler)
}

func durOrDefault(v, def time.Duration) time.Duration {
	if v == 0 {
		return def
	}
	return v
}

// WithPeriodic returns a function that runs run (the sync workers) and p
// side by side until ctx ends, returning run's error: how serve and worker
// start the periodic tasks beside their workers.
func WithPeriodic(run func(context.Context) error, p *Periodic) func(context.Context) error {
	return func(ctx context.Context) error {
		done := make(chan struct{})
		go func() {
			defer close(done)
			_ = p.Run(ctx)
		}()
		err := run(ctx)
		<-done
		return err
	}
}
