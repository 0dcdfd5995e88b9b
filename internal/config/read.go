package config

import (
	"fmt"
	"strings"
	"time"

	"github.com/spf13/pflag"
)

// Environment variables of the read replica.
const (
	EnvReadDatabaseURL = "ZUMODRA_READ_DATABASE_URL"
	EnvReadMaxLag      = "ZUMODRA_READ_MAX_LAG"
)

// DefaultReadMaxLag is the replay lag past which a serve process reading a
// replica stops calling itself ready: far beyond the read path's freshness
// goal, so that only a replica that stopped replaying (or a primary with a
// backlog no replica can follow) takes the processes out of rotation.
const DefaultReadMaxLag = 30 * time.Second

// ReadReplica is the streaming replica the public read path (pages, public
// API, sitemap, feed, live updates) reads from. Everything else (the
// reverse path, the tenant API, admin, workers, readiness's own check)
// keeps to DatabaseURL.
type ReadReplica struct {
	URL    string        // empty: the public read path reads the primary
	MaxLag time.Duration // replay lag past which /readyz answers 503; 0 means DefaultReadMaxLag
}

func (r *ReadReplica) fromEnv(getenv func(string) string) error {
	r.URL = strings.TrimSpace(getenv(EnvReadDatabaseURL))
	if v := getenv(EnvReadMaxLag); v != "" {
		d, err := parseDuration(EnvReadMaxLag, v)
		if err != nil {
			return err
		}
		r.MaxLag = d
	}
	return nil
}

func (r ReadReplica) validate() error {
	if r.URL != "" {
		if err := validateDatabaseURL(EnvReadDatabaseURL, r.URL); err != nil {
			return err
		}
	}
	if r.MaxLag < 0 {
		return fmt.Errorf("read max lag %s: want 0 (the default, %s) or more", r.MaxLag, DefaultReadMaxLag)
	}
	return nil
}

// Description names the replica without its password, or "none".
func (r ReadReplica) Description() string {
	if r.URL == "" {
		return "none"
	}
	return RedactURL(r.URL)
}

// BindReadFlags registers the read replica's flags (serve).
func (c *Config) BindReadFlags(fs *pflag.FlagSet) {
	fs.Var((*secretURL)(&c.Read.URL), "read-database-url",
		"PostgreSQL URL of a streaming replica the public pages and API read from; the rest uses --database-url (env "+EnvReadDatabaseURL+")")
	fs.DurationVar(&c.Read.MaxLag, "read-max-lag", c.Read.MaxLag,
		"replay lag of the read replica past which /readyz answers 503 (env "+EnvReadMaxLag+")")
}
