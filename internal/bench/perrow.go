package bench

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync/atomic"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/kind"
	"github.com/zumodra/zumodra/internal/pgq"
	"github.com/zumodra/zumodra/internal/projection"
	"github.com/zumodra/zumodra/internal/source"
)

// The original's strategy (Django's update_or_create, per row): in one
// transaction per row, SELECT the catalog row FOR UPDATE, then UPDATE every
// column or INSERT. Source reads and the projection are ours, in pages of
// 100, so that the comparison isolates the write strategy.

const perRowPage = 100

// runPerRow writes up to limit eligible rows, jobs first then providers of
// each tenant, concurrency tenants at a time, and returns how many it wrote.
func runPerRow(ctx context.Context, pool *pgxpool.Pool, ts []domain.Tenant, concurrency, limit int) (int, error) {
	var written atomic.Int64
	err := forEachTenant(ctx, ts, concurrency, func(t domain.Tenant) error {
		if t.Status != domain.TenantActive {
			return nil
		}
		w := perRowWriter{pool: pool, t: t, budget: func() bool { return written.Add(1) <= int64(limit) }}
		if err := w.jobs(ctx); err != nil {
			return err
		}
		return w.providers(ctx)
	})
	return min(int(written.Load()), limit), err
}

type perRowWriter struct {
	pool   *pgxpool.Pool
	t      domain.Tenant
	budget func() bool // takes one row of the sample; false when it is full
}

var errSampleFull = errors.New("bench: per-row sample complete")

func (w perRowWriter) jobs(ctx context.Context) error {
	return w.pages(ctx, source.JobIDPage, func(ids []int64) error {
		in, err := source.JobsByID(ctx, w.pool, w.t, ids)
		if err != nil {
			return err
		}
		for _, x := range in {
			if r, why := projection.Job(x); why == projection.Public {
				if err := w.upsertOne(ctx, kind.Jobs.Table(), projection.JobColumns(), r.Values()); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

func (w perRowWriter) providers(ctx context.Context) error {
	return w.pages(ctx, source.ProviderIDPage, func(ids []int64) error {
		in, err := source.ProvidersByID(ctx, w.pool, w.t, ids)
		if err != nil {
			return err
		}
		for _, x := range in {
			if r, why := projection.Provider(x); why == projection.Public {
				if err := w.upsertOne(ctx, kind.Providers.Table(), projection.ProviderColumns(), r.Values()); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

type idPager func(context.Context, pgq.Querier, domain.Tenant, int64, int) ([]int64, error)

func (w perRowWriter) pages(ctx context.Context, page idPager, fn func([]int64) error) error {
	var after int64
	for {
		ids, err := page(ctx, w.pool, w.t, after, perRowPage)
		if err != nil || len(ids) == 0 {
			return err
		}
		if err := fn(ids); errors.Is(err, errSampleFull) {
			return nil
		} else if err != nil {
			return err
		}
		after = ids[len(ids)-1]
	}
}

// upsertOne is update_or_create: its own transaction, a locking read, then
// an UPDATE of every column or an INSERT.
func (w perRowWriter) upsertOne(ctx context.Context, table string, cols []string, vals []any) error {
	if !w.budget() {
		return errSampleFull
	}
	return pgx.BeginFunc(ctx, w.pool, func(tx pgx.Tx) error {
		var id int64
		err := tx.QueryRow(ctx, `SELECT id FROM `+table+` WHERE tenant_id = $1 AND source_id = $2 FOR UPDATE`,
			vals[0], vals[1]).Scan(&id)
		switch {
		case errors.Is(err, pgx.ErrNoRows):
			_, err = tx.Exec(ctx, insertOneSQL(table, cols), vals...)
		case err == nil:
			_, err = tx.Exec(ctx, updateOneSQL(table, cols), append(vals, id)...)
		}
		if err != nil {
			return fmt.Errorf("per-row %s: %w", table, err)
		}
		return nil
	})
}

func insertOneSQL(table string, cols []string) string {
	ph := make([]string, len(cols))
	for i := range cols {
		ph[i] = "$" + strconv.Itoa(i+1)
	}
	return "INSERT INTO " + table + " (" + strings.Join(cols, ", ") + ") VALUES (" + strings.Join(ph, ", ") + ")"
}

func updateOneSQL(table string, cols []string) string {
	set := make([]string, len(cols))
	for i, c := range cols {
		set[i] = c + " = $" + strconv.Itoa(i+1)
	}
	return "UPDATE " + table + " SET " + strings.Join(set, ", ") + ", synced_at = now() WHERE id = $" + strconv.Itoa(len(cols)+1)
}
