package web

import (
	"bytes"
	"context"
	"net/http"
	"sync"
	"time"
)

// pageCache keeps rendered pages for a couple of seconds. Under load the
// same few listings are asked for many times a second, and rendering is
// most of a cached catalog page's cost; a short TTL keeps what visitors
// see within seconds of the catalog. Each process has its own: a cache,
// not state processes must share.
type pageCache struct {
	ttl   time.Duration
	max   int
	now   func() time.Time
	mu    sync.Mutex
	items map[string]cachedPage
}

type cachedPage struct {
	body    []byte
	expires time.Time
}

// maxCachedPages bounds memory: a page is 20 to 80 KB.
const maxCachedPages = 256

func newPageCache(ttl time.Duration, now func() time.Time) *pageCache {
	if ttl < 0 {
		return nil
	}
	if ttl == 0 {
		ttl = 2 * time.Second
	}
	return &pageCache{ttl: ttl, max: maxCachedPages, now: now, items: map[string]cachedPage{}}
}

func (c *pageCache) get(key string) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	p, ok := c.items[key]
	if !ok || !c.now().Before(p.expires) {
		return nil, false
	}
	return p.body, true
}

func (c *pageCache) put(key string, body []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	now := c.now()
	if len(c.items) >= c.max {
		for k, p := range c.items {
			if !now.Before(p.expires) {
				delete(c.items, k)
			}
		}
	}
	for k := range c.items { // still full: drop any one (map order is random)
		if len(c.items) < c.max {
			break
		}
		delete(c.items, k)
	}
	c.items[key] = cachedPage{body: body, expires: now.Add(c.ttl)}
}

type cacheKeyCtx struct{}

// cached answers GET pages from the cache, or marks the request so that
// render stores a 200 it produces. The key is the host (absolute links may
// come from it) and the full request URI.
func (h *Handler) cached(next http.HandlerFunc) http.HandlerFunc {
	if h.cache == nil {
		return next
	}
	return func(w http.ResponseWriter, r *http.Request) {
		key := r.Host + " " + r.URL.RequestURI()
		if body, ok := h.cache.get(key); ok {
			writeHTML(w, http.StatusOK, body)
			return
		}
		next(w, r.WithContext(context.WithValue(r.Context(), cacheKeyCtx{}, key)))
	}
}

// remember stores a copy of a rendered 200 page (body is a pooled buffer)
// when the request was marked.
func (h *Handler) remember(r *http.Request, status int, body []byte) {
	if key, ok := r.Context().Value(cacheKeyCtx{}).(string); ok && status == http.StatusOK && h.cache != nil {
		h.cache.put(key, bytes.Clone(body))
	}
}

func writeHTML(w http.ResponseWriter, status int, body []byte) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if w.Header().Get("Cache-Control") == "" {
		w.Header().Set("Cache-Control", cacheControl(status))
	}
	w.WriteHeader(status)
	_, _ = w.Write(body)
}
