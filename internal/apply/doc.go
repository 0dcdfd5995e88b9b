// Package apply writes projected rows into the public catalog: the one code
// path through which incremental sync, bulk resync and repair change
// public.job_catalog and public.provider_catalog.
//
// Callers hold the tenant's sync lock (LockTenant) in the same
// transaction, so reading the current hashes and then writing is race-free.
// A row whose content hash is already in the catalog is not rewritten:
// full-text indexing dominates the cost of a catalog write, so a no-op edit
// or a resync of unchanged data costs one indexed read. As a consequence a
// catalog row's source_version and synced_at are those of its last content
// change, not of the last source edit.
//
// Every function takes an Options whose DryRun counts what would change
// without writing anything: the same classification, so a dry run's report
// is the real run's.
//
// The API, from the highest level down:
//
//	SyncIDs(ctx, tx, tenant, kind.Jobs, ids, opts)       read, project, upsert/remove these source ids
//	SyncIsolated(ctx, tx, tenant, c, ids, opts)           the same, one savepoint per row after a failure
//	SyncPage(ctx, tx, tenant, c, after, limit, opts)      one page of a bulk pass (resync, repair)
//	JobRows(ctx, tx, tenantID, rows, removeIDs, opts)      apply already projected job rows
//	Remove / RemoveRange(...)                             delete catalog rows
//	LockTenant(ctx, tx, tenantID)                         the tenant sync lock; take it first
//	TenantLockSQL(fn, idExpr)                             the same lock as an SQL expression (the worker tries it while picking)
package apply
