// Package viewcache keeps whole public responses (pages and API bodies) by
// the catalog version they show, and answers conditional requests.
//
// A list is computed in one catalog snapshot (catalog.Store.Snapshot) and
// kept under that snapshot's version; it is looked up under the version the
// process's feed follower has seen, so the first request after the follower
// sees a change computes afresh, and no response ever mixes two states. A
// view of one catalog row (a detail page) is keyed by the version of that
// row's last change, so edits elsewhere do not evict it. Both keys also
// name the catalog's due time (catalog.Store.Due): the next moment a row
// becomes listed (its published_at) or stops being listed (its deadline)
// without any write, so no entry outlives such a moment; a TTL only bounds
// how long an entry lives when nothing changes. Every 200 carries a strong
// ETag over its exact body, and a matching If-None-Match is answered 304.
package viewcache
