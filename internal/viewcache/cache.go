package viewcache

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"strings"
	"time"

	"github.com/zumodra/zumodra/internal/httpx"
	"github.com/zumodra/zumodra/internal/ttlcache"
)

// CacheControl is the Cache-Control of every public 200, pages and API:
// anyone may keep it, and revalidates it on every use (a 304 while it is
// unchanged), so no copy outlives a catalog change.
const CacheControl = "public, max-age=0, must-revalidate"

// DefaultTTL bounds an entry's life when the catalog does not change.
const DefaultTTL = 30 * time.Second

// entry is one stored 200.
type entry struct {
	header http.Header
	body   []byte
	etag   string
}

// Cache maps keys to whole 200 responses. A nil *Cache stores nothing but
// still answers conditional requests.
type Cache struct {
	c *ttlcache.Cache[string, *entry]
}

// New returns a cache of at most max responses and maxBytes of their
// bodies, each kept at most ttl (0: DefaultTTL), or nil (nothing stored)
// for a negative ttl. The bytes are bounded as well as the count because
// responses differ a thousandfold: a sitemap file is over a megabyte, and
// with a catalog changing many times a second every entry could be a
// superseded version of one.
func New(ttl time.Duration, max int, maxBytes int64) *Cache {
	if ttl < 0 {
		return nil
	}
	if ttl == 0 {
		ttl = DefaultTTL
	}
	return &Cache{c: ttlcache.New[string, *entry](ttlcache.Options{TTL: ttl, Max: max, MaxCost: maxBytes})}
}

// Serve answers r from the response stored under key or, on a miss, runs
// run into a buffer and writes what it produced. A 200 is stored under the
// key run returns ("" for none): the key of the state it actually showed.
func (c *Cache) Serve(w http.ResponseWriter, r *http.Request, key string, run func(http.ResponseWriter, *http.Request) string) {
	if c != nil && key != "" {
		if e, ok := c.c.Get(key); ok {
			e.write(w, r)
			return
		}
	}
	rec := &recorder{header: http.Header{}, status: http.StatusOK, body: httpx.GetBuffer()}
	defer httpx.PutBuffer(rec.body)
	storeKey := run(rec, r)
	if rec.status != http.StatusOK {
		rec.flush(w)
		return
	}
	e := &entry{header: rec.header, body: rec.body.Bytes()}
	e.etag = ETag(e.body)
	if c != nil && storeKey != "" {
		e.body = bytes.Clone(e.body) // kept: not the recycled buffer's
		c.c.PutCost(storeKey, e, int64(len(e.body)))
	}
	e.write(w, r)
}

func (e *entry) write(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	for k, v := range e.header {
		h[k] = v
	}
	h.Set("ETag", e.etag)
	if ETagMatches(r.Header.Get("If-None-Match"), e.etag) {
		h.Del("Content-Type")
		h.Del("Content-Length")
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(e.body)
}

// ETag is the strong validator of an exact body.
func ETag(body []byte) string {
	sum := sha256.Sum256(body)
	return `"` + base64.RawURLEncoding.EncodeToString(sum[:18]) + `"`
}

// ETagMatches applies If-None-Match's weak comparison (RFC 9110 13.1.2):
// "*" or any listed tag equal to etag once W/ is ignored.
func ETagMatches(header, etag string) bool {
	if header == "" {
		return false
	}
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimPrefix(strings.TrimSpace(t), "W/")
		if t == "*" || t == strings.TrimPrefix(etag, "W/") {
			return true
		}
	}
	return false
}

// recorder buffers a response so that it can be stored, and written only
// after the snapshot that computed it has ended.
type recorder struct {
	header http.Header
	status int
	wrote  bool
	body   *bytes.Buffer
}

func (r *recorder) Header() http.Header { return r.header }

func (r *recorder) WriteHeader(status int) {
	if !r.wrote {
		r.status, r.wrote = status, true
	}
}

func (r *recorder) Write(p []byte) (int, error) {
	r.wrote = true
	return r.body.Write(p)
}

func (r *recorder) flush(w http.ResponseWriter) {
	h := w.Header()
	for k, v := range r.header {
		h[k] = v
	}
	w.WriteHeader(r.status)
	_, _ = w.Write(r.body.Bytes())
}
