package outbox

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/zumodra/zumodra/internal/pgq"
)

// Worker is one row of public.worker_heartbeats: a sync worker's claim to
// be alive, read by doctor, metrics and the admin page across processes.
type Worker struct {
	ID        string    `json:"worker_id"`
	Hostname  string    `json:"hostname"`
	PID       int       `json:"pid"`
	StartedAt time.Time `json:"started_at"`
	SeenAt    time.Time `json:"seen_at"`
	// Interval is how often the worker beats, as it recorded.
	Interval time.Duration `json:"-"`
	// IntervalSeconds is Interval for JSON readers.
	IntervalSeconds float64       `json:"interval_seconds"`
	Age             time.Duration `json:"-"` // since the last heartbeat, by the database's clock
	// AgeSeconds is Age for JSON readers.
	AgeSeconds float64 `json:"age_seconds"`
}

// MissedBeats is how many heartbeats in a row a worker may miss before it
// counts as dead: one late beat (a slow commit, a busy database) is not a
// death, two are.
const MissedBeats = 2

// Alive reports whether the worker beat within maxAge, or, when maxAge is
// 0, within MissedBeats of its own intervals.
func (w Worker) Alive(maxAge time.Duration) bool {
	if maxAge <= 0 {
		maxAge = MissedBeats * w.Interval
	}
	return w.Age <= maxAge
}

// Beat records that these workers of one process, beating every interval,
// are alive now.
func Beat(ctx context.Context, q pgq.Querier, ids []string, host string, pid int, interval time.Duration) error {
	_, err := q.Exec(ctx, `INSERT INTO public.worker_heartbeats (worker_id, hostname, pid, interval_ms)
		SELECT id, $2, $3, $4 FROM unnest($1::text[]) id
		ON CONFLICT (worker_id) DO UPDATE SET seen_at = now(), hostname = EXCLUDED.hostname, pid = EXCLUDED.pid,
			interval_ms = EXCLUDED.interval_ms`,
		ids, host, pid, max(interval.Milliseconds(), 1))
	if err != nil {
		return fmt.Errorf("outbox: heartbeat: %w", err)
	}
	return nil
}

// RemoveBeats deletes the heartbeats of workers that stop cleanly.
func RemoveBeats(ctx context.Context, q pgq.Querier, ids []string) error {
	if _, err := q.Exec(ctx, `DELETE FROM public.worker_heartbeats WHERE worker_id = ANY($1)`, ids); err != nil {
		return fmt.Errorf("outbox: remove heartbeats: %w", err)
	}
	return nil
}

// SweepBeats deletes (or counts, in a dry run) the heartbeats older than
// before: a worker that crashed leaves its row behind.
func SweepBeats(ctx context.Context, q pgq.Querier, before time.Time, dryRun bool) (int, error) {
	sql := `WITH gone AS (DELETE FROM public.worker_heartbeats WHERE seen_at < $1 RETURNING 1) SELECT count(*) FROM gone`
	if dryRun {
		sql = `SELECT count(*) FROM public.worker_heartbeats WHERE seen_at < $1`
	}
	var n int
	if err := q.QueryRow(ctx, sql, before).Scan(&n); err != nil {
		return 0, fmt.Errorf("sweep public.worker_heartbeats: %w", err)
	}
	return n, nil
}

// ReadWorkers lists the workers' heartbeats, freshest first.
func ReadWorkers(ctx context.Context, q pgq.Querier) ([]Worker, error) {
	rows, err := q.Query(ctx, `SELECT worker_id, hostname, pid, started_at, seen_at,
			greatest(extract(epoch FROM now() - seen_at), 0)::float8, interval_ms
		FROM public.worker_heartbeats ORDER BY seen_at DESC, worker_id`)
	if err != nil {
		return nil, fmt.Errorf("read worker heartbeats: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (Worker, error) {
		var w Worker
		var secs float64
		var ms int64
		err := r.Scan(&w.ID, &w.Hostname, &w.PID, &w.StartedAt, &w.SeenAt, &secs, &ms)
		w.Age, w.AgeSeconds = time.Duration(secs*float64(time.Second)), secs
		w.Interval, w.IntervalSeconds = time.Duration(ms)*time.Millisecond, float64(ms)/1000
		return w, err
	})
	if err != nil {
		return nil, fmt.Errorf("read worker heartbeats: %w", err)
	}
	return out, nil
}
