// Package resync is the bulk sync core: it brings whole catalogs of one
// tenant, several or all in line with their sources, through the same
// source reads, projection and apply code as the incremental workers.
//
// A tenant's catalog is scanned in id-ordered pages (Options.BatchSize
// source rows each), one transaction per page holding the tenant's sync
// lock (the first page of every catalog shares one), so a bulk run and the
// workers serialise per tenant, memory stays bounded by the page and a long
// run never holds a lock for long. Each page
// also removes the catalog rows in its id range that have no public source,
// and the last page everything beyond, so a full pass leaves exactly the
// projection of the sources. Tenants run in parallel, Options.Concurrency at
// a time.
//
//	rep, err := resync.Run(ctx, pool, resync.Options{TenantSlugs: []string{"acme"}, DryRun: true})
//
// With DryRun nothing is written: the report counts what a real run would
// write and remove, which is what `verify` reports as discrepancies.
//
// Pass (in the caller's transaction) is the same full pass for the workers,
// which resync a tenant inside the transaction that claimed the request, so
// that, for instance, a suspension removes all its rows atomically.
package resync
