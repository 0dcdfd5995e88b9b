package config

import (
	"fmt"
	"log/slog"
	"net/url"
	"regexp"
	"strings"
)

const redacted = "REDACTED"

// String shows the configuration with its secrets redacted.
func (c Config) String() string {
	return fmt.Sprintf("database_url=%s data_dir=%s addr=%s admin_token=%s base_url=%s log_level=%s log_format=%s workers=%d",
		c.DatabaseDescription(), c.DataDir, c.Addr, tokenState(c.AdminToken), c.BaseURL, c.LogLevel, c.LogFormat, c.Workers)
}

// LogValue makes slog print the redacted form whatever handler is used.
func (c Config) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("database_url", c.DatabaseDescription()),
		slog.String("read_database_url", c.Read.Description()),
		slog.String("data_dir", c.DataDir),
		slog.String("addr", c.Addr),
		slog.String("admin_token", tokenState(c.AdminToken)),
		slog.String("metrics_token", tokenState(c.MetricsToken)),
		slog.String("metrics_addr", c.MetricsAddr),
		slog.String("base_url", c.BaseURL),
		slog.String("log_level", c.LogLevel.String()),
		slog.String("log_format", c.LogFormat),
		slog.Int("workers", c.Workers),
		slog.String("smtp_host", c.Notify.SMTP.Host),
		slog.String("smtp_password", tokenState(c.Notify.SMTP.Password)),
	)
}

// DatabaseDescription names the database without its password: the
// redacted URL, or "embedded" when none is set.
func (c Config) DatabaseDescription() string {
	if c.DatabaseURL == "" {
		return "embedded"
	}
	return RedactURL(c.DatabaseURL)
}

func tokenState(tok string) string {
	if tok == "" {
		return "unset"
	}
	return redacted
}

// kvPassword finds password=... in a keyword/value connection string,
// quoted or not.
var kvPassword = regexp.MustCompile(`(?i)(password\s*=\s*)('(?:[^'\\]|\\.)*'|\S+)`)

// RedactURL replaces the password in a connection string (URL form, its
// query parameters, or keyword/value form) with REDACTED.
func RedactURL(raw string) string {
	if !strings.Contains(raw, "://") {
		return kvPassword.ReplaceAllString(raw, "${1}"+redacted)
	}
	u, err := url.Parse(raw)
	if err != nil {
		return "(unparsable URL, " + redacted + ")" // it may hold a password anywhere
	}
	if _, has := u.User.Password(); has {
		u.User = url.UserPassword(u.User.Username(), redacted)
	}
	q := u.Query()
	if q.Has("password") {
		q.Set("password", redacted)
		u.RawQuery = q.Encode()
	}
	return u.String()
}
