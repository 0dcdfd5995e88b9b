package catalog

import (
	"context"
	"sync"
	"time"
)

// ttlCache keeps expensive results (pages, facets, totals, browse lists)
// for a few seconds. It is per process and only an optimisation: every
// process computes the same answers from the database, so nothing needs to
// be shared between processes.
//
// Past its TTL an entry is served stale for a while longer while one
// caller's request refreshes it in the background, so that after the first
// computation no visitor waits for an expensive aggregate again.
type ttlCache struct {
	mu    sync.Mutex
	ttl   time.Duration
	max   int
	now   func() time.Time
	items map[string]*cacheItem
}

type cacheItem struct {
	value      any
	expires    time.Time
	refreshing bool
}

// staleFactor: an entry may be served stale until staleFactor TTLs after it
// expired; older entries are recomputed while the caller waits.
const staleFactor = 6

// refreshTimeout bounds a background refresh.
const refreshTimeout = 30 * time.Second

type cacheState int

const (
	cacheMiss cacheState = iota
	cacheFresh
	cacheStale        // someone else is refreshing it
	cacheStaleRefresh // the caller must refresh it
)

func newTTLCache(ttl time.Duration, max int, now func() time.Time) *ttlCache {
	return &ttlCache{ttl: ttl, max: max, now: now, items: make(map[string]*cacheItem)}
}

func (c *ttlCache) lookup(key string) (any, cacheState) {
	if c.ttl < 0 {
		return nil, cacheMiss
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	it, ok := c.items[key]
	now := c.now()
	switch {
	case !ok || now.After(it.expires.Add(staleFactor*c.ttl)):
		return nil, cacheMiss
	case !now.After(it.expires):
		return it.value, cacheFresh
	case it.refreshing:
		return it.value, cacheStale
	}
	it.refreshing = true
	return it.value, cacheStaleRefresh
}

func (c *ttlCache) put(key string, v any) {
	if c.ttl < 0 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.items) >= c.max {
		c.evictOld()
	}
	if len(c.items) >= c.max {
		// Still full of live entries: start over rather than track LRU
		// order; the cache refills within one TTL.
		clear(c.items)
	}
	c.items[key] = &cacheItem{value: v, expires: c.now().Add(c.ttl)}
}

func (c *ttlCache) refreshFailed(key string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if it, ok := c.items[key]; ok {
		it.refreshing = false
	}
}

func (c *ttlCache) evictOld() {
	now := c.now()
	for k, it := range c.items {
		if now.After(it.expires) {
			delete(c.items, k)
		}
	}
}

// cached returns the cached value for key, computing it on a miss. A stale
// value is returned at once while compute refreshes it in the background,
// on a context that outlives the request but not refreshTimeout.
func cached[T any](ctx context.Context, c *ttlCache, key string, compute func(context.Context) (T, error)) (T, error) {
	v, state := c.lookup(key)
	switch state {
	case cacheFresh, cacheStale:
		return v.(T), nil
	case cacheStaleRefresh:
		go func() {
			bg, cancel := context.WithTimeout(context.WithoutCancel(ctx), refreshTimeout)
			defer cancel()
			if nv, err := compute(bg); err == nil {
				c.put(key, nv)
			} else {
				c.refreshFailed(key)
			}
		}()
		return v.(T), nil
	}
	nv, err := compute(ctx)
	if err == nil {
		c.put(key, nv)
	}
	return nv, err
}
