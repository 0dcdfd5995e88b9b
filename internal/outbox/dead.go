package outbox

import (
	"context"
	"fmt"

	"github.com/zumodra/zumodra/internal/pgq"
)

// DeadFilter selects dead letters; zero values select everything.
type DeadFilter struct {
	TenantID int64
	Limit    int // default 100
}

// ListDead returns dead letters, most recent first, with their error.
func ListDead(ctx context.Context, q pgq.Querier, f DeadFilter) ([]Entry, error) {
	if f.Limit <= 0 {
		f.Limit = 100
	}
	rows, err := q.Query(ctx, `SELECT `+entryColumns+`
		FROM public.sync_outbox o LEFT JOIN public.tenants t ON t.id = o.tenant_id
		WHERE o.dead_at IS NOT NULL AND ($1::bigint = 0 OR o.tenant_id = $1)
		ORDER BY o.dead_at DESC, o.id DESC LIMIT $2`, f.TenantID, f.Limit)
	if err != nil {
		return nil, fmt.Errorf("outbox: list dead letters: %w", err)
	}
	es, err := scanEntries(rows)
	if err != nil {
		return nil, fmt.Errorf("outbox: list dead letters: %w", err)
	}
	return es, nil
}

// RetryDead makes dead letters pending again, with their attempts reset
// (last_error is kept until the next failure, as a record) and wakes the
// workers. ids nil with tenantID 0 retries every dead letter; ids nil with a
// tenant retries that tenant's. It returns how many rows it revived.
func RetryDead(ctx context.Context, q pgq.Querier, tenantID int64, ids []int64) (int, error) {
	var n int
	err := q.QueryRow(ctx, `WITH revived AS (
			UPDATE public.sync_outbox SET dead_at = NULL, attempts = 0, available_at = clock_timestamp()
			WHERE dead_at IS NOT NULL AND ($1::bigint = 0 OR tenant_id = $1)
			  AND ($2::bigint[] IS NULL OR id = ANY($2))
			RETURNING tenant_id),
		notified AS (SELECT pg_notify('zumodra_sync', tenant_id::text) FROM (SELECT DISTINCT tenant_id FROM revived) r)
		SELECT (SELECT count(*) FROM revived) + 0 * (SELECT count(*) FROM notified)`,
		tenantID, ids).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("outbox: retry dead letters: %w", err)
	}
	return n, nil
}
