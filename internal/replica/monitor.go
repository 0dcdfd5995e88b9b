package replica

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/zumodra/zumodra/internal/changefeed"
)

// State is what the monitor last read.
type State struct {
	At          time.Time // when it was read; zero before the first read
	Reachable   bool      // the replica answered
	InRecovery  bool      // it is a standby (false: the URL names a primary)
	LagSeconds  float64   // replay lag in time (see the package doc)
	LagVersions int64     // catalog versions the replica has not replayed yet
	Err         error     // why the last read failed, if it did
}

// Monitor reads the replica's state every Interval.
type Monitor struct {
	primary, replica *pgxpool.Pool
	maxLag           time.Duration
	every            time.Duration
	log              *slog.Logger
	now              func() time.Time

	mu sync.Mutex
	st State
}

// Options tune a Monitor; zero values take the defaults.
type Options struct {
	MaxLag   time.Duration // past it Ready fails; 30s when zero
	Interval time.Duration // between reads; 1s when zero
	Log      *slog.Logger
}

// NewMonitor watches replica against primary; call Run.
func NewMonitor(primary, replica *pgxpool.Pool, o Options) *Monitor {
	m := &Monitor{primary: primary, replica: replica, maxLag: o.MaxLag, every: o.Interval, log: o.Log, now: time.Now}
	if m.maxLag <= 0 {
		m.maxLag = 30 * time.Second
	}
	if m.every <= 0 {
		m.every = time.Second
	}
	if m.log == nil {
		m.log = slog.New(slog.DiscardHandler)
	}
	return m
}

// Run reads the state every interval until ctx ends, logging when the
// replica stops or starts answering.
func (m *Monitor) Run(ctx context.Context) {
	t := time.NewTicker(m.every)
	defer t.Stop()
	for {
		prev, st := m.State(), m.Refresh(ctx)
		if ctx.Err() != nil {
			return
		}
		switch {
		case st.Err != nil && (prev.Err == nil || prev.At.IsZero()):
			m.log.WarnContext(ctx, "read replica: state unreadable; the public read path fails until it answers", "error", st.Err)
		case st.Err == nil && prev.Err != nil:
			m.log.InfoContext(ctx, "read replica: answering again", "lag_seconds", st.LagSeconds)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// State returns what the monitor last read.
func (m *Monitor) State() State {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.st
}

// Refresh reads the state now, keeps it and returns it.
func (m *Monitor) Refresh(ctx context.Context) State {
	st := m.read(ctx)
	st.At = m.now()
	m.mu.Lock()
	m.st = st
	m.mu.Unlock()
	return st
}

// read asks the primary first: a replica that has replayed what the primary
// had then is caught up, whatever was written since.
func (m *Monitor) read(ctx context.Context) State {
	var st State
	var primaryLSN string
	primaryVersion, err := changefeed.Current(ctx, m.primary)
	if err == nil {
		err = m.primary.QueryRow(ctx, `SELECT pg_current_wal_lsn()::text`).Scan(&primaryLSN)
	}
	if err != nil {
		st.Err = fmt.Errorf("read the primary's position: %w", err)
		return st
	}
	replicaVersion, err := changefeed.Current(ctx, m.replica)
	if err != nil {
		st.Err = fmt.Errorf("read the replica's catalog version: %w", err)
		return st
	}
	st.Reachable = true
	st.LagVersions = max(primaryVersion-replicaVersion, 0)
	err = m.replica.QueryRow(ctx, `SELECT pg_is_in_recovery(),
			CASE WHEN NOT pg_is_in_recovery() OR pg_last_wal_replay_lsn() >= $1::pg_lsn THEN 0
			ELSE COALESCE(extract(epoch FROM now() - pg_last_xact_replay_timestamp()), 0) END`,
		primaryLSN).Scan(&st.InRecovery, &st.LagSeconds)
	if err != nil {
		st.Err = fmt.Errorf("read the replica's replay: %w", err)
	}
	st.LagSeconds = max(st.LagSeconds, 0)
	return st
}

var errUnreachable = errors.New("read replica unreachable")

// ErrLagging is Ready's error while the replica lags more than MaxLag.
var ErrLagging = errors.New("read replica lags the primary")

// Ready is /readyz's check: the state as a JSON-ready summary, or why the
// process should not get visitors (the replica unreachable, or lagging
// more than MaxLag). The first call of a process reads the state itself.
func (m *Monitor) Ready(ctx context.Context) (any, error) {
	st := m.State()
	if st.At.IsZero() {
		st = m.Refresh(ctx)
	}
	switch {
	case st.Err != nil:
		return nil, errUnreachable // the cause, which may name hosts, is logged by Run
	case st.LagSeconds > m.maxLag.Seconds():
		return nil, fmt.Errorf("%w by %.1fs (over %s)", ErrLagging, st.LagSeconds, m.maxLag)
	}
	return map[string]any{"status": "ok", "in_recovery": st.InRecovery,
		"lag_seconds": st.LagSeconds, "lag_versions": st.LagVersions}, nil
}
