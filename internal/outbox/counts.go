package outbox

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/zumodra/zumodra/internal/pgq"
)

// Counts is how many of a tenant's rows wait and how many are dead letters.
type Counts struct {
	Pending int
	Dead    int
}

// CountByTenant counts the rows of every tenant that has any.
func CountByTenant(ctx context.Context, q pgq.Querier) (map[int64]Counts, error) {
	rows, err := q.Query(ctx, `SELECT tenant_id, count(*) FILTER (WHERE dead_at IS NULL),
			count(*) FILTER (WHERE dead_at IS NOT NULL)
		FROM public.sync_outbox GROUP BY tenant_id`)
	if err != nil {
		return nil, fmt.Errorf("count outbox by tenant: %w", err)
	}
	out := map[int64]Counts{}
	var id int64
	var c Counts
	_, err = pgx.ForEachRow(rows, []any{&id, &c.Pending, &c.Dead}, func() error {
		out[id] = c
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("count outbox by tenant: %w", err)
	}
	return out, nil
}

// CountTenant counts one tenant's rows.
func CountTenant(ctx context.Context, q pgq.Querier, tenantID int64) (Counts, error) {
	var c Counts
	err := q.QueryRow(ctx, `SELECT count(*) FILTER (WHERE dead_at IS NULL), count(*) FILTER (WHERE dead_at IS NOT NULL)
		FROM public.sync_outbox WHERE tenant_id = $1`, tenantID).Scan(&c.Pending, &c.Dead)
	if err != nil {
		return c, fmt.Errorf("count outbox of tenant %d: %w", tenantID, err)
	}
	return c, nil
}

// DeleteTenant removes every row of a tenant that is being deleted.
func DeleteTenant(ctx context.Context, q pgq.Querier, tenantID int64) error {
	if _, err := q.Exec(ctx, `DELETE FROM public.sync_outbox WHERE tenant_id = $1`, tenantID); err != nil {
		return fmt.Errorf("outbox: delete tenant %d: %w", tenantID, err)
	}
	return nil
}

// Purge empties the queue and vacuums it, so that a benchmark or a freshly
// loaded dataset starts from an empty, compact table. Never called by the
// sync itself: pending rows are work.
func Purge(ctx context.Context, q pgq.Querier, vacuum bool) error {
	if _, err := q.Exec(ctx, `DELETE FROM public.sync_outbox`); err != nil {
		return fmt.Errorf("outbox: purge: %w", err)
	}
	if !vacuum {
		return nil
	}
	if _, err := q.Exec(ctx, `VACUUM public.sync_outbox`); err != nil {
		return fmt.Errorf("outbox: vacuum: %w", err)
	}
	return nil
}
