package tenantapi

import (
	"log/slog"
	"net/http"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/zumodra/zumodra/internal/httpx"
	"github.com/zumodra/zumodra/internal/intake"
	"github.com/zumodra/zumodra/internal/notify"
	"github.com/zumodra/zumodra/internal/tenants"
)

// MaxBody is the largest request body the API reads; larger ones get 413.
const MaxBody = 1 << 20

// Handler serves the tenant API and the public reverse-path endpoints.
type Handler struct {
	pool    *pgxpool.Pool
	tenants *tenants.Store
	intake  *intake.Service
	// webhooks checks and stores the tenant's webhook endpoints.
	webhooks notify.Endpoints
	log      *slog.Logger
	now      func() time.Time
	// submitLimit limits public submissions per client address.
	submitLimit *httpx.RateLimiter
}

// Option configures a Handler.
type Option func(*Handler)

// WithClock sets the time source (published_at stamps, deadlines).
func WithClock(now func() time.Time) Option {
	return func(h *Handler) {
		h.now = now
		h.intake = h.intake.WithClock(now)
	}
}

// WithIntake makes the public submission endpoints use in (configured by
// the server: duplicate window, clock) instead of a default service.
func WithIntake(in *intake.Service) Option { return func(h *Handler) { h.intake = in } }

// WithSubmitLimiter replaces the per-address limiter of the public
// submission endpoints (default: 10 a minute, bursts of 5).
func WithSubmitLimiter(l *httpx.RateLimiter) Option { return func(h *Handler) { h.submitLimit = l } }

// New returns a Handler on pool.
func New(pool *pgxpool.Pool, log *slog.Logger, opts ...Option) *Handler {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	h := &Handler{
		pool: pool, tenants: tenants.New(pool), intake: intake.New(pool, log), log: log, now: time.Now,
		submitLimit: httpx.NewRateLimiter(10, 5),
	}
	for _, o := range opts {
		o(h)
	}
	return h
}

// Routes registers every endpoint of the package on mux.
func (h *Handler) Routes(mux *http.ServeMux) {
	const p = "/api/v1/tenant"
	crud(mux, h, p+"/job-categories", jobCategories)
	crud(mux, h, p+"/jobs", jobs)
	crud(mux, h, p+"/provider-categories", providerCategories)
	crud(mux, h, p+"/providers", providers)
	mux.Handle("GET "+p+"/applications", h.authed(h.listApplications))
	mux.Handle("GET "+p+"/applications/{id}", h.authed(h.getApplication))
	mux.Handle("POST "+p+"/applications/{id}/status", h.authed(h.moveApplication))
	mux.Handle("GET "+p+"/applications/{id}/history", h.authed(h.applicationHistory))
	mux.Handle("GET "+p+"/applications/{id}/resume", h.authed(h.applicationResume))
	mux.Handle("GET "+p+"/inquiries", h.authed(h.listInquiries))
	mux.Handle("GET "+p+"/inquiries/{id}", h.authed(h.getInquiry))
	mux.Handle("POST "+p+"/inquiries/{id}/status", h.authed(h.moveInquiry))
	mux.Handle("GET "+p+"/inquiries/{id}/history", h.authed(h.inquiryHistory))
	mux.Handle("GET "+p+"/applicants", h.authed(h.exportApplicant))
	mux.Handle("DELETE "+p+"/applicants", h.authed(h.eraseApplicant))
	mux.Handle("GET "+p+"/catalog-status", h.authed(h.catalogStatus))
	mux.Handle("GET "+p+"/profile", h.authed(h.getProfile))
	mux.Handle("PATCH "+p+"/profile", h.authed(h.patchProfile))
	h.webhookRoutes(mux)
	limit := h.submitLimit.Limit(nil)
	mux.Handle("POST /api/v1/careers/jobs/{id}/applications", limit(http.HandlerFunc(h.submitApplication)))
	mux.Handle("POST /api/v1/providers/{id}/inquiries", limit(http.HandlerFunc(h.submitInquiry)))
}
