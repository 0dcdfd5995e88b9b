package catalog

import (
	"sync"
	"time"
)

// ttlCache keeps expensive aggregate results (facets, totals, browse lists)
// for a few seconds. It is per process and only an optimisation: every
// process computes the same answers from the database, so nothing needs to
// be shared between processes.
type ttlCache struct {
	mu    sync.Mutex
	ttl   time.Duration
	max   int
	now   func() time.Time
	items map[string]cacheItem
}

type cacheItem struct {
	value   any
	expires time.Time
}

func newTTLCache(ttl time.Duration, max int, now func() time.Time) *ttlCache {
	return &ttlCache{ttl: ttl, max: max, now: now, items: make(map[string]cacheItem)}
}

func (c *ttlCache) get(key string) (any, bool) {
	if c.ttl < 0 {
		return nil, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	it, ok := c.items[key]
	if !ok || c.now().After(it.expires) {
		return nil, false
	}
	return it.value, true
}

func (c *ttlCache) put(key string, v any) {
	if c.ttl < 0 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.items) >= c.max {
		c.evictExpired()
	}
	if len(c.items) >= c.max {
		// Still full of live entries: start over rather than track LRU
		// order; the cache refills within one TTL.
		clear(c.items)
	}
	c.items[key] = cacheItem{value: v, expires: c.now().Add(c.ttl)}
}

func (c *ttlCache) evictExpired() {
	now := c.now()
	for k, it := range c.items {
		if now.After(it.expires) {
			delete(c.items, k)
		}
	}
}

// cached returns the cached value for key or computes and stores it.
func cached[T any](c *ttlCache, key string, compute func() (T, error)) (T, error) {
	if v, ok := c.get(key); ok {
		return v.(T), nil
	}
	v, err := compute()
	if err != nil {
		return v, err
	}
	c.put(key, v)
	return v, nil
}
