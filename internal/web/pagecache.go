package web

import (
	"bytes"
	"cmp"
	"context"
	"net/http"
	"time"

	"github.com/zumodra/zumodra/internal/ttlcache"
)

// pageCache keeps rendered pages for a couple of seconds. Under load the
// same few listings are asked for many times a second, and rendering is
// most of a cached catalog page's cost; a short TTL keeps what visitors
// see within seconds of the catalog. Each process has its own: a cache,
// not state processes must share.
type pageCache = ttlcache.Cache[string, []byte]

// maxCachedPages bounds memory: a page is 20 to 80 KB.
const maxCachedPages = 256

// newPageCache returns nil (off) for a negative ttl; 0 means 2 s.
func newPageCache(ttl time.Duration, now func() time.Time) *pageCache {
	ttl = cmp.Or(ttl, 2*time.Second)
	return ttlcache.New[string, []byte](ttlcache.Options{TTL: ttl, Max: maxCachedPages, Now: now})
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
		if body, ok := h.cache.Get(key); ok {
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
		h.cache.Put(key, bytes.Clone(body))
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
