package config

import (
	"fmt"
	"strings"
	"time"

	"github.com/zumodra/zumodra/internal/httpx"
)

// Environment variables read by FromEnv.
const (
	EnvDatabaseURL = "DATABASE_URL"
	EnvDataDir     = "ZUMODRA_DATA_DIR"
	EnvAddr        = "ZUMODRA_ADDR"
	EnvAdminToken  = "ZUMODRA_ADMIN_TOKEN"
	EnvBaseURL     = "ZUMODRA_BASE_URL"
	EnvLogLevel    = "ZUMODRA_LOG_LEVEL"
	EnvLogFormat   = "ZUMODRA_LOG_FORMAT"
	EnvWorkers     = "ZUMODRA_WORKERS"

	EnvTrustedProxies = "ZUMODRA_TRUSTED_PROXIES"
	EnvAllowedHosts   = "ZUMODRA_ALLOWED_HOSTS"

	EnvMetricsToken = "ZUMODRA_METRICS_TOKEN"
	EnvMetricsAddr  = "ZUMODRA_METRICS_ADDR"
	EnvPprof        = "ZUMODRA_PPROF"
	EnvHeapHeadroom = "ZUMODRA_HEAP_HEADROOM"

	EnvPollInterval      = "ZUMODRA_POLL_INTERVAL"
	EnvHeartbeatInterval = "ZUMODRA_HEARTBEAT_INTERVAL"
	EnvRequestTimeout    = "ZUMODRA_REQUEST_TIMEOUT"
	EnvVerifyInterval    = "ZUMODRA_VERIFY_INTERVAL"
	EnvCleanupInterval   = "ZUMODRA_CLEANUP_INTERVAL"

	EnvResultCache   = "ZUMODRA_RESULT_CACHE"
	EnvSearchIndex   = "ZUMODRA_SEARCH_INDEX"
	EnvAPIRateLimit  = "ZUMODRA_API_RATE_LIMIT"
	EnvFormRateLimit = "ZUMODRA_FORM_RATE_LIMIT"
)

// FromEnv returns the defaults overridden by the environment, read through
// getenv (os.Getenv in the binary, a map in tests). Unset and empty
// variables leave the default.
func FromEnv(getenv func(string) string) (Config, error) {
	c := Default()
	set := func(dst *string, name string) {
		if v := strings.TrimSpace(getenv(name)); v != "" {
			*dst = v
		}
	}
	set(&c.DatabaseURL, EnvDatabaseURL)
	set(&c.DataDir, EnvDataDir)
	set(&c.Addr, EnvAddr)
	set(&c.BaseURL, EnvBaseURL)
	set(&c.LogFormat, EnvLogFormat)
	set(&c.MetricsAddr, EnvMetricsAddr)
	c.AdminToken = getenv(EnvAdminToken) // a token is taken verbatim
	c.MetricsToken = getenv(EnvMetricsToken)
	c.BaseURL = strings.TrimRight(c.BaseURL, "/")
	c.Map.fromEnv(getenv)
	if v := getenv(EnvLogLevel); v != "" {
		l, err := ParseLevel(v)
		if err != nil {
			return c, err
		}
		c.LogLevel = l
	}
	for name, dst := range map[string]*int{
		EnvWorkers: &c.Workers, EnvAPIRateLimit: &c.HTTP.APIRateLimit, EnvFormRateLimit: &c.HTTP.FormRateLimit,
	} {
		if v := getenv(name); v != "" {
			n, err := parseInt(name, v)
			if err != nil {
				return c, err
			}
			*dst = n
		}
	}
	for name, dst := range map[string]*bool{
		EnvResultCache: &c.HTTP.ResultCache, EnvSearchIndex: &c.HTTP.SearchIndex, EnvPprof: &c.Pprof,
	} {
		if v := getenv(name); v != "" {
			b, err := parseBool(name, v)
			if err != nil {
				return c, err
			}
			*dst = b
		}
	}
	if v := getenv(EnvHeapHeadroom); v != "" {
		f, err := parseFloat(EnvHeapHeadroom, v)
		if err != nil {
			return c, err
		}
		c.HeapHeadroom = f
	}
	for name, dst := range map[string]*time.Duration{
		EnvPollInterval: &c.Sync.PollInterval, EnvVerifyInterval: &c.Sync.VerifyInterval, EnvCleanupInterval: &c.Sync.CleanupInterval,
		EnvHeartbeatInterval: &c.Sync.HeartbeatInterval, EnvRequestTimeout: &c.HTTP.RequestTimeout,
	} {
		if v := getenv(name); v != "" {
			d, err := parseDuration(name, v)
			if err != nil {
				return c, err
			}
			*dst = d
		}
	}
	if v := getenv(EnvTrustedProxies); v != "" {
		ps, err := httpx.ParseProxies(v)
		if err != nil {
			return c, fmt.Errorf("%s: %w", EnvTrustedProxies, err)
		}
		c.TrustedProxies = ps
	}
	c.AllowedHosts = splitList(getenv(EnvAllowedHosts))
	if err := c.Read.fromEnv(getenv); err != nil {
		return c, err
	}
	if err := c.dbFromEnv(getenv); err != nil {
		return c, err
	}
	if err := c.Notify.fromEnv(getenv); err != nil {
		return c, err
	}
	if err := c.Counts.fromEnv(getenv); err != nil {
		return c, err
	}
	return c, c.Reverse.fromEnv(getenv)
}

// splitList reads a comma-separated list, dropping empty entries.
func splitList(v string) []string {
	var out []string
	for _, f := range strings.Split(v, ",") {
		if f = strings.ToLower(strings.TrimSpace(f)); f != "" {
			out = append(out, f)
		}
	}
	return out
}
