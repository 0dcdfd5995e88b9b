package ttlcache

import (
	"context"
	"time"
)

// refreshTimeout bounds a background refresh.
const refreshTimeout = 30 * time.Second

type state int

const (
	miss         state = iota
	fresh              // within its TTL
	stale              // past it, someone else is refreshing it
	staleRefresh       // past it, the caller must refresh it
)

// Fetch returns the value for key, computing it on a miss (an error is
// returned, never stored). Within the stale window an old value is returned
// at once while one caller's compute refreshes it in the background, on a
// context that outlives the request but not refreshTimeout.
func (c *Cache[K, V]) Fetch(ctx context.Context, key K, compute func(context.Context) (V, error)) (V, error) {
	v, st := c.lookup(key)
	switch st {
	case fresh, stale:
		return v, nil
	case staleRefresh:
		go c.refresh(ctx, key, compute)
		return v, nil
	}
	nv, err := compute(ctx)
	if err == nil {
		c.Put(key, nv)
	}
	return nv, err
}

func (c *Cache[K, V]) refresh(ctx context.Context, key K, compute func(context.Context) (V, error)) {
	bg, cancel := context.WithTimeout(context.WithoutCancel(ctx), refreshTimeout)
	defer cancel()
	if nv, err := compute(bg); err == nil {
		c.Put(key, nv)
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if it, ok := c.items[key]; ok {
		it.refreshing = false
	}
}

// lookup finds key and, for a stale entry no one refreshes, makes the
// caller its one refresher.
func (c *Cache[K, V]) lookup(key K) (V, state) {
	var zero V
	if c == nil {
		return zero, miss
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	it, ok := c.items[key]
	now := c.opts.Now()
	switch {
	case !ok || !now.Before(it.expires.Add(c.opts.Stale)):
		return zero, miss
	case now.Before(it.expires):
		return it.value, fresh
	case it.refreshing:
		return it.value, stale
	}
	it.refreshing = true
	return it.value, staleRefresh
}
