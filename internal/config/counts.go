package config

import (
	"fmt"
	"time"
)

// Counts configures the counting of views and submissions (internal/counts).
type Counts struct {
	// FlushInterval is how often a serving process writes what it
	// counted; 0 means the package default (10s).
	FlushInterval time.Duration
}

// EnvCountFlushInterval is read by FromEnv.
const EnvCountFlushInterval = "ZUMODRA_COUNT_FLUSH_INTERVAL"

func (c *Counts) fromEnv(getenv func(string) string) error {
	if v := getenv(EnvCountFlushInterval); v != "" {
		d, err := parseDuration(EnvCountFlushInterval, v)
		if err != nil {
			return err
		}
		c.FlushInterval = d
	}
	return nil
}

func (c Counts) validate() error {
	if c.FlushInterval < 0 || (c.FlushInterval > 0 && c.FlushInterval < 100*time.Millisecond) {
		return fmt.Errorf("count flush interval %s: want 0 (the default, 10s) or at least 100ms", c.FlushInterval)
	}
	return nil
}
