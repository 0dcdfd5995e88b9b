package database

import (
	"fmt"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
)

// Role names a kind of database work. Each role gets its own pool, so one
// kind can never take the connections of another (a lock on a tenant table
// that holds up applications never reaches the public pages), and its own
// timeouts, sent with every connection's startup so that no statement,
// lock wait or open transaction of that kind outlives them.
type Role string

// The roles of zumodra's database work.
const (
	RolePublic Role = "public" // public pages and API: catalog reads
	RoleWrite  Role = "write"  // tenant API and the visitors' applications and inquiries (reverse path)
	RoleWorker Role = "worker" // sync workers' batches and heartbeats
	RoleAdmin  Role = "admin"  // admin pages, /metrics and the periodic verify and cleanup
	RoleReady  Role = "ready"  // /readyz's one short query
	RoleCLI    Role = "cli"    // one-off commands: migrate, verify, doctor, tenants, bulk sync
)

// Roles lists every role in the order the documentation shows them.
var Roles = []Role{RolePublic, RoleWrite, RoleWorker, RoleAdmin, RoleReady, RoleCLI}

// Limits are one role's pool size and timeouts. A zero timeout means none
// (PostgreSQL's 0); the defaults never leave one at zero.
type Limits struct {
	MaxConns         int           // pool size
	StatementTimeout time.Duration // statement_timeout: longest statement
	LockTimeout      time.Duration // lock_timeout: longest wait for a lock (table, row, advisory)
	IdleInTxTimeout  time.Duration // idle_in_transaction_session_timeout: a stalled client loses its locks
	IdleTime         time.Duration // an idle connection is closed after this (MaxConnIdleTime)
}

// DefaultLimits returns each role's defaults: web requests fail fast,
// workers wait a little longer for a lock, operators' commands may run
// long statements but not sit on locks.
func DefaultLimits() map[Role]Limits {
	return map[Role]Limits{
		RolePublic: {MaxConns: 8, StatementTimeout: 5 * time.Second, LockTimeout: time.Second, IdleInTxTimeout: 5 * time.Second, IdleTime: time.Minute},
		RoleWrite:  {MaxConns: 4, StatementTimeout: 5 * time.Second, LockTimeout: 2 * time.Second, IdleInTxTimeout: 5 * time.Second, IdleTime: time.Minute},
		RoleWorker: {MaxConns: 4, StatementTimeout: time.Minute, LockTimeout: 5 * time.Second, IdleInTxTimeout: 30 * time.Second, IdleTime: time.Minute},
		RoleAdmin:  {MaxConns: 3, StatementTimeout: time.Minute, LockTimeout: 5 * time.Second, IdleInTxTimeout: 30 * time.Second, IdleTime: time.Minute},
		RoleReady:  {MaxConns: 1, StatementTimeout: time.Second, LockTimeout: time.Second, IdleInTxTimeout: time.Second, IdleTime: time.Minute},
		RoleCLI:    {MaxConns: 4, StatementTimeout: 30 * time.Minute, LockTimeout: time.Minute, IdleInTxTimeout: 5 * time.Minute, IdleTime: time.Minute},
	}
}

// Validate reports a setting that cannot work.
func (l Limits) Validate() error {
	if l.MaxConns < 1 || l.MaxConns > 1000 {
		return fmt.Errorf("max conns %d: want 1 to 1000", l.MaxConns)
	}
	for _, d := range []time.Duration{l.StatementTimeout, l.LockTimeout, l.IdleInTxTimeout, l.IdleTime} {
		if d < 0 {
			return fmt.Errorf("timeout %s: want 0 (none) or more", d)
		}
	}
	return nil
}

// healthCheckPeriod bounds how long an idle connection outlives IdleTime:
// pgxpool closes idle connections on its health check.
const healthCheckPeriod = 15 * time.Second

// connectTimeout bounds a connection attempt to a server that does not
// answer, when the URL sets none.
const connectTimeout = 5 * time.Second

// apply sets l on a pool configuration.
func (l Limits) apply(cfg *pgxpool.Config) {
	if l.MaxConns > 0 {
		cfg.MaxConns = int32(l.MaxConns)
	}
	if l.IdleTime > 0 {
		cfg.MaxConnIdleTime = l.IdleTime
		cfg.HealthCheckPeriod = min(healthCheckPeriod, l.IdleTime)
	}
	if cfg.ConnConfig.ConnectTimeout == 0 {
		cfg.ConnConfig.ConnectTimeout = connectTimeout
	}
	p := cfg.ConnConfig.RuntimeParams
	p["statement_timeout"] = millis(l.StatementTimeout)
	p["lock_timeout"] = millis(l.LockTimeout)
	p["idle_in_transaction_session_timeout"] = millis(l.IdleInTxTimeout)
}

func millis(d time.Duration) string { return strconv.FormatInt(d.Milliseconds(), 10) }
