package web

import (
	"cmp"
	"fmt"
	"html/template"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/zumodra/zumodra/internal/catalog"
	"github.com/zumodra/zumodra/internal/counts"
	"github.com/zumodra/zumodra/internal/httpx"
	"github.com/zumodra/zumodra/internal/intake"
	"github.com/zumodra/zumodra/internal/kind"
	"github.com/zumodra/zumodra/internal/live"
	"github.com/zumodra/zumodra/internal/viewcache"
)

// Config is what the public site needs to know about where it runs.
type Config struct {
	// BaseURL is the public origin, such as "https://jobs.example.com":
	// canonical URLs, the sitemap, the feed and JSON-LD are absolute on it.
	BaseURL string
	// AllowedHosts, when BaseURL is empty, are the Host headers links may
	// be built on; any other host gets the first. Empty: "localhost".
	AllowedHosts []string
	// SiteName is shown in titles and the header; "Zumodra" when empty.
	SiteName string
	// Now is the clock for "Posted 3 days ago"; time.Now when nil.
	Now func() time.Time
	// FormLimiter limits form posts per client address; nil means no limit.
	// serve passes one sized by --form-rate-limit (10 a minute by default).
	FormLimiter *httpx.RateLimiter
	// PageLimiter, when set, limits page views (lists, details, feed,
	// sitemap) per client address. Nil means no limit: a site behind a CDN
	// or benchmarked from one address may not want one.
	PageLimiter *httpx.RateLimiter
	// PageCacheTTL bounds how long a rendered page of one catalog version
	// is reused for identical requests: 0 means viewcache.DefaultTTL,
	// negative turns the reuse off.
	PageCacheTTL time.Duration
	// Feed keys the page cache by catalog version (serve passes its
	// change feed follower); nil stores no page.
	Feed viewcache.Feed
	// Live, when set, serves the lists' live updates (/careers/live,
	// /browse-freelancers/live) and lets the list pages subscribe.
	Live *live.Hub
	// Counts, when set, counts the detail pages' views and shows their
	// views, applicants and inquiries; nil counts and shows nothing.
	Counts *counts.Counter
	// MapTiles is the background of the lists' maps; none by default.
	MapTiles MapTiles
}

// Handler serves the public pages. Build it with New, mount it with Routes.
type Handler struct {
	cfg     Config
	catalog *catalog.Store
	intake  *intake.Service
	log     *slog.Logger
	pages   map[string]*template.Template
	assets  *assets
	limiter *httpx.RateLimiter
	csrf    *http.CrossOriginProtection
	views   *viewcache.Views
}

// New parses the embedded templates and assets; an error here is a bug in
// the binary, so serve should refuse to start on it.
func New(cfg Config, cat *catalog.Store, in *intake.Service, log *slog.Logger) (*Handler, error) {
	cfg.SiteName = cmp.Or(cfg.SiteName, "Zumodra")
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	cfg.BaseURL = strings.TrimRight(cfg.BaseURL, "/")
	a, err := loadAssets()
	if err != nil {
		return nil, fmt.Errorf("web assets: %w", err)
	}
	pages, err := parseTemplates(a)
	if err != nil {
		return nil, fmt.Errorf("web templates: %w", err)
	}
	h := &Handler{cfg: cfg, catalog: cat, intake: in, log: log, pages: pages, assets: a, limiter: cfg.FormLimiter,
		views: viewcache.NewViews(viewcache.New(cfg.PageCacheTTL, maxCachedPages, maxCachedPageBytes), cfg.Feed, cat)}
	if h.csrf, err = newCSRF(cfg.BaseURL, func(w http.ResponseWriter, r *http.Request) {
		h.renderError(w, r, http.StatusForbidden)
	}); err != nil {
		return nil, err
	}
	return h, nil
}

// newCSRF refuses cross-origin form posts. The configured origin is
// trusted explicitly, for old browsers that send Origin but not
// Sec-Fetch-Site when a proxy in front rewrote the Host header.
func newCSRF(baseURL string, deny http.HandlerFunc) (*http.CrossOriginProtection, error) {
	c := http.NewCrossOriginProtection()
	c.SetDenyHandler(deny)
	if baseURL == "" {
		return c, nil
	}
	u, err := url.Parse(baseURL)
	if err != nil || u.Scheme == "" || u.Host == "" {
		return nil, fmt.Errorf("web: base URL %q is not an absolute URL", baseURL)
	}
	if err := c.AddTrustedOrigin(u.Scheme + "://" + u.Host); err != nil {
		return nil, fmt.Errorf("web: trust %s: %w", baseURL, err)
	}
	return c, nil
}

// Routes registers the public site on mux.
func (h *Handler) Routes(mux *http.ServeMux) {
	mux.Handle("GET /{$}", h.page(h.views.List(h.home)))
	mux.Handle("GET /careers/{$}", h.page(h.views.List(h.jobList)))
	// A job page lists its company's other jobs and similar ones: it shows
	// many rows, so it is kept under the catalog version like a list.
	mux.Handle("GET /careers/jobs/{id}/{$}", h.page(h.cfg.Counts.CountViews(kind.Jobs, h.views.List(h.jobDetail))))
	mux.HandleFunc("GET /careers/jobs/{id}", h.addSlash)
	mux.Handle("POST /careers/jobs/{id}/apply", h.within(maxUploadBytes, h.apply))
	mux.Handle("GET /careers/jobs/{id}/applied/{$}", h.page(h.applied))
	mux.Handle("GET /careers/feed.xml", h.page(h.views.List(h.feed)))
	mux.Handle("GET /browse-freelancers/{$}", h.page(h.views.List(h.providerList)))
	mux.Handle("GET /browse-freelancers/{id}/{$}", h.page(h.cfg.Counts.CountViews(kind.Providers, h.views.Row(kind.Providers, h.providerDetail))))
	mux.HandleFunc("GET /browse-freelancers/{id}", h.addSlash)
	mux.Handle("POST /browse-freelancers/{id}/inquire", h.form(h.inquire))
	mux.Handle("GET /browse-freelancers/{id}/sent/{$}", h.page(h.inquirySent))
	mux.Handle("GET /companies/{id}/{$}", h.page(h.views.List(h.companyPage)))
	mux.HandleFunc("GET /companies/{id}", h.addSlash)
	if h.cfg.Live != nil {
		mux.HandleFunc("GET /careers/live", h.jobsLive)
		mux.HandleFunc("GET /browse-freelancers/live", h.providersLive)
	}
	mux.Handle("GET /sitemap.xml", h.page(h.views.List(h.sitemap)))
	mux.Handle("GET /sitemaps/{name}", h.page(h.views.List(h.sitemapFile)))
	mux.HandleFunc("GET /robots.txt", h.robots)
	mux.HandleFunc("GET /static/{name}", h.static)
	mux.HandleFunc("GET /favicon.ico", h.favicon)
}

// page applies the optional per-address limit on page views.
func (h *Handler) page(next http.HandlerFunc) http.Handler {
	if h.cfg.PageLimiter == nil {
		return next
	}
	return h.cfg.PageLimiter.Limit(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.renderError(w, r, http.StatusTooManyRequests)
	}))(next)
}

// addSlash redirects /careers/jobs/7 to /careers/jobs/7/, the one address
// each page has.
func (h *Handler) addSlash(w http.ResponseWriter, r *http.Request) {
	u := *r.URL
	u.Path += "/"
	http.Redirect(w, r, u.RequestURI(), http.StatusMovedPermanently)
}

// abs makes a site path absolute on the configured base URL or, when none
// is configured, on the host the request came to if it is an allowed one
// (else the first allowed), so a forged Host header never reaches a
// canonical link, a sitemap or a cached page.
func (h *Handler) abs(r *http.Request, path string) string {
	if h.cfg.BaseURL != "" {
		return h.cfg.BaseURL + path
	}
	scheme := "http"
	if httpx.IsHTTPS(r) {
		scheme = "https"
	}
	return scheme + "://" + h.allowedHost(r.Host) + path
}

func (h *Handler) allowedHost(host string) string {
	host = strings.ToLower(host)
	for _, a := range h.cfg.AllowedHosts {
		if host == a && validHost(host) {
			return host
		}
	}
	if len(h.cfg.AllowedHosts) > 0 && validHost(h.cfg.AllowedHosts[0]) {
		return h.cfg.AllowedHosts[0]
	}
	return "localhost"
}

// validHost accepts a host[:port] of letters, digits, dots, hyphens and
// IPv6 brackets, so a forged Host header cannot inject anything.
func validHost(h string) bool {
	if h == "" || len(h) > 255 {
		return false
	}
	for _, c := range h {
		ok := c == '.' || c == '-' || c == ':' || c == '[' || c == ']' ||
			(c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
		if !ok {
			return false
		}
	}
	return true
}
