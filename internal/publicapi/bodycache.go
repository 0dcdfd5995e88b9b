package publicapi

import (
	"time"

	"github.com/zumodra/zumodra/internal/ttlcache"
)

// bodyCache keeps encoded response bodies and their ETags by request URI
// for a second or two. Under load the catalog already answers from its own
// cache, and encoding the same JSON and hashing it for every request was
// then most of the work (over half the CPU of a cached search).
type bodyCache = ttlcache.Cache[string, cachedBody]

type cachedBody struct {
	body []byte
	etag string
}

const maxCachedBodies = 1024 // at ~20 KB a list page: about 20 MB at most

// newBodyCache returns nil (off) for a negative ttl.
func newBodyCache(ttl time.Duration) *bodyCache {
	return ttlcache.New[string, cachedBody](ttlcache.Options{TTL: ttl, Max: maxCachedBodies})
}
