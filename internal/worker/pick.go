package worker

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/zumodra/zumodra/internal/apply"
	"github.com/zumodra/zumodra/internal/outbox"
)

// tryLockSQL tries the tenant's sync lock on the outbox row picked.
var tryLockSQL = apply.TenantLockSQL("pg_try_advisory_xact_lock", "tenant_id")

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
		id, locked, ok, err := outbox.PickTenant(ctx, tx, p.cfg.clock(), busy, tryLockSQL)
		if err != nil {
			return found, 0, fmt.Errorf("worker: %w", err)
		}
		if !ok {
			return found, 0, nil
		}
		found = true
		if locked {
			return true, id, nil
		}
		busy = append(busy, id)
	}
	return found, 0, nil
}
