package retention

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/inbox"
	"github.com/zumodra/zumodra/internal/metrics"
	"github.com/zumodra/zumodra/internal/pgq"
	"github.com/zumodra/zumodra/internal/source"
)

// DefaultBatch is how many submissions one purge transaction deletes:
// small enough that its row locks and its WAL stay short.
const DefaultBatch = 500

// DB is a pool or one connection (the periodic task purges on the
// connection holding its advisory lock).
type DB interface {
	pgq.Querier
	Begin(ctx context.Context) (pgx.Tx, error)
}

// Purger deletes what the retention period no longer covers.
type Purger struct {
	DB     DB
	Log    *slog.Logger
	Period time.Duration    // > 0; the caller skips purging when it is 0 (keep forever)
	Batch  int              // submissions per transaction; 0: DefaultBatch
	Now    func() time.Time // nil: time.Now
}

// Purge deletes (or, when dryRun, counts) in the tenants named by slugs,
// all when empty, every submission whose last activity is older than the
// period. A tenant that fails is reported in Errors and the others go on.
func (p *Purger) Purge(ctx context.Context, dryRun bool, slugs []string) (Report, error) {
	if p.Period <= 0 {
		return Report{}, fmt.Errorf("retention period %s: want more than 0", p.Period)
	}
	start := time.Now()
	rep := Report{DryRun: dryRun, Cutoff: p.now().Add(-p.Period).UTC(), Tenants: []TenantReport{}, Errors: map[string]string{}}
	ts, err := source.NamedTenants(ctx, p.DB, slugs)
	if err != nil {
		return rep, err
	}
	for _, t := range ts {
		tr, err := p.purgeTenant(ctx, t, rep.Cutoff, dryRun)
		if err != nil {
			if ctx.Err() != nil {
				return rep, ctx.Err()
			}
			if p.gone(ctx, t, err) {
				continue
			}
			p.logger().ErrorContext(ctx, "applicant purge failed", "tenant", t.Slug, "error", err)
			rep.Errors[t.Slug] = err.Error()
		}
		rep.Tenants = append(rep.Tenants, tr)
	}
	rep.Duration = time.Since(start)
	rep.Seconds = rep.Duration.Seconds()
	return rep, nil
}

func (p *Purger) purgeTenant(ctx context.Context, t domain.Tenant, cutoff time.Time, dryRun bool) (TenantReport, error) {
	tr := TenantReport{Tenant: t.Slug, Rows: map[string]int{}, Held: map[string]int{}}
	for _, k := range inbox.Kinds {
		if !dryRun {
			if err := p.purgeKind(ctx, t, k, cutoff, tr.Rows); err != nil {
				return tr, err
			}
		}
		// After a purge only the held ones are left to count; a dry run
		// counts what would go as well.
		e, err := inbox.CountExpired(ctx, p.DB, t, k, cutoff)
		if err != nil {
			return tr, err
		}
		if dryRun {
			for table, n := range e.Rows {
				tr.Rows[table] += n
			}
		}
		tr.Held[k.Table()] = e.Held
	}
	return tr, nil
}

// purgeKind deletes one inbox's expired submissions in batches, each its
// own transaction, adding what each deleted to rows once it committed.
func (p *Purger) purgeKind(ctx context.Context, t domain.Tenant, k inbox.Kind, cutoff time.Time, rows map[string]int) error {
	batch := p.Batch
	if batch <= 0 {
		batch = DefaultBatch
	}
	at := inbox.Start
	for {
		var e inbox.Erased
		err := pgx.BeginFunc(ctx, p.DB, func(tx pgx.Tx) (err error) {
			e, at, err = inbox.PurgeBatch(ctx, tx, t, k, cutoff, batch, at)
			return err
		})
		if err != nil {
			return err
		}
		for table, n := range e.Rows {
			rows[table] += n
			metrics.ApplicantRowsPurged.WithLabelValues(table).Add(float64(n))
		}
		if len(e.IDs) < batch {
			return nil
		}
		if err := ctx.Err(); err != nil {
			return err
		}
	}
}

// gone reports whether err came from the tenant having been deleted while
// the purge ran: its data went with its schema, nothing is amiss.
func (p *Purger) gone(ctx context.Context, t domain.Tenant, err error) bool {
	var pgErr *pgconn.PgError
	if !errors.As(err, &pgErr) || (pgErr.Code != "3F000" && pgErr.Code != "42P01") {
		return false
	}
	_, lerr := source.LoadTenant(ctx, p.DB, t.ID)
	return errors.Is(lerr, source.ErrTenantGone)
}

func (p *Purger) now() time.Time {
	if p.Now != nil {
		return p.Now()
	}
	return time.Now()
}

func (p *Purger) logger() *slog.Logger {
	if p.Log != nil {
		return p.Log
	}
	return slog.New(slog.DiscardHandler)
}
