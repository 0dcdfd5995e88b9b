package admin

import (
	"html/template"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/zumodra/zumodra/internal/httpx"
)

// Handler serves health, readiness, metrics and the admin.
type Handler struct {
	pool      *pgxpool.Pool
	readyPool *pgxpool.Pool // /readyz's own: never waits behind the site
	log       *slog.Logger
	token     string
	keys      keys
	page      *template.Template
	metrics   http.Handler
	now       func() time.Time
	logins    *httpx.RateLimiter // slows down token guessing on the login form
	checks    []ReadyCheck

	readyMu sync.Mutex
	ready   readiness // kept fresh by RunReadiness: migration status is one query per schema
}

// Options tune a Handler; zero values take the defaults.
type Options struct {
	Token string // the admin token; "" disables /admin/
	// Metrics serves /metrics (metrics.Handler of the registry of whoever
	// owns the pool); nil: no /metrics route.
	Metrics http.Handler
	// ReadyPool answers /readyz's query; nil uses the pool.
	ReadyPool *pgxpool.Pool
	// ReadyChecks are more dependencies /readyz reports (a read replica).
	ReadyChecks []ReadyCheck
	Now         func() time.Time
}

// New returns the Handler.
func New(pool *pgxpool.Pool, log *slog.Logger, o Options) *Handler {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	h := &Handler{pool: pool, log: log, token: o.Token, keys: newKeys(o.Token), page: pageTemplate,
		metrics: o.Metrics, now: o.Now, logins: httpx.NewRateLimiter(10, 5), checks: o.ReadyChecks}
	if h.now == nil {
		h.now = time.Now
	}
	if h.readyPool = o.ReadyPool; h.readyPool == nil {
		h.readyPool = pool
	}
	return h
}

// Routes registers every route of the package on mux.
func (h *Handler) Routes(mux *http.ServeMux) {
	mux.HandleFunc("GET /healthz", h.healthz)
	mux.HandleFunc("GET /readyz", h.readyz)
	if h.metrics != nil {
		mux.Handle("GET /metrics", h.metrics)
	}

	mux.HandleFunc("GET /admin/admin.css", h.enabled(serveCSS))
	mux.HandleFunc("GET /admin/login", h.enabled(h.loginForm))
	mux.HandleFunc("POST /admin/login", h.enabled(h.login))
	mux.HandleFunc("POST /admin/logout", h.enabled(h.logout))
	mux.HandleFunc("GET /admin/{$}", h.enabled(h.pageOrLogin))
	mux.HandleFunc("POST /admin/tenants/{slug}/resync", h.enabled(h.authed(h.formResync)))
	mux.HandleFunc("POST /admin/tenants/{slug}/verify", h.enabled(h.authed(h.formVerify)))
	mux.HandleFunc("POST /admin/dead-letters/{id}/retry", h.enabled(h.authed(h.formRetry)))
	mux.HandleFunc("POST /admin/deliveries/{id}/replay", h.enabled(h.authed(h.formReplay)))

	mux.HandleFunc("GET /admin/api/overview", h.enabled(h.authedAPI(h.apiOverview)))
	mux.HandleFunc("GET /admin/api/tenants", h.enabled(h.authedAPI(h.apiTenants)))
	mux.HandleFunc("GET /admin/api/dead-letters", h.enabled(h.authedAPI(h.apiDeadLetters)))
	mux.HandleFunc("POST /admin/api/dead-letters/{id}/retry", h.enabled(h.authedAPI(h.apiRetry)))
	mux.HandleFunc("POST /admin/api/deliveries/{id}/replay", h.enabled(h.authedAPI(h.apiReplay)))
	mux.HandleFunc("POST /admin/api/tenants/{slug}/resync", h.enabled(h.authedAPI(h.apiResync)))
	mux.HandleFunc("POST /admin/api/tenants/{slug}/verify", h.enabled(h.authedAPI(h.apiVerify)))
	mux.HandleFunc("/admin/", h.enabled(h.authedAPI(func(w http.ResponseWriter, r *http.Request, _ caller) {
		httpx.WriteProblem(w, httpx.Problem{Status: http.StatusNotFound, Detail: "no such admin page", Instance: r.URL.Path})
	})))
}

// enabled answers 404 for everything under /admin/ when no token is
// configured: the admin is off, never open.
func (h *Handler) enabled(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if h.token == "" {
			httpx.WriteProblem(w, httpx.Problem{Status: http.StatusNotFound, Instance: r.URL.Path,
				Detail: "the admin is disabled: no admin token is configured (set ZUMODRA_ADMIN_TOKEN and restart)"})
			return
		}
		w.Header().Set("Cache-Control", "no-store")
		next(w, r)
	}
}

// authedAPI admits bearer and session callers, with a 401 problem for the
// rest; state-changing methods also need the CSRF check.
func (h *Handler) authedAPI(next func(http.ResponseWriter, *http.Request, caller)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		c, ok := h.authenticate(r)
		if !ok {
			w.Header().Set("WWW-Authenticate", `Bearer realm="zumodra admin"`)
			httpx.WriteProblem(w, httpx.Problem{Status: http.StatusUnauthorized, Instance: r.URL.Path,
				Detail: "admin token required: Authorization: Bearer <token>, or log in at /admin/login"})
			return
		}
		if r.Method != http.MethodGet && !h.mayChange(r, c) {
			httpx.WriteProblem(w, httpx.Problem{Status: http.StatusForbidden, Instance: r.URL.Path,
				Detail: "missing or invalid CSRF token"})
			return
		}
		next(w, r, c)
	}
}

// authed is authedAPI for browser forms: a failure shows the login page.
func (h *Handler) authed(next func(http.ResponseWriter, *http.Request, caller)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		r.Body = http.MaxBytesReader(w, r.Body, 1<<16)
		c, ok := h.authenticate(r)
		if !ok {
			h.renderLogin(w, http.StatusUnauthorized, "Your session has ended: log in again.")
			return
		}
		if !h.mayChange(r, c) {
			h.renderLogin(w, http.StatusForbidden, "The form was stale or forged (CSRF check failed): reload the page.")
			return
		}
		next(w, r, c)
	}
}
