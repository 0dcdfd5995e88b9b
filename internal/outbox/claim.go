package outbox

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/zumodra/zumodra/internal/pgq"
)

// PickTenant finds the tenant of the oldest available row, skipping those in
// exclude, and tries its sync lock in the same round trip. tryLock is the SQL
// expression of tenant_id that tries the lock without waiting (the lock is
// the apply's). MATERIALIZED makes the LIMIT apply before the lock is tried,
// so exactly one tenant's lock is attempted. found is false when nothing is
// available.
func PickTenant(ctx context.Context, q pgq.Querier, now Clock, exclude []int64, tryLock string) (tenantID int64, locked, found bool, err error) {
	if exclude == nil {
		exclude = []int64{}
	}
	err = q.QueryRow(ctx, `WITH next AS MATERIALIZED (
		SELECT tenant_id FROM public.sync_outbox
		WHERE dead_at IS NULL AND available_at <= coalesce($1::timestamptz, clock_timestamp())
		  AND tenant_id <> ALL($2)
		ORDER BY available_at, id LIMIT 1)
	SELECT tenant_id, `+tryLock+` FROM next`, now.Arg(), exclude).Scan(&tenantID, &locked)
	if errors.Is(err, pgx.ErrNoRows) {
		return 0, false, false, nil
	}
	if err != nil {
		return 0, false, false, fmt.Errorf("outbox: pick tenant: %w", err)
	}
	return tenantID, locked, true, nil
}

// QueueClaim locks up to limit of the tenant's available pending rows,
// oldest first, for the rest of the transaction; queued on a batch, it
// shares a round trip with the statements after it, and the claimed rows
// land in *out when the batch runs. SKIP LOCKED passes over rows that
// another transaction holds, so claimers never wait on each other; a
// claimer killed mid-transaction releases its rows with the rollback.
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

const deleteSQL = `DELETE FROM public.sync_outbox WHERE id = ANY($1)`

// Delete removes settled rows (applied, or moot because their tenant is
// gone).
func Delete(ctx context.Context, q pgq.Querier, ids []int64) error {
	if len(ids) == 0 {
		return nil
	}
	if _, err := q.Exec(ctx, deleteSQL, ids); err != nil {
		return fmt.Errorf("outbox: delete: %w", err)
	}
	return nil
}
