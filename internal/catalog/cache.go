package catalog

import (
	"context"
	"strconv"
	"time"

	"github.com/zumodra/zumodra/internal/ttlcache"
)

// resultCache keeps expensive results (pages, facets, totals, browse lists)
// of any type by catalog version and query (internal/ttlcache).
type resultCache = ttlcache.Cache[string, any]

// DefaultCacheTTL bounds how long a result of one catalog version is kept.
// A change makes it unreachable at once (the next snapshot reads a newer
// version), and so does the clock reaching a row's moment (a scheduled
// published_at, a deadline: the key names the snapshot's due time); the
// bound only frees memory.
const DefaultCacheTTL = 30 * time.Second

func newResultCache(ttl time.Duration, max int, now func() time.Time) *resultCache {
	return ttlcache.New[string, any](ttlcache.Options{TTL: ttl, Max: max, Now: now})
}

// newTSQueryCache keeps the tsquery texts of searches (Store.tsqueries)
// for an hour, since nothing but the search text decides them; it is off
// when the result caches are (ttl negative).
func newTSQueryCache(ttl time.Duration, now func() time.Time) *ttlcache.Cache[string, string] {
	if ttl < 0 {
		return nil
	}
	return ttlcache.New[string, string](ttlcache.Options{TTL: time.Hour, Max: 10_000, Now: now})
}

// cached returns the value of type T for key in ctx's snapshot, computing
// it on a miss. Results are keyed by the snapshot's catalog version and
// due time, so a response assembled from cached and fresh parts shows one
// state and none outlives a row's moment; outside a snapshot nothing is
// cached.
func cached[T any](ctx context.Context, c *resultCache, key string, compute func(context.Context) (T, error)) (T, error) {
	v, ok := SnapshotVersion(ctx)
	if !ok {
		return compute(ctx)
	}
	due, _ := SnapshotDue(ctx)
	got, err := c.Fetch(ctx, strconv.FormatInt(v, 10)+"@"+DueKey(due)+"\x00"+key, func(ctx context.Context) (any, error) { return compute(ctx) })
	t, _ := got.(T) // compute's value even with an error, as before the cache
	return t, err
}
