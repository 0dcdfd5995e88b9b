// Package changefeed reads the catalog change feed and follows it: the
// catalog version bumped at the commit of every transaction that changes
// public.job_catalog or public.provider_catalog, and one change row per
// catalog row changed (shared migration 0011, written by triggers on the
// catalog tables, so no writer can bypass it).
//
// Versions are assigned in commit order (the bump is the last write of the
// transaction and holds the version row through its commit), so a reader
// that has seen version v has seen every change up to v, on the primary
// and on a streaming replica alike, and a snapshot reading version v shows
// exactly the catalog state v. The read path keys every cache by the version
// its snapshot read, and a Follower per process advances the version the
// process serves: woken by NOTIFY where it can LISTEN, polling where it
// cannot (a replica), and catching up from the change rows after a restart
// or a lag. Nothing here is state two processes share: each follows the
// feed on its own.
//
// It owns public.catalog_state, public.catalog_commits and
// public.catalog_changes.
package changefeed
