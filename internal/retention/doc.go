// Package retention purges applicants' data past the configured period:
// in every tenant's schema, the applications and inquiries (with their
// related rows, see internal/inbox) whose last activity is older than the
// period, except those in a working stage of their pipeline. The
// `purge-applicants` command and the workers' periodic task run it; inbox
// owns the SQL, this package walks the tenants in bounded batches, reports
// and counts.
package retention
