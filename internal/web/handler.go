package web

import (
	"fmt"
	"html/template"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/zumodra/zumodra/internal/catalog"
	"github.com/zumodra/zumodra/internal/httpx"
	"github.com/zumodra/zumodra/internal/intake"
)

// Config is what the public site needs to know about where it runs.
type Config struct {
	// BaseURL is the public origin, such as "https://jobs.example.com":
	// canonical URLs, the sitemap, the feed and JSON-LD are absolute on it.
	BaseURL string
	// SiteName is shown in titles and the header; "Zumodra" when empty.
	SiteName string
	// Now is the clock for "Posted 3 days ago"; time.Now when nil.
	Now func() time.Time
	// FormLimiter limits form posts per client address; when nil, 10 a
	// minute with bursts of 5.
	FormLimiter *httpx.RateLimiter
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
}

// New parses the embedded templates and assets; an error here is a bug in
// the binary, so serve should refuse to start on it.
func New(cfg Config, cat *catalog.Store, in *intake.Service, log *slog.Logger) (*Handler, error) {
	if cfg.SiteName == "" {
		cfg.SiteName = "Zumodra"
	}
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
	h := &Handler{cfg: cfg, catalog: cat, intake: in, log: log, pages: pages, assets: a, limiter: cfg.FormLimiter}
	if h.limiter == nil {
		h.limiter = httpx.NewRateLimiter(10, 5)
	}
	h.csrf = http.NewCrossOriginProtection()
	h.csrf.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.renderError(w, r, http.StatusForbidden)
	}))
	return h, nil
}

// Routes registers the public site on mux.
func (h *Handler) Routes(mux *http.ServeMux) {
	mux.HandleFunc("GET /careers/{$}", h.jobList)
	mux.HandleFunc("GET /careers/jobs/{id}/{$}", h.jobDetail)
	mux.HandleFunc("GET /careers/jobs/{id}", h.addSlash)
	mux.Handle("POST /careers/jobs/{id}/apply", h.form(h.apply))
	mux.HandleFunc("GET /careers/jobs/{id}/applied/{$}", h.applied)
	mux.HandleFunc("GET /careers/feed.xml", h.feed)
	mux.HandleFunc("GET /browse-freelancers/{$}", h.providerList)
	mux.HandleFunc("GET /browse-freelancers/{id}/{$}", h.providerDetail)
	mux.HandleFunc("GET /browse-freelancers/{id}", h.addSlash)
	mux.Handle("POST /browse-freelancers/{id}/inquire", h.form(h.inquire))
	mux.HandleFunc("GET /browse-freelancers/{id}/sent/{$}", h.inquirySent)
	mux.HandleFunc("GET /sitemap.xml", h.sitemap)
	mux.HandleFunc("GET /sitemaps/{name}", h.sitemapFile)
	mux.HandleFunc("GET /robots.txt", h.robots)
	mux.HandleFunc("GET /static/{name}", h.assets.serve)
}

// addSlash redirects /careers/jobs/7 to /careers/jobs/7/, the one address
// each page has.
func (h *Handler) addSlash(w http.ResponseWriter, r *http.Request) {
	u := *r.URL
	u.Path += "/"
	http.Redirect(w, r, u.RequestURI(), http.StatusMovedPermanently)
}

// abs makes a site path absolute on the configured base URL.
func (h *Handler) abs(path string) string { return h.cfg.BaseURL + path }
