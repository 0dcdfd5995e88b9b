package server

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

// The public API's per-client limit comes from the configuration: a low
// limit refuses the client's second request at once, 0 refuses none.
func TestAPIRateLimitFollowsTheConfiguration(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name     string
		perMin   int
		requests int
		want429  bool
	}{
		{"limited", 2, 2, true},
		{"off", 0, 100, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s, ln := newServer(t, nil)
			ln.Close()
			s.Config.HTTP.APIRateLimit = tc.perMin
			h, err := s.Handler()
			if err != nil {
				t.Fatal(err)
			}
			limited := false
			for range tc.requests {
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/api/v1/careers/stats", nil))
				switch rec.Code {
				case http.StatusOK:
				case http.StatusTooManyRequests:
					limited = true
				default:
					t.Fatalf("status %d", rec.Code)
				}
			}
			if limited != tc.want429 {
				t.Fatalf("--api-rate-limit=%d over %d requests: limited %v, want %v", tc.perMin, tc.requests, limited, tc.want429)
			}
		})
	}
}
