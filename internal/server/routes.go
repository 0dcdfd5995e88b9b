package server

import (
	"fmt"
	"net/http"
	"time"

	"github.com/zumodra/zumodra/internal/admin"
	"github.com/zumodra/zumodra/internal/catalog"
	"github.com/zumodra/zumodra/internal/httpx"
	"github.com/zumodra/zumodra/internal/intake"
	"github.com/zumodra/zumodra/internal/metrics"
	"github.com/zumodra/zumodra/internal/openapi"
	"github.com/zumodra/zumodra/internal/ops"
	"github.com/zumodra/zumodra/internal/publicapi"
	"github.com/zumodra/zumodra/internal/tenantapi"
	"github.com/zumodra/zumodra/internal/web"
)

// Handler is the whole site: every HTTP package's routes on one mux,
// wrapped in the shared middleware (outermost first: log and measure, so a
// recovered panic counts as the 500 it became; recover; security headers).
func (s *Server) Handler() (http.Handler, error) {
	if s.mux == nil {
		mux := http.NewServeMux()
		if err := s.mount(mux); err != nil {
			return nil, err
		}
		s.mux = mux
	}
	return httpx.Chain(s.mux,
		httpx.Observe(s.Log),
		httpx.Recover(s.Log),
		httpx.SecurityHeaders(""),
	), nil
}

// mount registers the routes of every HTTP package, one line (or one
// constructor and one line) each; a package is added here when it lands,
// never as a placeholder.
func (s *Server) mount(mux *http.ServeMux) error {
	lim, ttl := s.Config.HTTP, resultTTL(s.Config.HTTP.ResultCache)
	cat := catalog.New(s.Pool, catalog.Options{CacheTTL: ttl})
	in := intake.New(s.Pool, s.Log).WithDuplicateWindow(s.Config.Reverse.DuplicateWindow)
	site, err := web.New(web.Config{BaseURL: s.Config.BaseURL, PageCacheTTL: ttl,
		FormLimiter: perClient(lim.FormRateLimit, lim.FormRateLimit/2)}, cat, in, s.Log)
	if err != nil {
		return fmt.Errorf("public site: %w", err)
	}
	site.Routes(mux)
	publicapi.New(cat, publicapi.Options{Log: s.Log, BodyTTL: ttl,
		Limiter: perClient(lim.APIRateLimit, lim.APIRateLimit/10)}).Routes(mux)
	tenantapi.New(s.Pool, s.Log, tenantapi.WithIntake(in)).Routes(mux)
	openapi.Routes(mux)
	admin.New(s.Pool, s.Log, admin.Options{Token: s.Config.AdminToken, Metrics: s.metrics()}).Routes(mux) // and /healthz, /readyz
	return nil
}

// metrics serves this server's registry: the process's own metrics and the
// database state read through its pool, so that two servers in one process
// each report their own database.
func (s *Server) metrics() http.Handler {
	reg := metrics.NewRegistry()
	reg.MustRegister(ops.NewCollector(s.Pool, s.Log))
	return metrics.Handler(reg)
}

// resultTTL is the lifetime handed to every result cache of the read path:
// 0 keeps each cache's own default, negative turns it off.
func resultTTL(on bool) time.Duration {
	if on {
		return 0
	}
	return -1
}

// perClient is a per-client limiter of perMinute requests, or nil (no
// limit) when perMinute is 0.
func perClient(perMinute, burst int) *httpx.RateLimiter {
	if perMinute <= 0 {
		return nil
	}
	return httpx.NewRateLimiter(float64(perMinute), max(burst, 1))
}

// Serves reports whether a GET of path reaches a route (after Handler was
// built), so that `demo` prints only the addresses that exist.
func (s *Server) Serves(path string) bool {
	if s.mux == nil {
		return false
	}
	req, err := http.NewRequest(http.MethodGet, path, nil)
	if err != nil {
		return false
	}
	_, pattern := s.mux.Handler(req)
	return pattern != ""
}
