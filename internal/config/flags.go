package config

import (
	"log/slog"
	"strings"

	"github.com/spf13/pflag"

	"github.com/zumodra/zumodra/internal/httpx"
)

// BindGlobalFlags registers the flags every command takes, with the
// current values of c (the environment's) as defaults, so that a flag given
// on the command line wins over the environment.
func (c *Config) BindGlobalFlags(fs *pflag.FlagSet) {
	fs.Var((*secretURL)(&c.DatabaseURL), "database-url",
		"PostgreSQL URL (env "+EnvDatabaseURL+"); empty starts the embedded cluster")
	fs.StringVar(&c.DataDir, "data-dir", c.DataDir, "embedded cluster directory (env "+EnvDataDir+")")
	fs.Var((*levelValue)(&c.LogLevel), "log-level", "debug, info, warn or error (env "+EnvLogLevel+")")
	fs.StringVar(&c.LogFormat, "log-format", c.LogFormat,
		"auto, text or json; auto is text on a terminal, JSON otherwise (env "+EnvLogFormat+")")
}

// BindServeFlags registers the flags of commands that serve HTTP.
func (c *Config) BindServeFlags(fs *pflag.FlagSet) {
	fs.StringVar(&c.Addr, "addr", c.Addr, "HTTP listen address (env "+EnvAddr+")")
	fs.StringVar(&c.MetricsAddr, "metrics-addr", c.MetricsAddr,
		"serve /metrics on this address alone instead of on --addr, like 127.0.0.1:9102 (env "+EnvMetricsAddr+")")
	fs.BoolVar(&c.Pprof, "pprof", c.Pprof,
		"serve Go's CPU, heap and goroutine profiles under /debug/pprof/ on --metrics-addr, behind the metrics token when set (env "+EnvPprof+")")
	fs.Float64Var(&c.HeapHeadroom, "heap-headroom", c.HeapHeadroom,
		"share of the live heap allocated above it before the collector runs: less memory for more collector CPU; 0 leaves it to Go (GOGC), and GOMEMLIMIT when set wins (env "+EnvHeapHeadroom+")")
	fs.StringVar(&c.BaseURL, "base-url", c.BaseURL,
		"public base URL for canonical links, like https://jobs.example.com (env "+EnvBaseURL+")")
	fs.Var((*proxiesValue)(&c.TrustedProxies), "trusted-proxies",
		"comma-separated networks of reverse proxies whose X-Forwarded-For and X-Forwarded-Proto are believed, like 10.0.0.0/8 (env "+EnvTrustedProxies+")")
	fs.Var((*listValue)(&c.AllowedHosts), "allowed-hosts",
		"comma-separated Host headers canonical links may use when --base-url is unset; default the listen address and localhost (env "+EnvAllowedHosts+")")
	fs.BoolVar(&c.HTTP.ResultCache, "result-cache", c.HTTP.ResultCache,
		"reuse search results, facet counts and rendered responses until the catalog changes; --result-cache=false answers every request from the catalog (env "+EnvResultCache+")")
	fs.BoolVar(&c.HTTP.SearchIndex, "search-index", c.HTTP.SearchIndex,
		"answer searches, facets and totals from an in-memory index of the catalog kept by the change feed; --search-index=false asks PostgreSQL (env "+EnvSearchIndex+")")
	fs.IntVar(&c.HTTP.APIRateLimit, "api-rate-limit", c.HTTP.APIRateLimit,
		"public API requests a minute per client address, bursts of a tenth; 0 turns the limit off (env "+EnvAPIRateLimit+")")
	fs.IntVar(&c.HTTP.FormRateLimit, "form-rate-limit", c.HTTP.FormRateLimit,
		"application and inquiry posts a minute per client address, bursts of half; 0 turns the limit off (env "+EnvFormRateLimit+")")
	fs.DurationVar(&c.HTTP.RequestTimeout, "request-timeout", c.HTTP.RequestTimeout,
		"longest a request waits for the database, pool included, before it is answered 503 with Retry-After; 0 means no bound (env "+EnvRequestTimeout+")")
	fs.StringVar(&c.Map.URL, "map-tiles", c.Map.URL,
		"https tile URL template of the lists' maps, like https://tile.example.org/{z}/{x}/{y}.png; empty draws markers on a plain background (env "+EnvMapTiles+")")
	fs.StringVar(&c.Map.Attribution, "map-attribution", c.Map.Attribution,
		"the credit the tile provider asks for, shown on the map (env "+EnvMapAttribution+")")
	fs.DurationVar(&c.Reverse.DuplicateWindow, "duplicate-window", c.Reverse.DuplicateWindow,
		"a repeat application or inquiry of one address to one listing within this window is stored once; 0 stores every one (env "+EnvDuplicateWindow+")")
	fs.DurationVar(&c.Counts.FlushInterval, "count-flush-interval", c.Counts.FlushInterval,
		"how often detail page views, applications and inquiries counted in memory are written to the database; 0 means 10s (env "+EnvCountFlushInterval+")")
}

// BindWorkerFlags registers the worker count and the settings of the
// notification deliveries that run beside the workers.
func (c *Config) BindWorkerFlags(fs *pflag.FlagSet, usage string) {
	c.BindNotifyFlags(fs)
	fs.IntVar(&c.Workers, "workers", c.Workers, usage+" (env "+EnvWorkers+")")
	fs.DurationVar(&c.Sync.PollInterval, "poll-interval", c.Sync.PollInterval,
		"longest pause between the workers' probes of the outbox, reached when idle; 0 means 100ms (env "+EnvPollInterval+")")
	fs.DurationVar(&c.Sync.HeartbeatInterval, "heartbeat-interval", c.Sync.HeartbeatInterval,
		"how often each worker process refreshes its heartbeat; a worker silent for two intervals is counted dead; 0 means 10s (env "+EnvHeartbeatInterval+")")
	fs.DurationVar(&c.Sync.VerifyInterval, "verify-interval", c.Sync.VerifyInterval,
		"periodic catalog verification; 0 means 15m, negative disables (env "+EnvVerifyInterval+")")
	fs.DurationVar(&c.Sync.CleanupInterval, "cleanup-interval", c.Sync.CleanupInterval,
		"periodic stale sweep, and applicant purge; 0 means 1h, negative disables (env "+EnvCleanupInterval+")")
	c.BindRetentionFlag(fs)
}

// levelValue lets a slog.Level be a flag.
type levelValue slog.Level

func (l *levelValue) String() string { return strings.ToLower(slog.Level(*l).String()) }
func (l *levelValue) Type() string   { return "level" }

func (l *levelValue) Set(s string) error {
	v, err := ParseLevel(s)
	if err == nil {
		*l = levelValue(v)
	}
	return err
}

// secretURL is a connection string flag whose default, shown by --help,
// has its password redacted.
type secretURL string

func (u *secretURL) String() string {
	if *u == "" {
		return ""
	}
	return RedactURL(string(*u))
}
func (u *secretURL) Type() string       { return "url" }
func (u *secretURL) Set(s string) error { *u = secretURL(s); return nil }

// proxiesValue and listValue make comma-separated lists flags.
type proxiesValue httpx.Proxies

func (p *proxiesValue) String() string {
	var out []string
	for _, n := range *p {
		out = append(out, n.String())
	}
	return strings.Join(out, ",")
}
func (p *proxiesValue) Type() string { return "networks" }
func (p *proxiesValue) Set(s string) error {
	ps, err := httpx.ParseProxies(s)
	if err == nil {
		*p = proxiesValue(ps)
	}
	return err
}

type listValue []string

func (l *listValue) String() string     { return strings.Join(*l, ",") }
func (l *listValue) Type() string       { return "hosts" }
func (l *listValue) Set(s string) error { *l = splitList(s); return nil }
