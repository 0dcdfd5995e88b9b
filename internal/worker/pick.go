package worker

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/zumodra/zumodra/internal/apply"
)

// pickSQL finds the tenant of the oldest available outbox row and tries its
// sync lock in one round trip. MATERIALIZED makes the LIMIT apply before
// the lock is tried, so exactly one tenant's lock is attempted.
var pickSQL = `WITH next AS MATERIALIZED (
		SELECT tenant_id FROM public.sync_outbox
		WHERE dead_at IS NULL AND available_at <= coalesce($1::timestamptz, clock_timestamp())
		  AND tenant_id <> ALL($2)
		ORDER BY available_at, id LIMIT 1)
	SELECT tenant_id, ` + apply.TenantLockSQL("pg_try_advisory_xact_lock", "tenant_id") + ` FROM next`

// maxTenantTries bounds how many busy tenants a worker skips per batch.
const maxTenantTries = 8

// lockNextTenant picks a tenant with available rows and takes its sync lock
// without waiting, skipping tenants other workers hold and those in done.
// tenantID is 0 when every tenant with work is busy (found is then true).
func (p *Pool) lockNextTenant(ctx context.Context, tx pgx.Tx, done []int64) (found bool, tenantID int64, err error) {
	// Tenants this transaction already took are skipped like busy ones:
	// their rows were claimed up to the batch's limit.
	busy := append([]int64{}, done...)
	for range maxTenantTries {
		var id int64
		var locked bool
		err := tx.QueryRow(ctx, pickSQL, p.cfg.clock().Arg(), busy).Scan(&id, &locked)
		if errors.Is(err, pgx.ErrNoRows) {
			return found, 0, nil
		}
		if err != nil {
			return found, 0, fmt.Errorf("worker: pick tenant: %w", err)
		}
		found = true
		if locked {
			return true, id, nil
		}
		busy = append(busy, id)
	}
	return found, 0, nil
}
