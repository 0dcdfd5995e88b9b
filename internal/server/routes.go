package server

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5/pgxpool"
	"net/http"
	"time"

	"github.com/zumodra/zumodra/internal/admin"
	"github.com/zumodra/zumodra/internal/catalog"
	"github.com/zumodra/zumodra/internal/changefeed"
	"github.com/zumodra/zumodra/internal/counts"
	"github.com/zumodra/zumodra/internal/database"
	"github.com/zumodra/zumodra/internal/httpx"
	"github.com/zumodra/zumodra/internal/intake"
	"github.com/zumodra/zumodra/internal/live"
	"github.com/zumodra/zumodra/internal/metrics"
	"github.com/zumodra/zumodra/internal/notify"
	"github.com/zumodra/zumodra/internal/openapi"
	"github.com/zumodra/zumodra/internal/ops"
	"github.com/zumodra/zumodra/internal/publicapi"
	"github.com/zumodra/zumodra/internal/replica"
	"github.com/zumodra/zumodra/internal/tenantapi"
	"github.com/zumodra/zumodra/internal/web"
	"github.com/zumodra/zumodra/internal/webhooks"
)

// Handler is the whole site: every HTTP package's routes on one mux,
// wrapped in the shared middleware (outermost first: the visitor's own
// address and scheme behind trusted proxies; log and measure, so a
// recovered panic counts as the 500 it became; recover; security headers;
// compression, then the pages' ETags, innermost so that compression sees
// every ETag and If-None-Match as the handler wrote and reads them);
// inside them all, the mux and the fallback for what it has no route for.
func (s *Server) Handler() (http.Handler, error) {
	if s.mux == nil {
		mux := http.NewServeMux()
		if err := s.mount(mux); err != nil {
			return nil, err
		}
		s.mux = mux
	}
	return httpx.Chain(httpx.Routed(s.mux, s.site.ErrorPage),
		httpx.RealClient(s.Config.TrustedProxies),
		httpx.Observe(s.Log),
		httpx.Recover(s.Log),
		httpx.Deadline(s.Config.HTTP.RequestTimeout, liveStream),
		httpx.SecurityHeaders(""),
		httpx.Compress(),
		httpx.ETag(),
	), nil
}

// liveStream tells the lists' live updates (web's /careers/live and
// /browse-freelancers/live), which stay open, from ordinary requests.
func liveStream(r *http.Request) bool {
	return r.Method == http.MethodGet && strings.HasSuffix(r.URL.Path, "/live")
}

// mount registers the routes of every HTTP package, one line (or one
// constructor and one line) each; a package is added here when it lands,
// never as a placeholder.
func (s *Server) mount(mux *http.ServeMux) error {
	lim, ttl := s.Config.HTTP, resultTTL(s.Config.HTTP.ResultCache)
	if s.Pools != nil && s.Pools.Replica != nil {
		s.replica = replica.NewMonitor(s.pool(database.RoleReady), s.Pools.Replica,
			replica.Options{MaxLag: s.Config.Read.MaxLag, Log: s.Log})
	}
	s.feed = changefeed.NewFollower(s.pool(database.RolePublic), changefeed.Options{Log: s.Log})
	s.live = live.NewHub(live.Options{Log: s.Log})
	cat := catalog.New(s.pool(database.RolePublic), catalog.Options{CacheTTL: ttl})
	s.catalog = cat
	s.counts = counts.New(s.pool(database.RoleWrite), counts.Options{Interval: s.Config.Counts.FlushInterval,
		Read: s.pool(database.RolePublic), Log: s.Log})
	in := intake.New(s.pool(database.RoleWrite), s.Log).WithDuplicateWindow(s.Config.Reverse.DuplicateWindow).WithCounter(s.counts).
		WithNotify(notify.Recorder{Mail: s.Config.Notify.SMTP.Enabled()})
	site, err := web.New(web.Config{BaseURL: s.Config.BaseURL, AllowedHosts: s.Config.CanonicalHosts(), PageCacheTTL: ttl, Feed: s.feed, Live: s.live,
		FormLimiter: perClient(lim.FormRateLimit, lim.FormRateLimit/2), Counts: s.counts,
		MapTiles: web.MapTiles{URL: s.Config.Map.URL, Attribution: s.Config.Map.Attribution}}, cat, in, s.Log)
	if err != nil {
		return fmt.Errorf("public site: %w", err)
	}
	site.Routes(mux)
	s.site = site
	publicapi.New(cat, publicapi.Options{Log: s.Log, BodyTTL: ttl, Feed: s.feed, Counts: s.counts,
		Limiter: perClient(lim.APIRateLimit, lim.APIRateLimit/10)}).Routes(mux)
	tenantapi.New(s.pool(database.RoleWrite), s.Log, tenantapi.WithIntake(in),
		tenantapi.WithWebhooks(notify.Endpoints{Guard: webhooks.Guard{AllowPrivate: s.Config.Notify.WebhookAllowPrivate}})).Routes(mux)
	openapi.Routes(mux)
	s.metricsH = guardMetrics(s.metrics(), s.Config.MetricsToken)
	var onMain http.Handler // /metrics on the site's address unless it has one of its own
	if s.Config.MetricsAddr == "" {
		onMain = s.metricsH
	}
	s.admin = admin.New(s.pool(database.RoleAdmin), s.Log, admin.Options{Token: s.Config.AdminToken, Metrics: onMain,
		ReadyPool: s.pool(database.RoleReady), ReadyChecks: s.readyChecks()})
	s.admin.Routes(mux) // and /healthz, /readyz
	return nil
}

// pool is the pool of role: Pools' when set, else the one Pool.
func (s *Server) pool(r database.Role) *pgxpool.Pool {
	if s.Pools == nil {
		return s.Pool
	}
	return s.Pools.For(r)
}

// metrics serves this server's registry: the process's own metrics and the
// database state read through its pool, so that two servers in one process
// each report their own database.
func (s *Server) metrics() http.Handler {
	reg := metrics.NewRegistry()
	reg.MustRegister(ops.NewCollector(s.pool(database.RoleAdmin), s.Log))
	reg.MustRegister(metrics.NewCountsPending(s.counts.Pending))
	reg.MustRegister(&notify.Collector{Pool: s.pool(database.RoleAdmin), Log: s.Log})
	if s.Pools != nil {
		reg.MustRegister(metrics.NewPoolCollector(s.Pools.Named()))
	}
	if s.replica != nil {
		reg.MustRegister(s.replica)
	}
	if s.Config.HTTP.SearchIndex {
		reg.MustRegister(metrics.NewSearchIndex(func() metrics.IndexState {
			st := s.catalog.IndexStatus()
			return metrics.IndexState{Ready: st.Ready, Version: st.Version, Jobs: st.Jobs, Providers: st.Providers}
		}))
	}
	return metrics.Handler(reg)
}

// readyChecks are /readyz's checks beyond the database: the read replica,
// when there is one (a process whose replica is gone or far behind answers
// 503, and the public pages fail rather than move their reads onto the
// primary), and the search index, when enabled (until it is built,
// searches cost PostgreSQL a pass over their matches, so a balancer should
// send the traffic elsewhere).
func (s *Server) readyChecks() []admin.ReadyCheck {
	var checks []admin.ReadyCheck
	if s.replica != nil {
		checks = append(checks, admin.ReadyCheck{Name: "read_replica", Check: s.replica.Ready})
	}
	if s.Config.HTTP.SearchIndex {
		checks = append(checks, admin.ReadyCheck{Name: "search_index", Check: func(context.Context) (any, error) {
			// Not enabled: this server's Handler runs without Serve, which
			// starts the index with the rest of the background.
			st := s.catalog.IndexStatus()
			if st.Enabled && !st.Ready {
				return nil, errors.New("being built from the catalog")
			}
			return st, nil
		}})
	}
	return checks
}

// guardMetrics asks for Authorization: Bearer token when a token is set.
func guardMetrics(h http.Handler, token string) http.Handler {
	if token == "" {
		return h
	}
	want := sha256.Sum256([]byte(token))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		sum := sha256.Sum256([]byte(strings.TrimSpace(got)))
		if !ok || subtle.ConstantTimeCompare(sum[:], want[:]) != 1 {
			w.Header().Set("WWW-Authenticate", `Bearer realm="zumodra metrics"`)
			httpx.WriteProblem(w, httpx.Problem{Status: http.StatusUnauthorized, Instance: r.URL.Path,
				Detail: "metrics token required: Authorization: Bearer <token>"})
			return
		}
		h.ServeHTTP(w, r)
	})
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
