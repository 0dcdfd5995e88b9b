// Package worker runs the incremental sync: goroutines that turn the
// outbox rows left by the capture triggers into catalog changes.
//
// One batch, in one READ COMMITTED transaction that commits asynchronously
// (apply.AsyncCommit), takes several tenants in turn:
//
//  1. pick the tenant of the oldest available outbox row and try its sync
//     lock without waiting (outbox.PickTenant with apply.TenantLockSQL); a
//     tenant another worker holds is skipped, so tenants proceed in parallel
//     and one tenant's changes apply in commit order;
//  2. claim up to the batch's remaining room of its pending rows (FOR UPDATE
//     SKIP LOCKED) and coalesce them (outbox.Coalesce): each source row once,
//     full passes for tenant-wide rows (suspend, rename, TRUNCATE, --async
//     resync);
//  3. read the current source rows, project and apply them (apply.SyncIsolated,
//     resync.Pass): a row that fails is isolated in a savepoint while the
//     others apply;
//  4. delete the claimed rows that were applied, record the failure of the
//     others (outbox.Fail: backoff, then dead letter);
//  5. repeat from 1 with the next tenant until BatchSize rows or
//     TenantsPerBatch tenants are taken, or a tenant needed a full pass;
//     then commit. A failure charges only the failing tenant's rows.
//
// A worker killed anywhere before the commit leaves no trace: the rollback
// releases the claim and the rows are claimed again. Because the lock is
// taken before the sources are read, the transaction that commits later
// always read a later state. Several workers, in one or many processes,
// share the work through the database alone.
//
// The fast path applies the rows without savepoints; only when it fails is
// the batch redone with each source row in a savepoint of its own, so the
// poison row is attributed and the others still apply.
//
// Wake-up: writers do not NOTIFY by default (a notifying commit holds a
// database-wide lock through its WAL flush, serialising every writer's
// commits). One probe per Pool asks the outbox's sync_outbox_available
// index whether anything is available (outbox.Available) and wakes the idle
// workers: every BusyPollInterval (5ms) while the pool applied changes
// within IdleAfter (1s), then at doubling intervals up to PollInterval
// (100ms). One LISTEN connection per Pool on channel zumodra_sync also wakes
// them at once for writers that turned the NOTIFY on
// (zumodra.capture_notify = on). A lost NOTIFY or a failed probe only
// delays, never loses, work.
//
//	p := worker.New(pool, worker.Config{Workers: 2, Logger: log})
//	err := p.Run(ctx) // until ctx ends; the batch in hand finishes within ShutdownGrace
//
// Tests drive it deterministically with Drain, which processes batches until
// no outbox row is available.
package worker
