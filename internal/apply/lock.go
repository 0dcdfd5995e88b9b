package apply

import (
	"context"
	"fmt"

	"github.com/zumodra/zumodra/internal/pgq"
)

// LockSpace is the first key of the tenant sync lock (pg_advisory_xact_lock
// two-int form); the migrator uses 0x5a4d0001.
const LockSpace = 0x5a4d0002

// TenantLockSQL is the SQL call that takes (fn pg_advisory_xact_lock) or
// tries (pg_try_advisory_xact_lock) the sync lock of the tenant whose id is
// the SQL expression idExpr. Every statement taking the lock is built here,
// so they all agree on the key; ids beyond int4 fold onto smaller ones,
// which can only add waiting, never remove safety.
func TenantLockSQL(fn, idExpr string) string {
	return fmt.Sprintf("%s(%d, (%s %% 2147483647)::int)", fn, LockSpace, idExpr)
}

// LockTenant takes the tenant's sync lock for the rest of the transaction,
// waiting for it. Every writer of a tenant's catalog rows takes it BEFORE
// reading the tenant's sources, so transactions that sync one tenant are
// serialised and each reads a state at least as new as the one the previous
// wrote: an older read can never overwrite a newer state. Different tenants
// proceed in parallel.
func LockTenant(ctx context.Context, q pgq.Querier, tenantID int64) error {
	if _, err := q.Exec(ctx, `SELECT `+TenantLockSQL("pg_advisory_xact_lock", "$1::bigint"), tenantID); err != nil {
		return fmt.Errorf("lock tenant %d: %w", tenantID, err)
	}
	return nil
}

// AsyncCommitSQL is AsyncCommit's statement, for a caller that sends it
// with others (a transaction's BeginQuery, say) to spare a round trip.
const AsyncCommitSQL = `SET LOCAL synchronous_commit = off`

// AsyncCommit makes the transaction's commit return without waiting for
// its WAL flush. It is safe for sync transactions, and only for them: they
// hold derived data (catalog rows) together with the deletion of the outbox
// rows that produced them, so a crash that loses such a commit loses both
// halves at once, and the outbox rows are claimed and applied again. It
// spares a sync batch the fsync that otherwise dominates a small batch.
func AsyncCommit(ctx context.Context, q pgq.Querier) error {
	if _, err := q.Exec(ctx, AsyncCommitSQL); err != nil {
		return fmt.Errorf("apply: async commit: %w", err)
	}
	return nil
}
