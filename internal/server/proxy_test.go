package server

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/zumodra/zumodra/internal/httpx"
)

// Behind a trusted proxy the visitor's scheme and address count: HSTS and
// the admin cookie's Secure flag follow X-Forwarded-Proto, rate limits go
// per visitor; the same headers from anyone else change nothing. Without a
// base URL canonical links use only allowed hosts.
func TestBehindATrustedProxy(t *testing.T) {
	t.Parallel()
	s, ln := newServer(t, nil)
	ln.Close()
	ps, err := httpx.ParseProxies("10.0.0.0/8")
	if err != nil {
		t.Fatal(err)
	}
	s.Config.TrustedProxies, s.Config.AdminToken, s.Config.HTTP.APIRateLimit = ps, "tok", 1
	h, err := s.Handler()
	if err != nil {
		t.Fatal(err)
	}
	req := func(method, path, remote, xff string, body url.Values) *httptest.ResponseRecorder {
		r := httptest.NewRequest(method, path, strings.NewReader(body.Encode()))
		r.RemoteAddr = remote
		r.Header.Set("X-Forwarded-For", xff)
		r.Header.Set("X-Forwarded-Proto", "https")
		if body != nil {
			r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		return w
	}
	login := url.Values{"token": {"tok"}}
	for _, tc := range []struct {
		remote string
		secure bool
	}{{"10.0.0.5:443", true}, {"203.0.113.7:5000", false}} {
		w := req(http.MethodPost, "/admin/login", tc.remote, "198.51.100.1", login)
		cookie := w.Header().Get("Set-Cookie")
		if !strings.Contains(cookie, "zumodra_admin=") || strings.Contains(cookie, "Secure") != tc.secure {
			t.Errorf("login from %s: Set-Cookie %q, want Secure %v", tc.remote, cookie, tc.secure)
		}
		if hsts := w.Header().Get("Strict-Transport-Security") != ""; hsts != tc.secure {
			t.Errorf("login from %s: HSTS %v, want %v", tc.remote, hsts, tc.secure)
		}
	}
	for _, tc := range []struct {
		remote, xff string
		want        int
	}{
		{"10.0.0.5:1", "198.51.100.1", http.StatusOK},
		{"10.0.0.5:1", "198.51.100.1", http.StatusTooManyRequests},
		{"10.0.0.5:1", "198.51.100.2", http.StatusOK}, // another visitor, same proxy
		{"203.0.113.7:1", "198.51.100.3", http.StatusOK},
		{"203.0.113.7:1", "198.51.100.4", http.StatusTooManyRequests}, // a direct client cannot pick buckets
	} {
		if w := req(http.MethodGet, "/api/v1/careers/stats", tc.remote, tc.xff, nil); w.Code != tc.want {
			t.Errorf("API from %s for %s: %d, want %d", tc.remote, tc.xff, w.Code, tc.want)
		}
	}
	for host, want := range map[string]string{"localhost:8002": "https://localhost:8002/careers/", "evil.example": "https://localhost:8002/careers/"} {
		r := httptest.NewRequest(http.MethodGet, "/careers/", nil)
		r.Host, r.RemoteAddr = host, "10.0.0.5:1"
		r.Header.Set("X-Forwarded-Proto", "https")
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		if body := w.Body.String(); !strings.Contains(body, `<link rel="canonical" href="`+want+`">`) || strings.Contains(body, "evil.example") {
			t.Errorf("Host %s: want canonical %s", host, want)
		}
	}
}
