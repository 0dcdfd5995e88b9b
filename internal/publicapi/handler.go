package publicapi

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"time"

	"github.com/zumodra/zumodra/internal/catalog"
	"github.com/zumodra/zumodra/internal/counts"
	"github.com/zumodra/zumodra/internal/httpx"
	"github.com/zumodra/zumodra/internal/kind"
	"github.com/zumodra/zumodra/internal/viewcache"
)

// Handler serves the public API.
type Handler struct {
	store   *catalog.Store
	log     *slog.Logger
	limiter *httpx.RateLimiter
	views   *viewcache.Views
	counts  *counts.Counter
}

// Options configure a Handler.
type Options struct {
	Log *slog.Logger
	// Limiter limits requests per client address on every route; nil means
	// no limit (a server that limits in front of the handler already, or a
	// test). serve passes one sized by --api-rate-limit.
	Limiter *httpx.RateLimiter
	// BodyTTL bounds how long an encoded response of one catalog version
	// is reused for the same request; 0 means viewcache.DefaultTTL,
	// negative turns the reuse off.
	BodyTTL time.Duration
	// Feed keys the reuse by catalog version (serve passes its change
	// feed follower); nil stores no response.
	Feed viewcache.Feed
	// Counts gives the detail responses their view and submission counts
	// (serve passes its counter); nil gives them zero. API reads are not
	// counted as views: only people's page views are.
	Counts *counts.Counter
}

// New returns a Handler reading store.
func New(store *catalog.Store, opts Options) *Handler {
	if opts.Log == nil {
		opts.Log = slog.New(slog.DiscardHandler)
	}
	return &Handler{store: store, log: opts.Log, limiter: opts.Limiter, counts: opts.Counts,
		views: viewcache.NewViews(viewcache.New(opts.BodyTTL, maxCachedBodies, maxCachedBodyBytes), opts.Feed, store)}
}

// Routes registers the API's GET routes (HEAD included) and their CORS
// preflights on mux. Preflights cost nothing and a browser reports a 429
// to one as a CORS failure, so the rate limit leaves them alone.
func (h *Handler) Routes(mux *http.ServeMux) {
	routes := map[string]http.HandlerFunc{
		"/api/v1/careers/jobs":       h.views.List(h.listJobs),
		"/api/v1/careers/jobs/{id}":  h.views.Row(kind.Jobs, h.getJob),
		"/api/v1/careers/categories": h.views.List(browse(h, func(r *http.Request) ([]catalog.Category, error) { return h.store.Categories(r.Context()) })),
		"/api/v1/careers/locations":  h.views.List(browse(h, func(r *http.Request) ([]catalog.Country, error) { return h.store.Locations(r.Context()) })),
		"/api/v1/careers/stats":      h.views.List(browse(h, func(r *http.Request) (catalog.Stats, error) { return h.store.Stats(r.Context()) })),
		"/api/v1/providers":          h.views.List(h.listProviders),
		"/api/v1/providers/{id}":     h.views.Row(kind.Providers, h.getProvider),
		// A company counts its listings: it shows many rows, like a list.
		"/api/v1/companies":      h.views.List(browse(h, func(r *http.Request) ([]catalog.Company, error) { return h.store.Companies(r.Context()) })),
		"/api/v1/companies/{id}": h.views.List(h.getCompany),
	}
	for path, fn := range routes {
		mux.Handle("GET "+path, h.wrap(fn))
		mux.Handle("OPTIONS "+path, allowAnyOrigin(http.HandlerFunc(preflight))) // never limited: a refused preflight is a CORS failure
	}
}

// wrap adds CORS headers and, when configured, the per-client rate limit.
func (h *Handler) wrap(fn http.HandlerFunc) http.Handler {
	var next http.Handler = fn
	if h.limiter != nil {
		next = h.limiter.Limit(nil)(next)
	}
	return allowAnyOrigin(next)
}

// fail writes err as a problem document. A request whose client went away
// gets nothing: there is no one to answer and nothing went wrong here.
func (h *Handler) fail(w http.ResponseWriter, r *http.Request, err error) {
	if r.Context().Err() != nil && errors.Is(err, context.Canceled) {
		return
	}
	httpx.WriteError(w, r, h.log, err)
}
