// Package counts counts what visitors do with public rows, detail page
// views and submissions (applications to a job, inquiries to a provider),
// without writing to the database on the request path.
//
// Each process adds to sharded in-memory tallies keyed by catalog and
// public id (ids only, at most MaxPending distinct keys; more are dropped
// and counted as dropped) and flushes them on an interval, and once more at
// shutdown, in one set-based statement per flush into
// public.listing_counts, which this package owns.
//
// The durable count lives in that table, keyed by the stable public id,
// not in the catalog row: the catalog is derived state that a resync, a
// repair or a rebuild recomputes from the tenant's rows, and would lose
// it. The table is not part of the catalog change feed, so a flush bumps
// no catalog version and invalidates no cache. A count shown on a page or
// in an API response is therefore as old as the flush interval plus the
// life of the cached response (viewcache.DefaultTTL): fine for a count.
//
// Requests that are not a person looking (crawlers and scripts by their
// user agent, HEAD, prefetches) are not counted: see Countable.
package counts
