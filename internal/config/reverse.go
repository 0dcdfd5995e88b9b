package config

import (
	"fmt"
	"time"
)

// Reverse configures the reverse path: what happens to the applications
// and inquiries visitors send.
type Reverse struct {
	// DuplicateWindow: a second submission of one address to one listing
	// within it is stored once; 0 stores every submission.
	DuplicateWindow time.Duration
}

// DefaultDuplicateWindow is the duplicate window used when nothing is set.
const DefaultDuplicateWindow = 24 * time.Hour

// EnvDuplicateWindow is read by FromEnv.
const EnvDuplicateWindow = "ZUMODRA_DUPLICATE_WINDOW"

func (r *Reverse) fromEnv(getenv func(string) string) error {
	if v := getenv(EnvDuplicateWindow); v != "" {
		d, err := parseDuration(EnvDuplicateWindow, v)
		if err != nil {
			return err
		}
		r.DuplicateWindow = d
	}
	return nil
}

func (r Reverse) validate() error {
	if r.DuplicateWindow < 0 {
		return fmt.Errorf("duplicate window %s: want 0 (off) or more", r.DuplicateWindow)
	}
	return nil
}
