package ttlcache

import (
	"sync"
	"time"
)

// Options configure a Cache.
type Options struct {
	TTL   time.Duration    // how long an entry is fresh; negative disables the cache
	Stale time.Duration    // how long past its TTL Fetch may still serve an entry
	Max   int              // entries kept at most
	Now   func() time.Time // the clock; time.Now when nil
}

// Cache maps keys to values that expire. A nil *Cache is a disabled cache:
// it holds nothing and Fetch always computes.
type Cache[K comparable, V any] struct {
	mu    sync.Mutex
	opts  Options
	items map[K]*entry[V]
}

type entry[V any] struct {
	value      V
	expires    time.Time
	refreshing bool // a Fetch is refreshing it in the background
}

// New returns a cache, or nil (disabled) when o.TTL is negative.
func New[K comparable, V any](o Options) *Cache[K, V] {
	if o.TTL < 0 {
		return nil
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return &Cache[K, V]{opts: o, items: make(map[K]*entry[V])}
}

// Get returns the fresh value for key.
func (c *Cache[K, V]) Get(key K) (V, bool) {
	var zero V
	if c == nil {
		return zero, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	it, ok := c.items[key]
	if !ok || !c.opts.Now().Before(it.expires) {
		return zero, false
	}
	return it.value, true
}

// Put stores v for key, fresh for the TTL from now.
func (c *Cache[K, V]) Put(key K, v V) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	now := c.opts.Now()
	if _, ok := c.items[key]; !ok && len(c.items) >= c.opts.Max {
		c.makeRoom(now)
	}
	c.items[key] = &entry[V]{value: v, expires: now.Add(c.opts.TTL)}
}

// makeRoom drops the entries past their TTL and, when all are fresh, any
// one (map order is random) rather than track recency: a cache refills
// within one TTL.
func (c *Cache[K, V]) makeRoom(now time.Time) {
	for k, it := range c.items {
		if !now.Before(it.expires) {
			delete(c.items, k)
		}
	}
	for k := range c.items {
		if len(c.items) < c.opts.Max {
			break
		}
		delete(c.items, k)
	}
}
