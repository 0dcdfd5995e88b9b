package apply

import (
	"context"
	"fmt"
)

// LockSpace is the first key of the tenant sync lock (pg_advisory_xact_lock
// two-int form); the migrator uses 0x5a4d0001.
const LockSpace = 0x5a4d0002

// LockTenant takes the tenant's sync lock for the rest of the transaction,
// waiting for it. Every writer of a tenant's catalog rows takes it BEFORE
// reading the tenant's sources, so transactions that sync one tenant are
// serialised and each reads a state at least as new as the one the previous
// wrote: an older read can never overwrite a newer state. Different tenants
// proceed in parallel.
func LockTenant(ctx context.Context, q Querier, tenantID int64) error {
	if _, err := q.Exec(ctx, `SELECT pg_advisory_xact_lock($1, $2)`, LockSpace, int32(tenantID)); err != nil {
		return fmt.Errorf("lock tenant %d: %w", tenantID, err)
	}
	return nil
}

// TryLockTenant is LockTenant without waiting: false when another
// transaction holds the lock, so a worker can turn to another tenant.
func TryLockTenant(ctx context.Context, q Querier, tenantID int64) (bool, error) {
	var ok bool
	if err := q.QueryRow(ctx, `SELECT pg_try_advisory_xact_lock($1, $2)`, LockSpace, int32(tenantID)).Scan(&ok); err != nil {
		return false, fmt.Errorf("lock tenant %d: %w", tenantID, err)
	}
	return ok, nil
}
