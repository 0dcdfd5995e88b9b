package outbox

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/zumodra/zumodra/internal/pgq"
)

// Lag is a tenant whose oldest pending change has waited long.
type Lag struct {
	TenantID   int64
	TenantSlug string // empty when the tenant row is gone
	Pending    int
	OldestAge  time.Duration
}

// LaggingTenants lists the tenants whose oldest pending (not dead) change
// was captured longer than olderThan ago, by the database's clock, the
// longest waiting first.
func LaggingTenants(ctx context.Context, q pgq.Querier, olderThan time.Duration) ([]Lag, error) {
	rows, err := q.Query(ctx, `SELECT o.tenant_id, coalesce(t.slug, ''), count(*),
			extract(epoch FROM now() - min(o.enqueued_at))::float8
		FROM public.sync_outbox o LEFT JOIN public.tenants t ON t.id = o.tenant_id
		WHERE o.dead_at IS NULL
		GROUP BY o.tenant_id, t.slug
		HAVING min(o.enqueued_at) < now() - $1::interval
		ORDER BY min(o.enqueued_at)`, olderThan)
	if err != nil {
		return nil, fmt.Errorf("read tenant lags: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (Lag, error) {
		var l Lag
		var secs float64
		err := r.Scan(&l.TenantID, &l.TenantSlug, &l.Pending, &secs)
		l.OldestAge = time.Duration(secs * float64(time.Second))
		return l, err
	})
	if err != nil {
		return nil, fmt.Errorf("read tenant lags: %w", err)
	}
	return out, nil
}
