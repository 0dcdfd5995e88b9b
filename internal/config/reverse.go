package config

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/pflag"
)

// Reverse configures the reverse path: what happens to the applications
// and inquiries visitors send.
type Reverse struct {
	// DuplicateWindow: a second submission of one address to one listing
	// within it is stored once; 0 stores every submission.
	DuplicateWindow time.Duration
	// Retention: applicants' data whose last activity is older is purged
	// (internal/retention); 0 keeps it forever.
	Retention time.Duration
}

// DefaultDuplicateWindow is the duplicate window used when nothing is set.
const DefaultDuplicateWindow = 24 * time.Hour

// DefaultRetention keeps applicants' data a year after its last activity:
// long enough for a hiring round and its follow-ups, short enough that
// nobody's data lingers.
const DefaultRetention = 365 * day

// Bounds of a retention other than 0: under a day is surely a typo (say
// 365s for 365d), and past a century time.Duration's arithmetic nears its
// limit.
const (
	minRetention = day
	maxRetention = 100 * 365 * day
)

const day = 24 * time.Hour

// Environment variables read by FromEnv.
const (
	EnvDuplicateWindow = "ZUMODRA_DUPLICATE_WINDOW"
	EnvRetention       = "ZUMODRA_APPLICANT_RETENTION"
)

func (r *Reverse) fromEnv(getenv func(string) string) error {
	if v := getenv(EnvDuplicateWindow); v != "" {
		d, err := parseDuration(EnvDuplicateWindow, v)
		if err != nil {
			return err
		}
		r.DuplicateWindow = d
	}
	if v := getenv(EnvRetention); v != "" {
		d, err := parseDays(v)
		if err != nil {
			return fmt.Errorf("%s=%q: %w", EnvRetention, v, err)
		}
		r.Retention = d
	}
	return nil
}

func (r Reverse) validate() error {
	if r.DuplicateWindow < 0 {
		return fmt.Errorf("duplicate window %s: want 0 (off) or more", r.DuplicateWindow)
	}
	if r.Retention != 0 && (r.Retention < minRetention || r.Retention > maxRetention) {
		return fmt.Errorf("applicant retention %s: want 0 (keep forever) or 1d to 36500d", formatDays(r.Retention))
	}
	return nil
}

// BindRetentionFlag registers --applicant-retention, for the commands that
// purge (serve, worker, demo through their periodic task, and
// purge-applicants).
func (c *Config) BindRetentionFlag(fs *pflag.FlagSet) {
	fs.Var((*daysValue)(&c.Reverse.Retention), "applicant-retention",
		"keep applicants' data this long after its last activity, like 365d or 2160h; 0 keeps it forever (env "+EnvRetention+")")
}

// parseDays reads a Go duration or a whole number of days such as 365d.
func parseDays(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	if n, ok := strings.CutSuffix(s, "d"); ok {
		days, err := strconv.ParseInt(n, 10, 64)
		if err != nil || days < 0 || days > int64(maxRetention/day) {
			return 0, fmt.Errorf("want a number of days from 0 to %d, like 365d", maxRetention/day)
		}
		return time.Duration(days) * day, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil {
		return 0, fmt.Errorf("want a number of days like 365d, or a duration like 2160h")
	}
	return d, nil
}

// formatDays writes whole days as 365d, anything else as a Go duration.
func formatDays(d time.Duration) string {
	if d%day == 0 {
		return strconv.FormatInt(int64(d/day), 10) + "d"
	}
	return d.String()
}

// daysValue is a duration flag that takes days too.
type daysValue time.Duration

func (v *daysValue) String() string { return formatDays(time.Duration(*v)) }
func (v *daysValue) Type() string   { return "days" }
func (v *daysValue) Set(s string) error {
	d, err := parseDays(s)
	if err == nil {
		*v = daysValue(d)
	}
	return err
}
