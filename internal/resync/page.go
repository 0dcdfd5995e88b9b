package resync

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/zumodra/zumodra/internal/kind"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/zumodra/zumodra/internal/apply"
	"github.com/zumodra/zumodra/internal/metrics"
	"github.com/zumodra/zumodra/internal/source"
)

// page syncs one page in its own transaction: take the tenant's sync lock
// (with the BEGIN, in one round trip: a bulk sync with nothing to do is
// made of little else than such round trips), then re-read the tenant (a
// suspension or rename committed since the last page counts from this page
// on; the capture trigger queued a full pass for the workers anyway), then
// read, project and apply the page.
func (r *runner) page(ctx context.Context, tenantID int64, c kind.Catalog, after int64) (apply.Page, error) {
	start := time.Now()
	var p apply.Page
	err := inTx(ctx, r.pool, r.opts.DryRun, lockedBegin(tenantID), func(tx pgx.Tx) error {
		t, err := source.LoadTenant(ctx, tx, tenantID)
		if err != nil {
			return err
		}
		p, err = apply.SyncPage(ctx, tx, t, c, after, r.opts.BatchSize, apply.Options{DryRun: r.opts.DryRun, Full: r.opts.Full})
		return err
	})
	if err != nil {
		return p, err
	}
	if !r.opts.DryRun {
		p.Stats.Record(c)
		metrics.SyncApplySeconds.WithLabelValues("bulk").Observe(time.Since(start).Seconds())
	}
	return p, nil
}

// firstPages syncs the first page of every catalog of the run in one
// transaction: most tenants' catalogs fit in a page, and a bulk sync with
// nothing to do is made of little else than each page's BEGIN, tenant read
// and commit, which the catalogs then share.
func (r *runner) firstPages(ctx context.Context, tenantID int64) ([]apply.Page, error) {
	start := time.Now()
	pages := make([]apply.Page, len(r.opts.Catalogs))
	err := inTx(ctx, r.pool, r.opts.DryRun, lockedBegin(tenantID), func(tx pgx.Tx) error {
		t, err := source.LoadTenant(ctx, tx, tenantID)
		if err != nil {
			return err
		}
		for i, c := range r.opts.Catalogs {
			opts := apply.Options{DryRun: r.opts.DryRun, Full: r.opts.Full}
			if pages[i], err = apply.SyncPage(ctx, tx, t, c, 0, r.opts.BatchSize, opts); err != nil {
				return fmt.Errorf("%s: %w", c, err)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if !r.opts.DryRun {
		for i, c := range r.opts.Catalogs {
			pages[i].Stats.Record(c)
		}
		metrics.SyncApplySeconds.WithLabelValues("bulk").Observe(time.Since(start).Seconds())
	}
	return pages, nil
}

// lockedBegin opens a READ COMMITTED transaction holding the tenant's sync
// lock (apply.LockTenant's); the id is a number, written as a literal
// because a BEGIN takes no parameters.
func lockedBegin(tenantID int64) pgx.TxOptions {
	return pgx.TxOptions{BeginQuery: "BEGIN ISOLATION LEVEL READ COMMITTED; SELECT " +
		apply.TenantLockSQL("pg_advisory_xact_lock", strconv.FormatInt(tenantID, 10)+"::bigint")}
}

// inTx runs fn in the transaction begin opens, committed unless dryRun.
func inTx(ctx context.Context, pool *pgxpool.Pool, dryRun bool, begin pgx.TxOptions, fn func(pgx.Tx) error) error {
	tx, err := pool.BeginTx(ctx, begin)
	if err != nil {
		return fmt.Errorf("resync: begin: %w", err)
	}
	defer func() { _ = tx.Rollback(context.WithoutCancel(ctx)) }()
	// No apply.AsyncCommit here: a resync page deletes no outbox row, so a
	// commit lost in a crash would not be redone by anyone.
	if err := fn(tx); err != nil {
		if errors.Is(err, source.ErrTenantGone) {
			return source.ErrTenantGone
		}
		return fmt.Errorf("resync: %w", err)
	}
	if dryRun {
		return nil
	}
	if err := tx.Commit(ctx); err != nil {
		return fmt.Errorf("resync: commit: %w", err)
	}
	return nil
}
