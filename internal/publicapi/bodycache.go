package publicapi

import (
	"sync"
	"time"
)

// bodyCache keeps encoded response bodies and their ETags by request URI
// for a second or two. Under load the catalog already answers from its own
// cache, and encoding the same JSON and hashing it for every request was
// then most of the work (over half the CPU of a cached search).
type bodyCache struct {
	mu    sync.Mutex
	ttl   time.Duration
	max   int
	items map[string]cachedBody
}

type cachedBody struct {
	body    []byte
	etag    string
	expires time.Time
}

const maxCachedBodies = 1024 // at ~20 KB a list page: about 20 MB at most

func newBodyCache(ttl time.Duration) *bodyCache {
	return &bodyCache{ttl: ttl, max: maxCachedBodies, items: map[string]cachedBody{}}
}

func (c *bodyCache) get(key string, now time.Time) (cachedBody, bool) {
	if c.ttl < 0 {
		return cachedBody{}, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	b, ok := c.items[key]
	if !ok || now.After(b.expires) {
		return cachedBody{}, false
	}
	return b, true
}

func (c *bodyCache) put(key string, b cachedBody, now time.Time) {
	if c.ttl < 0 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.items) >= c.max {
		for k, it := range c.items {
			if now.After(it.expires) {
				delete(c.items, k)
			}
		}
		if len(c.items) >= c.max {
			clear(c.items)
		}
	}
	b.expires = now.Add(c.ttl)
	c.items[key] = b
}
