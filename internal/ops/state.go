package ops

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/zumodra/zumodra/internal/outbox"
	"github.com/zumodra/zumodra/internal/pgq"
)

// QueueState is the outbox as doctor, metrics and the admin page see it.
type QueueState struct {
	outbox.Depth
	// OldestAge is how long the oldest pending row has waited, by the
	// database's clock (the one that stamped it); 0 when none is pending.
	OldestAge        time.Duration `json:"-"`
	OldestAgeSeconds float64       `json:"oldest_age_seconds"`
}

// ReadQueue reads the outbox's depth and the age of its oldest pending row.
func ReadQueue(ctx context.Context, q pgq.Querier) (QueueState, error) {
	d, err := outbox.ReadDepth(ctx, q)
	if err != nil {
		return QueueState{}, err
	}
	st := QueueState{Depth: d}
	if d.OldestPending == nil {
		return st, nil
	}
	var secs float64
	err = q.QueryRow(ctx, `SELECT greatest(extract(epoch FROM clock_timestamp() - $1::timestamptz), 0)::float8`,
		*d.OldestPending).Scan(&secs)
	if err != nil {
		return st, fmt.Errorf("outbox age: %w", err)
	}
	st.OldestAge, st.OldestAgeSeconds = time.Duration(secs*float64(time.Second)), secs
	return st, nil
}

// WorkerState is one row of public.worker_heartbeats.
type WorkerState struct {
	ID        string        `json:"worker_id"`
	Hostname  string        `json:"hostname"`
	PID       int           `json:"pid"`
	StartedAt time.Time     `json:"started_at"`
	SeenAt    time.Time     `json:"seen_at"`
	Age       time.Duration `json:"-"` // since the last heartbeat, by the database's clock
	// AgeSeconds is Age for JSON readers.
	AgeSeconds float64 `json:"age_seconds"`
}

// Alive reports whether the worker beat within maxAge.
func (w WorkerState) Alive(maxAge time.Duration) bool { return w.Age <= maxAge }

// ReadWorkers lists the workers' heartbeats, freshest first.
func ReadWorkers(ctx context.Context, q pgq.Querier) ([]WorkerState, error) {
	rows, err := q.Query(ctx, `SELECT worker_id, hostname, pid, started_at, seen_at,
			greatest(extract(epoch FROM now() - seen_at), 0)::float8
		FROM public.worker_heartbeats ORDER BY seen_at DESC, worker_id`)
	if err != nil {
		return nil, fmt.Errorf("read worker heartbeats: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (WorkerState, error) {
		var w WorkerState
		var secs float64
		err := r.Scan(&w.ID, &w.Hostname, &w.PID, &w.StartedAt, &w.SeenAt, &secs)
		w.Age, w.AgeSeconds = time.Duration(secs*float64(time.Second)), secs
		return w, err
	})
	if err != nil {
		return nil, fmt.Errorf("read worker heartbeats: %w", err)
	}
	return out, nil
}
