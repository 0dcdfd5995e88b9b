// Package outbox reads and settles public.sync_outbox, the queue that the
// capture triggers append to in each writer's transaction.
//
// The outbox is append-only: rows are never merged at insert time (a change
// committed while a worker holds an older claim of the same row must not be
// swallowed). Coalescing happens at claim time instead: Coalesce turns the
// claimed rows of one tenant into the set of source ids and full-catalog
// passes they call for, however many times each row changed.
//
// A claimed row is deleted in the transaction that applied it, or, when its
// apply failed, given attempts+1, its error and an exponentially later
// available_at; after Retry.MaxAttempts it becomes a dead letter (dead_at
// set): visible with its error, never dropped, retryable from the admin page.
//
// Time: functions take a Clock; nil means the database's clock_timestamp(),
// which production uses so that app and database clocks cannot disagree.
// Tests pass a fixed clock to move time without sleeping.
package outbox
