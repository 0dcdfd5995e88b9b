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
	// MaxCost bounds the sum of the costs given to PutCost (0: unbounded),
	// so that a few large values cannot hold what Max allows of them.
	MaxCost int64
}

// Cache maps keys to values that expire. A nil *Cache is a disabled cache:
// it holds nothing and Fetch always computes.
type Cache[K comparable, V any] struct {
	mu    sync.Mutex
	opts  Options
	items map[K]*entry[V]
	cost  int64 // of the items
}

type entry[V any] struct {
	value      V
	expires    time.Time
	cost       int64
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

// Put stores v for key, fresh for the TTL from now, at no cost.
func (c *Cache[K, V]) Put(key K, v V) { c.PutCost(key, v, 0) }

// PutCost is Put for a value of the given cost (its size in bytes, say):
// entries are dropped until the costs fit in MaxCost, and a value costing
// more than MaxCost alone is not kept (nor is what key held before).
func (c *Cache[K, V]) PutCost(key K, v V, cost int64) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.remove(key) // even when v is not kept: the old value is not v
	if c.opts.MaxCost > 0 && cost > c.opts.MaxCost {
		return
	}
	now := c.opts.Now()
	if !c.fits(cost) {
		c.makeRoom(now, cost)
	}
	c.items[key] = &entry[V]{value: v, expires: now.Add(c.opts.TTL), cost: cost}
	c.cost += cost
}

func (c *Cache[K, V]) fits(cost int64) bool {
	return len(c.items) < c.opts.Max && (c.opts.MaxCost == 0 || c.cost+cost <= c.opts.MaxCost)
}

func (c *Cache[K, V]) remove(key K) {
	if it, ok := c.items[key]; ok {
		c.cost -= it.cost
		delete(c.items, key)
	}
}

// makeRoom drops the entries past their TTL and, while the new one still
// does not fit, any others (map order is random) rather than track
// recency: a cache refills within one TTL.
func (c *Cache[K, V]) makeRoom(now time.Time, cost int64) {
	for k, it := range c.items {
		if !now.Before(it.expires) {
			c.remove(k)
		}
	}
	for k := range c.items {
		if c.fits(cost) {
			break
		}
		c.remove(k)
	}
}
