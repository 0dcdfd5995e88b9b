package viewcache

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/zumodra/zumodra/internal/httpx"
)

// Pages hold absolute links built from the scheme and host they were asked
// on, so a page kept for http:// or for one host is never served for
// https:// or another; HEAD and GET, and different queries, are kept apart.
func TestRequestKeySeparatesWhatAPageDependsOn(t *testing.T) {
	ps, err := httpx.ParseProxies("10.0.0.0/8")
	if err != nil {
		t.Fatal(err)
	}
	keyOf := func(method, host, target, proto string) string {
		var key string
		h := httpx.RealClient(ps)(http.HandlerFunc(func(_ http.ResponseWriter, r *http.Request) { key = requestKey(r) }))
		r := httptest.NewRequest(method, target, nil)
		r.Host, r.RemoteAddr = host, "10.0.0.5:1"
		if proto != "" {
			r.Header.Set("X-Forwarded-Proto", proto)
		}
		h.ServeHTTP(httptest.NewRecorder(), r)
		return key
	}
	base := keyOf("GET", "jobs.example", "/careers/?q=go", "")
	if base != keyOf("GET", "jobs.example", "/careers/?q=go", "") {
		t.Fatal("the same request gets two keys")
	}
	for name, other := range map[string]string{
		"https":  keyOf("GET", "jobs.example", "/careers/?q=go", "https"),
		"host":   keyOf("GET", "other.example", "/careers/?q=go", ""),
		"method": keyOf("HEAD", "jobs.example", "/careers/?q=go", ""),
		"query":  keyOf("GET", "jobs.example", "/careers/?q=rust", ""),
		"path":   keyOf("GET", "jobs.example", "/careers/?q=go%20", ""),
	} {
		if other == base {
			t.Errorf("a request differing by %s shares the key %q", name, base)
		}
	}
}
