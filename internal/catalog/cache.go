package catalog

import (
	"context"
	"time"

	"github.com/zumodra/zumodra/internal/ttlcache"
)

// resultCache keeps expensive results (pages, facets, totals, browse lists)
// of any type by key, for a few seconds (internal/ttlcache).
type resultCache = ttlcache.Cache[string, any]

// staleFactor: an entry may be served stale until staleFactor TTLs after it
// expired; older entries are recomputed while the caller waits.
const staleFactor = 6

func newResultCache(ttl time.Duration, max int, now func() time.Time) *resultCache {
	return ttlcache.New[string, any](ttlcache.Options{TTL: ttl, Stale: staleFactor * ttl, Max: max, Now: now})
}

// cached returns the cached value of type T for key, computing it on a miss
// and refreshing it in the background once stale.
func cached[T any](ctx context.Context, c *resultCache, key string, compute func(context.Context) (T, error)) (T, error) {
	v, err := c.Fetch(ctx, key, func(ctx context.Context) (any, error) { return compute(ctx) })
	t, _ := v.(T) // compute's value even with an error, as before the cache
	return t, err
}
