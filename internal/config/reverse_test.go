package config

import (
	"strings"
	"testing"
	"time"

	"github.com/spf13/pflag"
)

// The retention takes days or a Go duration; 0 keeps forever, and anything
// under a day, over a century, negative or unreadable is refused naming it.
func TestApplicantRetention(t *testing.T) {
	c := Default()
	if c.Reverse.Retention != 365*24*time.Hour {
		t.Fatalf("default retention %s", c.Reverse.Retention)
	}
	for v, want := range map[string]time.Duration{"365d": 365 * day, " 30d ": 30 * day, "0": 0, "0d": 0, "2160h": 90 * day, "36500d": 36500 * day} {
		c, err := FromEnv(env(map[string]string{EnvRetention: v}))
		if err != nil || c.Reverse.Retention != want || c.Validate() != nil {
			t.Errorf("%q: %s, %v, %v", v, c.Reverse.Retention, err, c.Validate())
		}
	}
	for _, v := range []string{"365", "-1d", "1.5d", "d", "1e9d", "99999999999999999999d", "36501d", "abc", "365d\x00", "１d"} {
		if _, err := FromEnv(env(map[string]string{EnvRetention: v})); err == nil || !strings.Contains(err.Error(), EnvRetention) {
			t.Errorf("%q accepted or unnamed: %v", v, err)
		}
	}
	for _, v := range []string{"1h", "23h59m", "-24h", "876001h"} {
		c, err := FromEnv(env(map[string]string{EnvRetention: v}))
		if err != nil {
			t.Fatalf("%q: %v", v, err)
		}
		if err := c.Validate(); err == nil || !strings.Contains(err.Error(), "applicant retention") {
			t.Errorf("%q valid: %v", v, err)
		}
	}
	fs := pflag.NewFlagSet("t", pflag.ContinueOnError)
	c.BindRetentionFlag(fs)
	if def := fs.Lookup("applicant-retention").DefValue; def != "365d" {
		t.Fatalf("--help shows the default as %q", def)
	}
	if err := fs.Parse([]string{"--applicant-retention=90d"}); err != nil || c.Reverse.Retention != 90*day {
		t.Fatalf("flag: %s %v", c.Reverse.Retention, err)
	}
	if err := fs.Parse([]string{"--applicant-retention=soon"}); err == nil {
		t.Fatal("--applicant-retention=soon accepted")
	}
}
