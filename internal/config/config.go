package config

import (
	"fmt"
	"log/slog"
	"math"
	"net"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/zumodra/zumodra/internal/database"
	"github.com/zumodra/zumodra/internal/httpx"
	"github.com/zumodra/zumodra/internal/pgcluster"
)

// DefaultAddr is the listen address of the original deployment.
const DefaultAddr = ":8002"

// Log formats.
const (
	FormatAuto = "auto" // text on a terminal, JSON otherwise
	FormatText = "text"
	FormatJSON = "json"
)

// DefaultHeapHeadroom lets the heap grow by three tenths of the live heap
// between collections, where Go's default is all of it: the trade of
// memory for collector CPU measured in docs/OPERATIONS.md, where a half
// cost 40 MiB more at full scale for no rate measurably higher.
const DefaultHeapHeadroom = 0.3

// Config is everything a zumodra process needs to know at start.
type Config struct {
	DatabaseURL string // empty: the embedded cluster in DataDir
	// Read is the streaming replica the public read path reads from, if any.
	Read       ReadReplica
	DataDir    string // embedded cluster root
	Addr       string // HTTP listen address
	AdminToken string // guards /admin/; secret
	// MetricsToken, when set, guards /metrics with Authorization: Bearer; secret.
	MetricsToken string
	// MetricsAddr, when set, serves /metrics there alone instead of on Addr.
	MetricsAddr string
	// Pprof serves Go's runtime profiles under /debug/pprof/ on MetricsAddr,
	// behind MetricsToken when set; never on the site's address.
	Pprof bool
	// HeapHeadroom is the share of the live heap a serve process may
	// allocate above it before the collector runs (package memlimit);
	// 0 leaves the collector as Go sets it (GOGC, GOMEMLIMIT).
	HeapHeadroom float64
	BaseURL      string // public base URL for canonical links; empty: the request's host if allowed
	// AllowedHosts are the Host headers canonical links may be built on when
	// no BaseURL is set; empty: the listen address and localhost.
	AllowedHosts []string
	// TrustedProxies are the networks whose X-Forwarded-For and
	// X-Forwarded-Proto are believed; empty: nobody's.
	TrustedProxies httpx.Proxies
	LogLevel       slog.Level // minimum level logged
	LogFormat      string     // FormatAuto, FormatText or FormatJSON
	Workers        int        // in-process sync workers for serve; 0 disables them
	Sync           SyncTiming // worker polling and periodic task intervals
	HTTP           HTTPLimits // result caches and per-client rate limits of serve
	// DB holds each role's pool size and timeouts (see database.Roles).
	DB      map[database.Role]database.Limits
	Reverse Reverse  // duplicates, notifications and retention of what visitors send
	Counts  Counts   // how often views and submissions counted in memory are written
	Map     MapTiles // the tile server of the lists' maps; none by default
	Notify  Notify   // SMTP and webhook addresses of the notification deliveries
}

// HTTPLimits are the read path's result caches and the per-client rate
// limits of the public API and the public forms. They are settings rather
// than constants so that a deployment behind a CDN or a load test from one
// address can turn them off through the real server.
type HTTPLimits struct {
	ResultCache bool // reuse result pages, facet counts and rendered responses until the catalog changes
	// SearchIndex answers searches, facets and totals from an in-memory
	// index of the catalog kept by the change feed, instead of PostgreSQL.
	SearchIndex   bool
	APIRateLimit  int // public API requests a minute per client, bursts of a tenth; 0 is no limit
	FormRateLimit int // application and inquiry posts a minute per client, bursts of half; 0 is no limit
	// RequestTimeout bounds each request's wait for the database, the pool
	// included (pgxpool has no acquire timeout of its own): past it the
	// request ends with 503 and Retry-After. Live streams are exempt.
	RequestTimeout time.Duration
}

// DefaultRequestTimeout leaves room for one statement at the public and
// write roles' statement_timeout (5s) after a short wait for the pool.
const DefaultRequestTimeout = 8 * time.Second

// Default per-client limits: generous for a person or a page's script, low
// enough that one client cannot occupy the database or flood a tenant.
const (
	DefaultAPIRateLimit  = 600
	DefaultFormRateLimit = 10
)

// SyncTiming holds the intervals of the sync workers and of the periodic
// verify and cleanup runs. Zero means the package default; a negative
// verify or cleanup interval disables that task.
type SyncTiming struct {
	PollInterval      time.Duration // longest pause between outbox probes, when idle (default 100ms)
	HeartbeatInterval time.Duration // worker heartbeat refresh; a worker silent for two is counted dead (default 10s)
	VerifyInterval    time.Duration // catalog verification (default 15m)
	CleanupInterval   time.Duration // stale sweep (default 1h)
}

// Default returns the configuration used when nothing is set.
func Default() Config {
	return Config{
		DataDir:      pgcluster.DefaultDataDir,
		Addr:         DefaultAddr,
		LogLevel:     slog.LevelInfo,
		LogFormat:    FormatAuto,
		Workers:      2,
		HeapHeadroom: DefaultHeapHeadroom,
		HTTP: HTTPLimits{ResultCache: true, SearchIndex: true, APIRateLimit: DefaultAPIRateLimit, FormRateLimit: DefaultFormRateLimit,
			RequestTimeout: DefaultRequestTimeout},
		Reverse: Reverse{DuplicateWindow: DefaultDuplicateWindow, Retention: DefaultRetention},
		DB:      database.DefaultLimits(),
		Notify:  defaultNotify(),
		Read:    ReadReplica{MaxLag: DefaultReadMaxLag},
	}
}

// Validate reports the first setting that cannot work, as an error naming it.
func (c Config) Validate() error {
	if c.DatabaseURL == "" && c.DataDir == "" {
		return fmt.Errorf("data dir: must not be empty when DATABASE_URL is unset")
	}
	if c.DatabaseURL != "" {
		if err := validateDatabaseURL(EnvDatabaseURL, c.DatabaseURL); err != nil {
			return err
		}
	}
	if err := c.Read.validate(); err != nil {
		return err
	}
	if _, _, err := net.SplitHostPort(c.Addr); err != nil {
		return fmt.Errorf("addr %q: want host:port or :port: %w", c.Addr, err)
	}
	if c.MetricsAddr != "" {
		if _, _, err := net.SplitHostPort(c.MetricsAddr); err != nil {
			return fmt.Errorf("metrics addr %q: want host:port or :port: %w", c.MetricsAddr, err)
		}
	}
	if c.HeapHeadroom < 0 || c.HeapHeadroom > 10 || math.IsNaN(c.HeapHeadroom) {
		return fmt.Errorf("heap headroom %v: want a share of the live heap from 0 (off) to 10", c.HeapHeadroom)
	}
	if c.Pprof && c.MetricsAddr == "" {
		return fmt.Errorf("pprof: needs --metrics-addr, so that profiles are never served on the site's address")
	}
	switch c.LogFormat {
	case FormatAuto, FormatText, FormatJSON:
	default:
		return fmt.Errorf("log format %q: want auto, text or json", c.LogFormat)
	}
	if c.Workers < 0 || c.Workers > 64 {
		return fmt.Errorf("workers %d: want 0 to 64", c.Workers)
	}
	if c.Sync.PollInterval < 0 || (c.Sync.PollInterval > 0 && c.Sync.PollInterval < time.Millisecond) {
		return fmt.Errorf("poll interval %s: want at least 1ms", c.Sync.PollInterval)
	}
	if c.Sync.HeartbeatInterval < 0 || (c.Sync.HeartbeatInterval > 0 && c.Sync.HeartbeatInterval < 100*time.Millisecond) {
		return fmt.Errorf("heartbeat interval %s: want at least 100ms", c.Sync.HeartbeatInterval)
	}
	if c.HTTP.RequestTimeout < 0 {
		return fmt.Errorf("request timeout %s: want 0 (none) or more", c.HTTP.RequestTimeout)
	}
	if c.HTTP.APIRateLimit < 0 || c.HTTP.FormRateLimit < 0 {
		return fmt.Errorf("rate limits %d and %d: want 0 (no limit) or more requests a minute", c.HTTP.APIRateLimit, c.HTTP.FormRateLimit)
	}
	if err := c.Reverse.validate(); err != nil {
		return err
	}
	if err := c.Counts.validate(); err != nil {
		return err
	}
	if err := c.Notify.validate(); err != nil {
		return err
	}
	if err := c.Map.validate(); err != nil {
		return err
	}
	if err := c.validateDB(); err != nil {
		return err
	}
	return validateBaseURL(c.BaseURL)
}

// validateDatabaseURL accepts a postgres:// URL or a keyword/value string;
// its error never repeats the value, which may hold a password.
func validateDatabaseURL(name, raw string) error {
	if !strings.Contains(raw, "://") {
		if !strings.Contains(raw, "=") {
			return fmt.Errorf("%s: want postgres://user:password@host:port/dbname or key=value pairs", name)
		}
		return nil
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
		return fmt.Errorf("%s: want a postgres:// or postgresql:// URL", name)
	}
	return nil
}

func validateBaseURL(raw string) error {
	if raw == "" {
		return nil
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
		return fmt.Errorf("base URL %q: want an absolute http(s) URL without query or fragment, like https://jobs.example.com", raw)
	}
	return nil
}

// CanonicalHosts are the Host headers a request may build canonical links
// on: AllowedHosts, or by default the listen address and localhost on its
// port. The first is the fallback for every other host.
func (c Config) CanonicalHosts() []string {
	if len(c.AllowedHosts) > 0 {
		return c.AllowedHosts
	}
	host, port, err := net.SplitHostPort(c.Addr)
	if err != nil {
		return []string{"localhost"}
	}
	out := []string{net.JoinHostPort("localhost", port), "localhost"}
	if ip := net.ParseIP(host); host != "" && host != "localhost" && (ip == nil || !ip.IsUnspecified()) {
		out = append(out, net.JoinHostPort(host, port))
	} else {
		out = append(out, net.JoinHostPort("127.0.0.1", port), net.JoinHostPort("::1", port))
	}
	return out
}

// ParseLevel reads a level name: debug, info, warn or error.
func ParseLevel(s string) (slog.Level, error) {
	var l slog.Level
	if err := l.UnmarshalText([]byte(s)); err != nil {
		return 0, fmt.Errorf("log level %q: want debug, info, warn or error", s)
	}
	return l, nil
}

func parseDuration(name, s string) (time.Duration, error) {
	d, err := time.ParseDuration(strings.TrimSpace(s))
	if err != nil {
		return 0, fmt.Errorf("%s=%q: want a duration like 500ms, 30s or 15m", name, s)
	}
	return d, nil
}

func parseBool(name, s string) (bool, error) {
	b, err := strconv.ParseBool(strings.TrimSpace(s))
	if err != nil {
		return false, fmt.Errorf("%s=%q: want true or false", name, s)
	}
	return b, nil
}

func parseFloat(name, s string) (float64, error) {
	f, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil {
		return 0, fmt.Errorf("%s=%q: want a number like 0.5", name, s)
	}
	return f, nil
}

func parseInt(name, s string) (int, error) {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil {
		return 0, fmt.Errorf("%s=%q: want a whole number", name, s)
	}
	return n, nil
}
