package outbox

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/zumodra/zumodra/internal/pgq"
)

// NextTenant returns the tenant of the oldest available pending row,
// skipping the tenants in exclude (those another worker is busy with).
// found is false when nothing is available.
func NextTenant(ctx context.Context, q pgq.Querier, now Clock, exclude []int64) (tenantID int64, found bool, err error) {
	if exclude == nil {
		exclude = []int64{}
	}
	err = q.QueryRow(ctx, `SELECT tenant_id FROM public.sync_outbox
		WHERE dead_at IS NULL AND available_at <= coalesce($1::timestamptz, clock_timestamp())
		  AND tenant_id <> ALL($2)
		ORDER BY available_at, id LIMIT 1`, now.Arg(), exclude).Scan(&tenantID)
	if errors.Is(err, pgx.ErrNoRows) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, fmt.Errorf("outbox: next tenant: %w", err)
	}
	return tenantID, true, nil
}

// Claim locks up to limit of the tenant's available pending rows, oldest
// first, for the rest of the transaction. SKIP LOCKED passes over rows that
// another transaction holds, so claimers never wait on each other; a
// claimer killed mid-transaction releases its rows with the rollback.
func Claim(ctx context.Context, tx pgx.Tx, tenantID int64, now Clock, limit int) ([]Entry, error) {
	rows, err := tx.Query(ctx, claimSQL, tenantID, now.Arg(), limit)
	if err != nil {
		return nil, fmt.Errorf("outbox: claim tenant %d: %w", tenantID, err)
	}
	es, err := scanEntries(rows)
	if err != nil {
		return nil, fmt.Errorf("outbox: claim tenant %d: %w", tenantID, err)
	}
	return es, nil
}

// QueueClaim is Claim queued on a batch, to share a round trip with the
// statements after it; the claimed rows land in *out when the batch runs.
func QueueClaim(b *pgx.Batch, tenantID int64, now Clock, limit int, out *[]Entry) {
	b.Queue(claimSQL, tenantID, now.Arg(), limit).Query(func(rows pgx.Rows) error {
		es, err := scanEntries(rows)
		if err != nil {
			return fmt.Errorf("outbox: claim tenant %d: %w", tenantID, err)
		}
		*out = es
		return nil
	})
}

const claimSQL = `SELECT ` + entryColumns + `
	FROM public.sync_outbox o LEFT JOIN public.tenants t ON t.id = o.tenant_id
	WHERE o.tenant_id = $1 AND o.dead_at IS NULL
	  AND o.available_at <= coalesce($2::timestamptz, clock_timestamp())
	ORDER BY o.id LIMIT $3
	FOR UPDATE OF o SKIP LOCKED`

// Delete removes settled rows (applied, or moot because their tenant is
// gone).
func Delete(ctx context.Context, q pgq.Querier, ids []int64) error {
	if len(ids) == 0 {
		return nil
	}
	if _, err := q.Exec(ctx, `DELETE FROM public.sync_outbox WHERE id = ANY($1)`, ids); err != nil {
		return fmt.Errorf("outbox: delete: %w", err)
	}
	return nil
}
