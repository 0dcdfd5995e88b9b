package worker

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/zumodra/zumodra/internal/kind"

	"github.com/jackc/pgx/v5"

	"github.com/zumodra/zumodra/internal/apply"
	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/outbox"
	"github.com/zumodra/zumodra/internal/source"
)

// Batch is the outcome of one batch transaction.
type Batch struct {
	Found     bool    // an available outbox row was seen (more work may follow)
	TenantID  int64   // the first tenant processed, 0 when none could be locked
	Tenants   []int64 // every tenant processed, each under its sync lock
	Claimed   int     // outbox rows claimed, over all its tenants
	Stats     map[kind.Catalog]apply.Stats
	Failed    []apply.RowError // rows that failed; their outbox rows were retried or buried
	Retried   int              // outbox rows put back for a later attempt
	Dead      int              // outbox rows that became dead letters
	Gone      bool             // a tenant no longer exists; its rows were dropped
	Applied   []outbox.Entry   // claimed rows applied and deleted
	Committed time.Time        // when the batch committed
	entries   []outbox.Entry
	// blamed are the claimed rows a failed batch charges with its error:
	// the rows of the tenant that failed, or all of them when the failure
	// is the batch's own (its commit).
	blamed   []outbox.Entry
	isolated bool // rows applied one savepoint each (after a fast-path failure)
	fullPass bool // a tenant's whole catalog was resynced: take no more tenants
}

// errIsolate reports a failure on the fast path, which the batch's retry
// with row isolation will attribute.
var errIsolate = errors.New("worker: batch failed without row isolation")

// ProcessBatch claims and applies one batch of outbox rows, in one
// transaction: the rows of the tenant with the oldest available change, then
// of further tenants (each locked in turn, busy ones skipped) until BatchSize
// rows or TenantsPerBatch tenants are taken. An error means the transaction rolled back (its rows are
// pending again); when the error is not a cancellation the claimed rows'
// attempts are bumped in a transaction of their own, so a failure that
// row isolation cannot catch still ends as a dead letter, never a loop.
func (p *Pool) ProcessBatch(ctx context.Context) (Batch, error) {
	start := time.Now()
	b, err := p.batchTx(ctx, false)
	if errors.Is(err, errIsolate) && ctx.Err() == nil {
		// Something failed on the fast path: redo the batch with every
		// source row in a savepoint of its own, to settle each on its merits.
		b, err = p.batchTx(ctx, true)
	}
	if err != nil {
		if ctx.Err() == nil && len(b.blamed) > 0 {
			p.failClaimed(ctx, b.blamed, err)
		}
		return b, err
	}
	p.observe(b, start)
	if p.cfg.AfterCommit != nil && b.Claimed > 0 {
		p.cfg.AfterCommit(b)
	}
	return b, nil
}

// beginBatch opens a batch transaction that commits asynchronously
// (apply.AsyncCommit), in one round trip.
var beginBatch = pgx.TxOptions{BeginQuery: "BEGIN ISOLATION LEVEL READ COMMITTED; " + apply.AsyncCommitSQL}

// batchTx runs one batch transaction. The fast path (isolate false) claims
// and syncs every tenant's rows together (roundBatch), a few round trips
// for the whole batch, without savepoints; any failure there aborts the
// transaction and returns errIsolate. The isolated path takes one tenant
// at a time (isolatedBatch) and every source row in a savepoint.
func (p *Pool) batchTx(ctx context.Context, isolate bool) (Batch, error) {
	b := Batch{Stats: map[kind.Catalog]apply.Stats{}, isolated: isolate}
	tx, err := p.db.BeginTx(ctx, beginBatch)
	if err != nil {
		return b, fmt.Errorf("worker: begin: %w", err)
	}
	defer func() { _ = tx.Rollback(context.WithoutCancel(ctx)) }()
	if isolate {
		err = p.isolatedBatch(ctx, tx, &b)
	} else {
		err = p.roundBatch(ctx, tx, &b)
	}
	if err != nil || b.TenantID == 0 {
		return b, err
	}
	if p.beforeCommit != nil {
		p.beforeCommit(ctx)
	}
	if err := tx.Commit(ctx); err != nil {
		b.blamed = b.entries
		return b, fmt.Errorf("worker: commit: %w", err)
	}
	b.Committed = time.Now()
	return b, nil
}

// isolatedBatch locks and settles one tenant after another until the batch
// is full, each source row in a savepoint of its own.
func (p *Pool) isolatedBatch(ctx context.Context, tx pgx.Tx, b *Batch) error {
	for len(b.Tenants) < p.cfg.TenantsPerBatch && b.Claimed < p.cfg.BatchSize && !b.fullPass {
		found, tid, err := p.lockNextTenant(ctx, tx, b.Tenants)
		b.Found = b.Found || found
		if err != nil || tid == 0 {
			return err
		}
		if len(b.Tenants) == 0 {
			b.TenantID = tid
		}
		b.Tenants = append(b.Tenants, tid)
		if err := p.tenantBatch(ctx, tx, b, tid); err != nil {
			// Only this tenant's rows answer for it: the other tenants'
			// rows roll back with the batch and are simply claimed again.
			for _, e := range b.entries {
				if e.TenantID == tid {
					b.blamed = append(b.blamed, e)
				}
			}
			return err
		}
	}
	return nil
}

// tenantBatch claims and settles the rows of one locked tenant, within the
// batch's transaction, adding its outcome to b.
func (p *Pool) tenantBatch(ctx context.Context, tx pgx.Tx, b *Batch, tenantID int64) error {
	entries, t, gone, err := p.claim(ctx, tx, tenantID, p.cfg.BatchSize-b.Claimed)
	b.entries = append(b.entries, entries...)
	b.Claimed += len(entries)
	if err != nil || len(entries) == 0 {
		return err
	}
	return p.settle(ctx, tx, b, entries, t, gone)
}

// claim claims the locked tenant's rows and reads the tenant in one round
// trip. The tenant is read by the later statement, so it is at least as new
// as every outbox row claimed (a suspension and its outbox row commit
// together). gone reports a tenant deleted since its rows were queued.
func (p *Pool) claim(ctx context.Context, tx pgx.Tx, tenantID int64, limit int) (entries []outbox.Entry, t domain.Tenant, gone bool, err error) {
	batch := &pgx.Batch{}
	outbox.QueueClaim(batch, tenantID, p.cfg.clock(), limit, &entries)
	source.QueueLoadTenant(batch, tenantID, &t)
	err = tx.SendBatch(ctx, batch).Close()
	if errors.Is(err, source.ErrTenantGone) {
		return entries, t, true, nil
	}
	if err != nil {
		return entries, t, false, fmt.Errorf("worker: claim tenant %d: %w", tenantID, err)
	}
	return entries, t, false, nil
}

// settle applies the claimed work and settles each claimed row: deleted
// when applied, failed (retry or dead letter) when its source row failed.
func (p *Pool) settle(ctx context.Context, tx pgx.Tx, b *Batch, entries []outbox.Entry, t domain.Tenant, gone bool) error {
	work := outbox.Coalesce(entries)
	// A full pass is one outbox row but a whole catalog of work: it ends
	// the batch, rather than keep up to TenantsPerBatch tenants locked
	// through a transaction as long as their full passes together.
	b.fullPass = b.fullPass || work.AllJobs || work.AllProviders
	if gone {
		// Its catalog rows went with it (ON DELETE CASCADE): nothing to apply.
		b.Gone = true
		return outbox.Delete(ctx, tx, work.IDs())
	}
	failed, err := p.applyWork(ctx, tx, t, work, b.isolated, b.Stats)
	if err != nil {
		return err
	}
	b.Failed = append(b.Failed, failed...)
	failures := failuresByEntry(work, failed)
	ok := applied(work, failures)
	ids := make([]int64, len(ok))
	for i, e := range ok {
		ids[i] = e.ID
	}
	if err := outbox.Delete(ctx, tx, ids); err != nil {
		return err
	}
	b.Applied = append(b.Applied, ok...)
	dead, err := p.recordFailures(ctx, tx, failures)
	b.Dead += dead
	b.Retried += len(failures) - dead
	return err
}

// applyWork syncs the coalesced work, catalog by catalog.
func (p *Pool) applyWork(ctx context.Context, tx pgx.Tx, t domain.Tenant, w outbox.Work, isolate bool, stats map[kind.Catalog]apply.Stats) ([]apply.RowError, error) {
	var failed []apply.RowError
	for _, c := range kind.All {
		st, f, err := p.applyCatalog(ctx, tx, t, c, w, isolate)
		if err != nil {
			return failed, err
		}
		if st != (apply.Stats{}) {
			sum := stats[c]
			sum.Add(st)
			stats[c] = sum
		}
		failed = append(failed, f...)
	}
	return failed, nil
}
