// Package ttlcache is the one in-process result cache of the read path: the
// catalog's query results (internal/catalog) and the whole responses of the
// pages and the API (internal/viewcache) each keep one, with keys that
// carry the catalog version, so the TTL only bounds an entry's life.
//
// An entry is fresh for its TTL on the cache's clock. A cache may also serve
// an entry stale for a while longer while one caller refreshes it in the
// background (Fetch), so that after the first computation no visitor waits
// for an expensive aggregate again. Each process has its own caches: they
// are an optimisation, never state that processes must share. The key type
// is the caller's, so a key may carry what the value depends on (a version
// of the catalog, say) besides the request.
package ttlcache
