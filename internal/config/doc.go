// Package config holds zumodra's run-time configuration: one Config struct,
// built once from defaults, the environment and command-line flags (in that
// order of precedence, flags last), then passed down. Secrets it carries (the
// admin token, the password in DATABASE_URL) never appear in its String or
// slog form.
package config
