package server

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

// The per-client limits of the public API and of the public forms come from
// the configuration: a low limit refuses the client's second request at
// once, 0 refuses none (a form post for a job that is not public is
// answered 410 when the limit lets it through).
func TestRateLimitsFollowTheConfiguration(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name     string
		method   string
		path     string
		perMin   int
		requests int
		want429  bool
	}{
		{"api limited", http.MethodGet, "/api/v1/careers/stats", 2, 2, true},
		{"api off", http.MethodGet, "/api/v1/careers/stats", 0, 100, false},
		{"forms limited", http.MethodPost, "/careers/jobs/999999/apply", 2, 2, true},
		{"forms off", http.MethodPost, "/careers/jobs/999999/apply", 0, 20, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s, ln := newServer(t, nil)
			ln.Close()
			s.Config.HTTP.APIRateLimit, s.Config.HTTP.FormRateLimit = tc.perMin, tc.perMin
			h, err := s.Handler()
			if err != nil {
				t.Fatal(err)
			}
			limited := false
			for range tc.requests {
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, httptest.NewRequest(tc.method, tc.path, nil))
				switch rec.Code {
				case http.StatusOK, http.StatusNotFound, http.StatusGone:
				case http.StatusTooManyRequests:
					limited = true
				default:
					t.Fatalf("status %d", rec.Code)
				}
			}
			if limited != tc.want429 {
				t.Fatalf("limit %d over %d requests: limited %v, want %v", tc.perMin, tc.requests, limited, tc.want429)
			}
		})
	}
}
