package config

import (
	"fmt"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/zumodra/zumodra/internal/database"
)

// One scheme names every pool setting: ZUMODRA_DB_<ROLE>_<SETTING> in the
// environment and --db-<role>-<setting> on the command line, for the roles
// of database.Roles and the settings below.
type dbSetting struct {
	name  string // flag suffix; the environment uses it upper-cased with _
	usage string
	dur   func(*database.Limits) *time.Duration // nil for the pool size
}

var dbSettings = []dbSetting{
	{name: "max-conns", usage: "pool size"},
	{name: "statement-timeout", usage: "statement_timeout (0: none)", dur: func(l *database.Limits) *time.Duration { return &l.StatementTimeout }},
	{name: "lock-timeout", usage: "lock_timeout (0: none)", dur: func(l *database.Limits) *time.Duration { return &l.LockTimeout }},
	{name: "idle-in-transaction-timeout", usage: "idle_in_transaction_session_timeout (0: none)", dur: func(l *database.Limits) *time.Duration { return &l.IdleInTxTimeout }},
	{name: "idle-time", usage: "close connections idle this long", dur: func(l *database.Limits) *time.Duration { return &l.IdleTime }},
}

// DBEnv is the environment variable of one role's setting.
func DBEnv(r database.Role, setting string) string {
	return "ZUMODRA_DB_" + strings.ToUpper(string(r)) + "_" + strings.ToUpper(strings.ReplaceAll(setting, "-", "_"))
}

// dbFromEnv overrides c.DB with the environment's settings.
func (c *Config) dbFromEnv(getenv func(string) string) error {
	for _, r := range database.Roles {
		l := c.DB[r]
		for _, s := range dbSettings {
			name := DBEnv(r, s.name)
			v := getenv(name)
			if v == "" {
				continue
			}
			if s.dur == nil {
				n, err := parseInt(name, v)
				if err != nil {
					return err
				}
				l.MaxConns = n
				continue
			}
			d, err := parseDuration(name, v)
			if err != nil {
				return err
			}
			*s.dur(&l) = d
		}
		c.DB[r] = l
	}
	return nil
}

// BindDBFlags registers --db-<role>-<setting> for the given roles.
func (c *Config) BindDBFlags(fs *pflag.FlagSet, roles ...database.Role) {
	for _, r := range roles {
		l := c.DB[r]
		c.DB[r] = l
		for _, s := range dbSettings {
			flag := "db-" + string(r) + "-" + s.name
			usage := fmt.Sprintf("%s of the %s pool (env %s)", s.usage, r, DBEnv(r, s.name))
			if s.dur == nil {
				fs.Var(&limitsInt{c: c, r: r}, flag, usage)
				fs.Lookup(flag).DefValue = fmt.Sprint(l.MaxConns)
				continue
			}
			fs.Var(&limitsDur{c: c, r: r, get: s.dur}, flag, usage)
			fs.Lookup(flag).DefValue = s.dur(&l).String()
		}
	}
}

func (c Config) validateDB() error {
	for _, r := range database.Roles {
		if err := c.DB[r].Validate(); err != nil {
			return fmt.Errorf("database %s pool: %w", r, err)
		}
	}
	return nil
}

// limitsInt and limitsDur write one field of c.DB[r], a map value, through
// a flag.
type limitsInt struct {
	c *Config
	r database.Role
}

func (v *limitsInt) String() string {
	if v.c == nil {
		return ""
	}
	return fmt.Sprint(v.c.DB[v.r].MaxConns)
}
func (v *limitsInt) Type() string { return "int" }
func (v *limitsInt) Set(s string) error {
	n, err := parseInt("--db-"+string(v.r)+"-max-conns", s)
	if err == nil {
		l := v.c.DB[v.r]
		l.MaxConns = n
		v.c.DB[v.r] = l
	}
	return err
}

type limitsDur struct {
	c   *Config
	r   database.Role
	get func(*database.Limits) *time.Duration
}

func (v *limitsDur) String() string {
	if v.c == nil {
		return ""
	}
	l := v.c.DB[v.r]
	return v.get(&l).String()
}
func (v *limitsDur) Type() string { return "duration" }
func (v *limitsDur) Set(s string) error {
	d, err := time.ParseDuration(strings.TrimSpace(s))
	if err != nil {
		return fmt.Errorf("want a duration like 500ms, 30s or 15m")
	}
	l := v.c.DB[v.r]
	*v.get(&l) = d
	v.c.DB[v.r] = l
	return nil
}
