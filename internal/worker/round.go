package worker

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/zumodra/zumodra/internal/apply"
	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/kind"
	"github.com/zumodra/zumodra/internal/outbox"
	"github.com/zumodra/zumodra/internal/source"
)

// tenantWork is one locked tenant's share of a batch.
type tenantWork struct {
	t    domain.Tenant
	work outbox.Work
}

// roundBatch is the fast path of a batch, in six round trips whatever
// its number of tenants: the BEGIN; the claim, which takes the tenants'
// locks and their rows in one statement; the tenants' rows; every source
// read (apply.Round); every write with the settling of the outbox rows;
// the commit. Before, each tenant cost its own pick, claim, read, upsert,
// removal and deletion: with changes spread over many tenants, a batch
// spent most of its time on round trips of a few rows each. Whole passes
// (a tenant-wide row, a company row) still run on their own, between the
// reads and the writes.
func (p *Pool) roundBatch(ctx context.Context, tx pgx.Tx, b *Batch) error {
	entries, found, err := outbox.ClaimTenants(ctx, tx, p.cfg.clock(), p.cfg.TenantsPerBatch, p.cfg.BatchSize, tryLockSQL)
	b.Found = found
	if err != nil {
		return fmt.Errorf("worker: %w", err)
	}
	b.entries, b.Claimed = entries, len(entries)
	tws, err := p.loadTenants(ctx, tx, entries)
	if err != nil {
		return fmt.Errorf("%w: %w", errIsolate, err)
	}
	for _, tw := range tws {
		b.Tenants = append(b.Tenants, tw.t.ID)
	}
	if len(tws) == 0 {
		return nil
	}
	b.TenantID = tws[0].t.ID
	var r apply.Round
	for _, tw := range tws {
		addToRound(&r, tw)
	}
	if err := r.Read(ctx, tx); err != nil {
		return fmt.Errorf("%w: %w", errIsolate, err)
	}
	failed := map[int64][]apply.RowError{}
	for _, tw := range tws {
		f, err := p.applyWhole(ctx, tx, tw, b.Stats)
		if err != nil {
			return fmt.Errorf("%w: %w", errIsolate, err)
		}
		failed[tw.t.ID] = append(f, r.Invalid(tw.t.ID)...)
	}
	if err := p.writeRound(ctx, tx, b, &r, tws, failed); err != nil {
		return fmt.Errorf("%w: %w", errIsolate, err)
	}
	return nil
}

// loadTenants groups the claimed rows by tenant, in the claim's order, and
// reads each tenant, all in one round trip. The reads come after the claim
// that took the tenants' locks, so each tenant is at least as new as its
// claimed rows (a suspension and its outbox row commit together) and as
// what the lock's previous holder read. A tenant deleted since its rows
// were queued fails the round; the isolated path settles it.
func (p *Pool) loadTenants(ctx context.Context, tx pgx.Tx, entries []outbox.Entry) ([]*tenantWork, error) {
	var tws []*tenantWork
	rows := map[int64][]outbox.Entry{}
	for _, e := range entries {
		if _, seen := rows[e.TenantID]; !seen {
			tws = append(tws, &tenantWork{t: domain.Tenant{ID: e.TenantID}})
		}
		rows[e.TenantID] = append(rows[e.TenantID], e)
	}
	if len(tws) == 0 {
		return nil, nil
	}
	batch := &pgx.Batch{}
	for _, tw := range tws {
		tw.work = outbox.Coalesce(rows[tw.t.ID])
		source.QueueLoadTenant(batch, tw.t.ID, &tw.t)
	}
	if err := tx.SendBatch(ctx, batch).Close(); err != nil {
		if errors.Is(err, source.ErrTenantGone) {
			return nil, fmt.Errorf("worker: a claimed tenant is gone: %w", err)
		}
		return nil, fmt.Errorf("worker: read tenants: %w", err)
	}
	return tws, nil
}

// addToRound adds the tenant's single rows to the round; whole passes go
// through applyWhole.
func addToRound(r *apply.Round, tw *tenantWork) {
	for _, c := range []kind.Catalog{kind.Jobs, kind.Providers} {
		if all, ids := tw.work.Of(c); !all {
			r.Add(tw.t, c, ids)
		}
	}
}

// applyWhole runs the whole passes the tenant's rows ask for (its job or
// provider catalog, its company row), each catalog on its own.
func (p *Pool) applyWhole(ctx context.Context, tx pgx.Tx, tw *tenantWork, stats map[kind.Catalog]apply.Stats) ([]apply.RowError, error) {
	var failed []apply.RowError
	for _, c := range kind.All {
		if all, _ := tw.work.Of(c); !all {
			continue
		}
		st, f, err := p.applyCatalog(ctx, tx, tw.t, c, tw.work, false)
		if err != nil {
			return failed, err
		}
		addStats(stats, c, st)
		failed = append(failed, f...)
	}
	return failed, nil
}

// writeRound sends the round's writes, the deletion of every applied
// outbox row and the failures of the others in one round trip, then
// records the listing events of the tenants that listen.
func (p *Pool) writeRound(ctx context.Context, tx pgx.Tx, b *Batch, r *apply.Round, tws []*tenantWork, failed map[int64][]apply.RowError) error {
	batch := &pgx.Batch{}
	if err := r.QueueWrites(ctx, tx, batch, b.Stats); err != nil {
		return err
	}
	var ok []int64
	byMsg := map[string][]int64{}
	for _, tw := range tws {
		b.Failed = append(b.Failed, failed[tw.t.ID]...)
		failures := failuresByEntry(tw.work, failed[tw.t.ID])
		for _, e := range applied(tw.work, failures) {
			ok = append(ok, e.ID)
			b.Applied = append(b.Applied, e)
		}
		for id, msg := range failures {
			byMsg[msg] = append(byMsg[msg], id)
		}
	}
	outbox.QueueDelete(batch, ok)
	nFailed := 0
	for msg, ids := range byMsg {
		outbox.QueueFail(batch, ids, errors.New(msg), p.cfg.clock(), p.cfg.retry(), &b.Dead)
		nFailed += len(ids)
	}
	if err := tx.SendBatch(ctx, batch).Close(); err != nil {
		return err
	}
	b.Retried = nFailed - b.Dead
	return r.Finish(ctx, tx, b.Stats)
}

func addStats(stats map[kind.Catalog]apply.Stats, c kind.Catalog, st apply.Stats) {
	if st == (apply.Stats{}) {
		return
	}
	sum := stats[c]
	sum.Add(st)
	stats[c] = sum
}
