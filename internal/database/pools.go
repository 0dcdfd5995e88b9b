package database

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
)

// PeriodicConns is the pool size of the periodic verify and cleanup: each
// holds a session lock on one connection while it works on another.
const PeriodicConns = 2

// Pools holds one pool per role of a serve or worker process, all on the
// same server as the pool they were derived from. A nil field falls back
// to that base pool (see For).
type Pools struct {
	Base     *pgxpool.Pool // the pool the command opened (cli role)
	ByRole   map[Role]*pgxpool.Pool
	Periodic *pgxpool.Pool // admin limits, a pool of its own so verify never waits behind admin pages
	// Replica, after ReadFromReplica, reads the replica's own state; the
	// public role's pool is then on the replica too.
	Replica *pgxpool.Pool
}

// OpenPools derives a pool for each of roles from base, with limits[role].
// The pools connect lazily: a server that is down now only makes the
// first queries fail, so serve and worker can start during an outage.
func OpenPools(base *pgxpool.Pool, limits map[Role]Limits, roles ...Role) (*Pools, error) {
	p := &Pools{Base: base, ByRole: map[Role]*pgxpool.Pool{}}
	for _, r := range roles {
		pool, err := Derive(base, limits[r])
		if err != nil {
			p.Close()
			return nil, fmt.Errorf("%s pool: %w", r, err)
		}
		p.ByRole[r] = pool
	}
	if _, ok := p.ByRole[RoleWorker]; ok {
		l := limits[RoleAdmin]
		l.MaxConns = PeriodicConns
		pool, err := Derive(base, l)
		if err != nil {
			p.Close()
			return nil, fmt.Errorf("periodic pool: %w", err)
		}
		p.Periodic = pool
	}
	return p, nil
}

// For returns the pool of role, or the base pool when there is none.
func (p *Pools) For(r Role) *pgxpool.Pool {
	if p == nil {
		return nil
	}
	if pool, ok := p.ByRole[r]; ok {
		return pool
	}
	return p.Base
}

// Named lists the pools by the name metrics and logs give them.
func (p *Pools) Named() map[string]*pgxpool.Pool {
	out := map[string]*pgxpool.Pool{}
	for r, pool := range p.ByRole {
		out[string(r)] = pool
	}
	if p.Periodic != nil {
		out["periodic"] = p.Periodic
	}
	if p.Replica != nil {
		out[ReplicaPool] = p.Replica
	}
	return out
}

// Close closes the derived pools (not Base: its opener closes it).
func (p *Pools) Close() {
	for _, pool := range p.ByRole {
		pool.Close()
	}
	if p.Periodic != nil {
		p.Periodic.Close()
	}
	if p.Replica != nil {
		p.Replica.Close()
	}
}

// Derive returns a new, lazily connecting pool on base's server and
// credentials with limits l.
func Derive(base *pgxpool.Pool, l Limits) (*pgxpool.Pool, error) {
	if err := l.Validate(); err != nil {
		return nil, err
	}
	cfg := base.Config() // a copy, with its own connection config
	cfg.ConnConfig.RuntimeParams = cloneParams(cfg.ConnConfig.RuntimeParams)
	cfg.MinConns = 0
	l.apply(cfg)
	return pgxpool.NewWithConfig(context.Background(), cfg)
}

func cloneParams(m map[string]string) map[string]string {
	out := make(map[string]string, len(m)+3)
	for k, v := range m {
		out[k] = v
	}
	return out
}

// starvationCheck is how often Watch compares the pools' waits.
const starvationCheck = 10 * time.Second

// Watch logs, until ctx ends, each interval in which a pool made callers
// give up waiting for a connection or wait long on average: the sign of a
// pool too small for its load. The counts themselves are metrics.
func (p *Pools) Watch(ctx context.Context, log *slog.Logger) { p.watch(ctx, log, starvationCheck) }

func (p *Pools) watch(ctx context.Context, log *slog.Logger, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	last := map[string]waits{}
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		for name, pool := range p.Named() {
			now := waitsOf(pool.Stat())
			if d := now.sub(last[name]); d.starved() {
				log.WarnContext(ctx, "database pool starved: callers waited for a connection",
					"pool", name, "max_conns", pool.Stat().MaxConns(), "waits", d.count,
					"gave_up", d.canceled, "avg_wait_ms", d.avg().Milliseconds())
			}
			last[name] = now
		}
	}
}

type waits struct {
	count, canceled int64
	total           time.Duration
}

func waitsOf(s *pgxpool.Stat) waits {
	return waits{count: s.EmptyAcquireCount(), canceled: s.CanceledAcquireCount(), total: s.EmptyAcquireWaitTime()}
}

func (w waits) sub(o waits) waits {
	return waits{count: w.count - o.count, canceled: w.canceled - o.canceled, total: w.total - o.total}
}

func (w waits) avg() time.Duration {
	if w.count == 0 {
		return 0
	}
	return w.total / time.Duration(w.count)
}

// starved: someone gave up, or waits averaged over 100ms.
func (w waits) starved() bool { return w.canceled > 0 || w.avg() > 100*time.Millisecond }

// ReplicaPool names, in Named, the pool the replica's monitor reads with.
const ReplicaPool = "replica_monitor"

// ReadFromReplica moves the public role onto read, the base pool of a
// streaming replica: its pool is derived from read with the public limits,
// and a one-connection pool beside it (the ready role's limits) lets the
// replica's state be read without waiting behind the site. Every other role
// keeps to the primary. read stays its opener's to close.
func (p *Pools) ReadFromReplica(read *pgxpool.Pool, limits map[Role]Limits) error {
	public, err := Derive(read, limits[RolePublic])
	if err != nil {
		return fmt.Errorf("public pool on the replica: %w", err)
	}
	monitor, err := Derive(read, limits[RoleReady])
	if err != nil {
		public.Close()
		return fmt.Errorf("replica monitor pool: %w", err)
	}
	if old, ok := p.ByRole[RolePublic]; ok {
		old.Close()
	}
	p.ByRole[RolePublic], p.Replica = public, monitor
	return nil
}
