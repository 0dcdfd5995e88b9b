package server

import (
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/zumodra/zumodra/internal/config"
	"github.com/zumodra/zumodra/internal/openapi/openapitest"
	"github.com/zumodra/zumodra/internal/testdb"
)

// fallbackSite serves the whole handler over real HTTP, the public API
// limited to one request a minute per client.
func fallbackSite(t *testing.T) *httptest.Server {
	t.Helper()
	cfg := config.Default()
	cfg.HTTP.APIRateLimit = 1
	h, err := (&Server{Config: cfg, Pool: testdb.New(t), Log: slog.New(slog.DiscardHandler)}).Handler()
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(openapitest.Handler(t, h)) // every /api/ answer held to the document
	t.Cleanup(srv.Close)
	return srv
}

func call(t *testing.T, srv *httptest.Server, method, path string, header ...string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(method, srv.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

// What no route takes gets the site's page, or a problem document under
// /api/, never Go's plain-text 404 or 405; a 405 says what the path takes.
func TestUnroutedRequestsGetTheSitesAnswers(t *testing.T) {
	t.Parallel()
	srv := fallbackSite(t)
	cases := []struct {
		method, path string
		status       int
		ctype, allow string
		body         string
	}{
		{"GET", "/no-such-page/", 404, "text/html", "", "<h1 id=\"message-title\">Page not found</h1>"},
		{"GET", "/careers/jobs/1/no-such-part/", 404, "text/html", "", "Page not found"},
		{"GET", "/static/missing.css", 404, "text/html", "", "Page not found"},
		{"POST", "/careers/", 405, "text/html", "GET, HEAD", "That cannot be done here"},
		{"DELETE", "/browse-freelancers/", 405, "text/html", "GET, HEAD", "That cannot be done here"},
		{"GET", "/api/v1/anything-unknown", 404, "application/problem+json", "", `"status":404`},
		{"GET", "/api/", 404, "application/problem+json", "", "/api/openapi.json"},
		{"POST", "/api/v1/careers/stats", 405, "application/problem+json", "GET, HEAD, OPTIONS", `"status":405`},
		{"PUT", "/api/openapi.json", 405, "application/problem+json", "GET, HEAD", "this path takes only GET, HEAD"},
		{"OPTIONS", "/careers/", 204, "", "GET, HEAD", ""},
		{"OPTIONS", "/api/v1/nothing-here", 404, "application/problem+json", "", `"status":404`},
		{"DELETE", "/api/v1/tenant/jobs", 405, "application/problem+json", "GET, HEAD, POST", `"status":405`},
	}
	for _, c := range cases {
		t.Run(c.method+" "+c.path, func(t *testing.T) {
			resp, body := call(t, srv, c.method, c.path)
			if resp.StatusCode != c.status {
				t.Fatalf("status %d, want %d: %.300s", resp.StatusCode, c.status, body)
			}
			if got := resp.Header.Get("Content-Type"); !strings.HasPrefix(got, c.ctype) {
				t.Errorf("Content-Type %q, want %s", got, c.ctype)
			}
			if got := resp.Header.Get("Allow"); got != c.allow {
				t.Errorf("Allow %q, want %q", got, c.allow)
			}
			if !strings.Contains(body, c.body) {
				t.Errorf("body lacks %q: %.400s", c.body, body)
			}
			if c.ctype == "application/problem+json" {
				var p map[string]any
				if err := json.Unmarshal([]byte(body), &p); err != nil || p["status"] != float64(c.status) {
					t.Errorf("not a problem document of status %d: %v %s", c.status, err, body)
				}
			}
			if c.ctype == "text/html" && !strings.Contains(body, `<html lang="en">`) {
				t.Error("not the site's page")
			}
		})
	}
}

// HEAD of an unknown page: the 404's headers without a body.
func TestUnroutedHeadHasNoBody(t *testing.T) {
	t.Parallel()
	resp, body := call(t, fallbackSite(t), "HEAD", "/no-such-page/")
	if resp.StatusCode != 404 || body != "" || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
		t.Fatalf("HEAD: %d %q %q", resp.StatusCode, resp.Header.Get("Content-Type"), body)
	}
}

// /favicon.ico is the site's icon, an ICO file, whatever a page links.
func TestFaviconIsServed(t *testing.T) {
	t.Parallel()
	resp, body := call(t, fallbackSite(t), "GET", "/favicon.ico")
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "image/x-icon" || !strings.HasPrefix(body, "\x00\x00\x01\x00") {
		t.Fatalf("favicon: %d %q %q", resp.StatusCode, resp.Header.Get("Content-Type"), body[:min(len(body), 8)])
	}
	if resp.Header.Get("Cache-Control") != "public, max-age=86400" {
		t.Errorf("Cache-Control %q", resp.Header.Get("Cache-Control"))
	}
}

// A client over its API limit still gets its CORS preflights answered: a
// browser reports a refused preflight as a CORS failure, not as a 429.
func TestPreflightsAreNeverRateLimited(t *testing.T) {
	t.Parallel()
	srv := fallbackSite(t)
	limited := false
	for range 3 {
		if resp, _ := call(t, srv, "GET", "/api/v1/careers/stats"); resp.StatusCode == http.StatusTooManyRequests {
			limited = true
		}
	}
	if !limited {
		t.Fatal("the API limit of one a minute never answered 429")
	}
	for range 5 {
		resp, body := call(t, srv, "OPTIONS", "/api/v1/careers/jobs",
			"Origin", "https://elsewhere.example", "Access-Control-Request-Method", "GET")
		if resp.StatusCode != http.StatusNoContent || resp.Header.Get("Access-Control-Allow-Origin") != "*" {
			t.Fatalf("preflight: %d %q %s", resp.StatusCode, resp.Header.Get("Access-Control-Allow-Origin"), body)
		}
	}
}
