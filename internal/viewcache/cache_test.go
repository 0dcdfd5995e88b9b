package viewcache

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

// A 200 is stored under the key its run returns and served with its ETag;
// a matching If-None-Match gets 304 without a body; an error is written
// but never stored.
func TestServeStoresOnly200s(t *testing.T) {
	c := New(0, 10, 1<<20)
	runs := 0
	run := func(status int) func(http.ResponseWriter, *http.Request) string {
		return func(w http.ResponseWriter, r *http.Request) string {
			runs++
			w.Header().Set("Content-Type", "text/plain")
			w.WriteHeader(status)
			_, _ = w.Write([]byte("body"))
			return "k"
		}
	}
	serve := func(key string, status int, inm string) *httptest.ResponseRecorder {
		r := httptest.NewRequest(http.MethodGet, "/", nil)
		if inm != "" {
			r.Header.Set("If-None-Match", inm)
		}
		w := httptest.NewRecorder()
		c.Serve(w, r, key, run(status))
		return w
	}
	if w := serve("k", http.StatusNotFound, ""); w.Code != http.StatusNotFound || w.Header().Get("ETag") != "" {
		t.Fatalf("error: %d %v", w.Code, w.Header())
	}
	first := serve("k", http.StatusOK, "")
	if first.Code != http.StatusOK || first.Body.String() != "body" || first.Header().Get("ETag") != ETag([]byte("body")) {
		t.Fatalf("first 200: %d %q %v", first.Code, first.Body, first.Header())
	}
	if runs != 2 {
		t.Fatalf("the error was stored: %d runs", runs)
	}
	if w := serve("k", http.StatusOK, `W/"x", `+first.Header().Get("ETag")); w.Code != http.StatusNotModified || w.Body.Len() != 0 || runs != 2 {
		t.Fatalf("revalidation from the cache: %d %q after %d runs", w.Code, w.Body, runs)
	}
	if w := serve("other", http.StatusOK, `"stale"`); w.Code != http.StatusOK || runs != 3 {
		t.Fatalf("another key: %d after %d runs", w.Code, runs)
	}
	var none *Cache
	r := httptest.NewRequest(http.MethodGet, "/", nil)
	r.Header.Set("If-None-Match", "*")
	w := httptest.NewRecorder()
	none.Serve(w, r, "k", run(http.StatusOK))
	if w.Code != http.StatusNotModified {
		t.Fatalf("a nil cache still answers conditional requests: %d", w.Code)
	}
}

// A stored body is the cache's own: the buffer a response was built in is
// recycled for the next ones, and what they write never shows in it.
func TestStoredBodiesOutliveTheirBuffer(t *testing.T) {
	c := New(0, 10, 1<<20)
	serve := func(key, body string) string {
		w := httptest.NewRecorder()
		c.Serve(w, httptest.NewRequest(http.MethodGet, "/", nil), key, func(w http.ResponseWriter, _ *http.Request) string {
			_, _ = w.Write([]byte(body))
			return key
		})
		return w.Body.String()
	}
	serve("a", "first body")
	for i := range 50 {
		serve("b"+string(rune('a'+i%5)), "another body, written over the recycled buffer")
	}
	if got := serve("a", "not run: served from the cache"); got != "first body" {
		t.Fatalf("the stored body became %q", got)
	}
}

// The bodies kept fit in the cache's bytes whatever their number: one
// more evicts others, and one larger than all of them is served but not
// kept.
func TestBodiesBoundedInBytes(t *testing.T) {
	c := New(0, 10, 100)
	runs := map[string]int{}
	serve := func(key string, size int) {
		w := httptest.NewRecorder()
		c.Serve(w, httptest.NewRequest(http.MethodGet, "/", nil), key, func(w http.ResponseWriter, _ *http.Request) string {
			runs[key]++
			_, _ = w.Write(make([]byte, size))
			return key
		})
		if w.Code != http.StatusOK || w.Body.Len() != size {
			t.Fatalf("%s: %d, %d bytes", key, w.Code, w.Body.Len())
		}
	}
	serve("a", 60)
	serve("a", 60)
	if runs["a"] != 1 {
		t.Fatalf("a body within the bytes was not kept: %d runs", runs["a"])
	}
	serve("b", 60) // 120 bytes with a: a goes
	serve("b", 60)
	serve("a", 60)
	if runs["b"] != 1 || runs["a"] != 2 {
		t.Fatalf("two bodies past the bytes were kept: runs %v", runs)
	}
	serve("huge", 101)
	serve("huge", 101)
	if runs["huge"] != 2 {
		t.Fatalf("a body past the bytes was kept: %d runs", runs["huge"])
	}
}
