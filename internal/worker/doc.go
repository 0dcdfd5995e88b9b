// Package worker runs the incremental sync: goroutines that turn the
// outbox rows left by the capture triggers into catalog changes.
//
// One batch, in one READ COMMITTED transaction that commits asynchronously
// (apply.AsyncCommit), syncs the changes of many tenants in a few round
// trips whatever their number:
//
//  1. claim (outbox.ClaimTenants, one statement): the tenants of the oldest
//     available outbox rows, in that order, each whose sync lock
//     (apply.TenantLockSQL) is free; a tenant another worker holds is
//     passed over, so tenants proceed in parallel and one tenant's changes
//     apply in commit order. Up to BatchSize rows of up to TenantsPerBatch
//     tenants, FOR UPDATE SKIP LOCKED; a tenant with a tenant-wide row
//     (suspend, rename, TRUNCATE, --async resync) is the last one taken;
//  2. read the tenants, after the claim that locked them;
//  3. coalesce each tenant's rows (outbox.Coalesce: each source row once)
//     and read every tenant's current source rows and what the catalog
//     holds of them in one round trip (apply.Round); whole passes
//     (resync.Pass) run on their own;
//  4. project, then write every change in one round trip: a statement per
//     catalog across the tenants, the deletion of the applied outbox rows
//     and the failures of the others (outbox.QueueFail: backoff, then dead
//     letter); then commit.
//
// Any failure on that path rolls the batch back and redoes it one tenant
// at a time (outbox.PickTenant, then its claim) with each source row in a
// savepoint of its own, so the poison row is attributed and the others
// still apply; a failure there charges only the failing tenant's rows.
//
// A worker killed anywhere before the commit leaves no trace: the rollback
// releases the claim and the rows are claimed again. Because the lock is
// taken before the sources are read, the transaction that commits later
// always read a later state. Several workers, in one or many processes,
// share the work through the database alone.
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
