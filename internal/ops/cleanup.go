package ops

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/zumodra/zumodra/internal/idempotency"
	"github.com/zumodra/zumodra/internal/kind"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/zumodra/zumodra/internal/apply"
	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/outbox"
	"github.com/zumodra/zumodra/internal/source"
)

// Why cleanup-stale removes a catalog row.
const (
	SweptTenantGone      = "tenant_gone"      // its tenant no longer exists
	SweptTenantSuspended = "tenant_suspended" // its tenant is suspended
	SweptDeadlinePassed  = "deadline_passed"  // a job past its application deadline
	SweptSourceGone      = "source_gone"      // its source row no longer exists
)

// HeartbeatRetention is how long a silent worker's heartbeat row is kept.
const HeartbeatRetention = 24 * time.Hour

// SweepReasons lists the reasons in report order.
var SweepReasons = []string{SweptTenantGone, SweptTenantSuspended, SweptDeadlinePassed, SweptSourceGone}

// Cleaner sweeps catalog rows that must not stay public whatever the
// workers did: a safety net behind the sync, and the only remover of jobs
// whose deadline passed (the projection does not look at deadlines; the
// read path hides them at query time until the sweep).
type Cleaner struct {
	Pool *pgxpool.Pool
	Log  *slog.Logger
	Now  func() time.Time // which deadlines have passed; nil: time.Now
}

// CleanupReport counts the rows removed (or, in a dry run, that would be).
type CleanupReport struct {
	DryRun  bool                            `json:"dry_run"`
	Removed map[string]map[kind.Catalog]int `json:"removed"`          // reason -> catalog -> rows
	Errors  map[string]string               `json:"errors,omitempty"` // tenant slug -> error
	Tenants int                             `json:"tenants"`
	// Heartbeats counts worker heartbeat rows older than HeartbeatRetention
	// (workers that crashed rather than stopping) removed from the admin
	// page and the metrics.
	Heartbeats int `json:"stale_heartbeats"`
	// IdempotencyKeys counts tenant API Idempotency-Key records past
	// their retention.
	IdempotencyKeys int           `json:"expired_idempotency_keys"`
	Duration        time.Duration `json:"-"`
	Seconds         float64       `json:"duration_seconds"`
}

// Total is the number of rows removed over all reasons.
func (r CleanupReport) Total() int {
	n := 0
	for _, byCat := range r.Removed {
		for _, c := range byCat {
			n += c
		}
	}
	return n
}

func (r *CleanupReport) add(reason string, c kind.Catalog, n int) {
	if r.Removed[reason] == nil {
		r.Removed[reason] = map[kind.Catalog]int{}
	}
	r.Removed[reason][c] += n
}

// Sweep removes stale catalog rows: one transaction per tenant, holding its
// sync lock so a sweep never interleaves with a worker's apply.
func (cl *Cleaner) Sweep(ctx context.Context, dryRun bool) (CleanupReport, error) {
	start := time.Now()
	rep := CleanupReport{DryRun: dryRun, Removed: map[string]map[kind.Catalog]int{}, Errors: map[string]string{}}
	for _, reason := range SweepReasons {
		rep.Removed[reason] = map[kind.Catalog]int{}
	}
	var err error
	for _, s := range []spec{jobSpec, providerSpec} {
		n, err := apply.Sweep(ctx, cl.Pool, s.catalog, dryRun, source.TenantMissing("c.tenant_id"))
		if err != nil {
			return rep, err
		}
		rep.add(SweptTenantGone, s.catalog, n)
	}
	if rep.Heartbeats, err = cl.sweepHeartbeats(ctx, dryRun); err != nil {
		return rep, err
	}
	if rep.IdempotencyKeys, err = idempotency.Sweep(ctx, cl.Pool, cl.now().Add(-idempotency.Retention), dryRun); err != nil {
		return rep, err
	}
	ts, err := source.ListTenants(ctx, cl.Pool)
	if err != nil {
		return rep, err
	}
	rep.Tenants = len(ts)
	for _, t := range ts {
		if err := cl.sweepTenant(ctx, t, &rep); err != nil {
			if ctx.Err() != nil {
				return rep, ctx.Err()
			}
			cl.logger().ErrorContext(ctx, "cleanup failed", "tenant", t.Slug, "error", err)
			rep.Errors[t.Slug] = err.Error()
		}
	}
	rep.Duration = time.Since(start)
	rep.Seconds = rep.Duration.Seconds()
	return rep, nil
}

func (cl *Cleaner) sweepTenant(ctx context.Context, t domain.Tenant, rep *CleanupReport) error {
	found := map[string]map[kind.Catalog]int{}
	note := func(reason string, c kind.Catalog, n int) {
		if found[reason] == nil {
			found[reason] = map[kind.Catalog]int{}
		}
		found[reason][c] += n
	}
	err := pgx.BeginFunc(ctx, cl.Pool, func(tx pgx.Tx) error {
		if err := apply.LockTenant(ctx, tx, t.ID); err != nil {
			return err
		}
		cur, err := source.LoadTenant(ctx, tx, t.ID)
		if errors.Is(err, source.ErrTenantGone) {
			return nil
		}
		if err != nil {
			return err
		}
		return cl.sweepLocked(ctx, tx, cur, rep.DryRun, note)
	})
	if err != nil {
		return fmt.Errorf("sweep %s: %w", t.Slug, err)
	}
	for reason, byCat := range found { // counted only once committed
		for c, n := range byCat {
			rep.add(reason, c, n)
		}
	}
	return nil
}

func (cl *Cleaner) sweepLocked(ctx context.Context, tx pgx.Tx, t domain.Tenant, dryRun bool, note func(string, kind.Catalog, int)) error {
	tenant := fmt.Sprintf("c.tenant_id = %d", t.ID) // an int64 from the database, not input
	for _, s := range []spec{jobSpec, providerSpec} {
		if !t.Active() {
			n, err := apply.Sweep(ctx, tx, s.catalog, dryRun, tenant)
			if err != nil {
				return err
			}
			note(SweptTenantSuspended, s.catalog, n)
			continue
		}
		if s.catalog == kind.Jobs {
			n, err := apply.Sweep(ctx, tx, s.catalog, dryRun, tenant+` AND c.application_deadline < $1`, cl.now())
			if err != nil {
				return err
			}
			note(SweptDeadlinePassed, s.catalog, n)
		}
		n, err := apply.Sweep(ctx, tx, s.catalog, dryRun, tenant+` AND NOT EXISTS (SELECT 1 FROM `+
			sourceTable(t, s)+` x WHERE x.id = c.source_id)`)
		if err != nil {
			return err
		}
		note(SweptSourceGone, s.catalog, n)
	}
	return nil
}

// sourceTable is the tenant's source table of a catalog, quoted.
func sourceTable(t domain.Tenant, s spec) string {
	return pgx.Identifier{t.SchemaName, s.catalog.SourceTable()}.Sanitize()
}

// sweepHeartbeats removes the rows of workers silent for a day: a worker
// that stops cleanly deletes its own; one that crashed leaves it behind.
func (cl *Cleaner) sweepHeartbeats(ctx context.Context, dryRun bool) (int, error) {
	return outbox.SweepBeats(ctx, cl.Pool, cl.now().Add(-HeartbeatRetention), dryRun)
}

func (cl *Cleaner) now() time.Time {
	if cl.Now != nil {
		return cl.Now()
	}
	return time.Now()
}

func (cl *Cleaner) logger() *slog.Logger {
	if cl.Log != nil {
		return cl.Log
	}
	return slog.New(slog.DiscardHandler)
}
