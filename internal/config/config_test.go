package config

import (
	"log/slog"
	"math"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/spf13/pflag"

	"github.com/zumodra/zumodra/internal/database"
)

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestDefaults(t *testing.T) {
	c, err := FromEnv(env(nil))
	if err != nil {
		t.Fatal(err)
	}
	if c.HTTP != (HTTPLimits{ResultCache: true, SearchIndex: true, APIRateLimit: 600, FormRateLimit: 10, RequestTimeout: 8 * time.Second}) {
		t.Fatalf("default limits = %+v", c.HTTP)
	}
	if c.Addr != ":8002" || c.Workers != 2 || c.LogFormat != FormatAuto || c.LogLevel != slog.LevelInfo ||
		c.DataDir != ".zumodra/pg" || c.DatabaseURL != "" {
		t.Fatalf("defaults = %+v", c)
	}
	if err := c.Validate(); err != nil {
		t.Fatalf("defaults must be valid: %v", err)
	}
	if c.Reverse.DuplicateWindow != 24*time.Hour {
		t.Fatalf("default duplicate window %s", c.Reverse.DuplicateWindow)
	}
	c.Reverse.DuplicateWindow = -time.Second
	if err := c.Validate(); err == nil || !strings.Contains(err.Error(), "duplicate window") {
		t.Fatalf("negative window: %v", err)
	}
}

func TestEnvThenFlags(t *testing.T) {
	c, err := FromEnv(env(map[string]string{
		EnvDatabaseURL: "postgres://u:pw@db:5432/z", EnvAddr: "127.0.0.1:9000", EnvWorkers: "5",
		EnvLogLevel: "debug", EnvLogFormat: "json", EnvAdminToken: "tok", EnvBaseURL: "https://jobs.example.com/",
		EnvDataDir: "/var/lib/z", EnvPollInterval: "50ms", EnvVerifyInterval: "-1s", EnvCleanupInterval: "2h",
		EnvResultCache: "false", EnvSearchIndex: "false", EnvAPIRateLimit: "0", EnvFormRateLimit: "30", EnvDuplicateWindow: "10m",
		EnvRetention: "30d", EnvHeartbeatInterval: "3s", EnvRequestTimeout: "4s", EnvCountFlushInterval: "30s",
		EnvSMTPHost: "mail.example.com", EnvSMTPFrom: "jobs@example.com", EnvSMTPUsername: "jobs", EnvSMTPPassword: " secret ",
		EnvSMTPPort: "2525", EnvSMTPStartTLS: "false", EnvWebhookAllowPrivate: "true",
		EnvReadDatabaseURL: "postgres://u:pw@replica/z", EnvReadMaxLag: "5s", EnvHeapHeadroom: "0.25",
	}))
	if err != nil {
		t.Fatal(err)
	}
	want := Config{DatabaseURL: "postgres://u:pw@db:5432/z", DataDir: "/var/lib/z", Addr: "127.0.0.1:9000",
		AdminToken: "tok", BaseURL: "https://jobs.example.com", LogLevel: slog.LevelDebug, LogFormat: "json", Workers: 5,
		HeapHeadroom: 0.25,
		Sync: SyncTiming{PollInterval: 50 * time.Millisecond, VerifyInterval: -time.Second, CleanupInterval: 2 * time.Hour,
			HeartbeatInterval: 3 * time.Second},
		HTTP: HTTPLimits{ResultCache: false, APIRateLimit: 0, FormRateLimit: 30, RequestTimeout: 4 * time.Second}, DB: database.DefaultLimits(),
		Reverse: Reverse{DuplicateWindow: 10 * time.Minute, Retention: 30 * 24 * time.Hour}, Counts: Counts{FlushInterval: 30 * time.Second},
		Read: ReadReplica{URL: "postgres://u:pw@replica/z", MaxLag: 5 * time.Second},
		Notify: Notify{SMTP: SMTP{Host: "mail.example.com", Port: 2525, From: "jobs@example.com", Username: "jobs", Password: " secret "},
			WebhookAllowPrivate: true}}
	if !reflect.DeepEqual(c, want) {
		t.Fatalf("from env = %+v\nwant %+v", c, want)
	}
	fs := pflag.NewFlagSet("t", pflag.ContinueOnError)
	c.BindGlobalFlags(fs)
	c.BindServeFlags(fs)
	c.BindWorkerFlags(fs, "workers")
	c.BindReadFlags(fs)
	if err := fs.Parse([]string{"--addr=:7000", "--workers=0", "--log-level=warn", "--log-format=text", "--poll-interval=25ms",
		"--result-cache=true", "--search-index=true", "--api-rate-limit=120", "--duplicate-window=0", "--heartbeat-interval=2s", "--request-timeout=0",
		"--applicant-retention=0", "--count-flush-interval=2s", "--read-max-lag=1m"}); err != nil {
		t.Fatal(err)
	}
	if c.Addr != ":7000" || c.Workers != 0 || c.LogLevel != slog.LevelWarn || c.LogFormat != "text" ||
		c.Sync.PollInterval != 25*time.Millisecond || c.Sync.CleanupInterval != 2*time.Hour ||
		c.HTTP != (HTTPLimits{ResultCache: true, SearchIndex: true, APIRateLimit: 120, FormRateLimit: 30}) || c.Reverse.DuplicateWindow != 0 ||
		c.Reverse.Retention != 0 || c.Sync.HeartbeatInterval != 2*time.Second || c.Counts.FlushInterval != 2*time.Second ||
		c.Read.MaxLag != time.Minute {
		t.Fatalf("flags must win over env: %+v", c)
	}
	if def := fs.Lookup("database-url").DefValue; def != "postgres://u:REDACTED@db:5432/z" {
		t.Fatalf("--help would show the database URL default as %q", def)
	}
	if def := fs.Lookup("read-database-url").DefValue; def != "postgres://u:REDACTED@replica/z" {
		t.Fatalf("--help would show the read database URL default as %q", def)
	}
	if c.DatabaseURL != want.DatabaseURL || c.DataDir != want.DataDir || c.Read.URL != want.Read.URL {
		t.Fatalf("flags not given must keep env values: %+v", c)
	}
}

func TestInvalid(t *testing.T) {
	for name, e := range map[string]map[string]string{
		"workers not a number":   {EnvWorkers: "two"},
		"unknown level":          {EnvLogLevel: "loud"},
		"poll not a duration":    {EnvPollInterval: "fast"},
		"cache not a boolean":    {EnvResultCache: "sometimes"},
		"index not a boolean":    {EnvSearchIndex: "maybe"},
		"pprof not a boolean":    {EnvPprof: "please"},
		"headroom not a number":  {EnvHeapHeadroom: "half"},
		"limit not a number":     {EnvAPIRateLimit: "many"},
		"timeout not a duration": {EnvRequestTimeout: "soon"},
		"lag not a duration":     {EnvReadMaxLag: "little"},
		"flush not a duration":   {EnvCountFlushInterval: "often"},
	} {
		if _, err := FromEnv(env(e)); err == nil {
			t.Errorf("%s: FromEnv accepted %v", name, e)
		}
	}
	for name, mut := range map[string]func(*Config){
		"format":       func(c *Config) { c.LogFormat = "xml" },
		"addr":         func(c *Config) { c.Addr = "8002" },
		"workers":      func(c *Config) { c.Workers = -1 },
		"api limit":    func(c *Config) { c.HTTP.APIRateLimit = -1 },
		"form limit":   func(c *Config) { c.HTTP.FormRateLimit = -5 },
		"poll":         func(c *Config) { c.Sync.PollInterval = time.Microsecond },
		"base url":     func(c *Config) { c.BaseURL = "jobs.example.com" },
		"db scheme":    func(c *Config) { c.DatabaseURL = "mysql://u:secret@h/db" },
		"db garbage":   func(c *Config) { c.DatabaseURL = "secret" },
		"no data dir":  func(c *Config) { c.DataDir = "" },
		"heartbeat":    func(c *Config) { c.Sync.HeartbeatInterval = time.Millisecond },
		"timeout":      func(c *Config) { c.HTTP.RequestTimeout = -time.Second },
		"read scheme":  func(c *Config) { c.Read.URL = "mysql://u:secret@replica/db" },
		"read lag":     func(c *Config) { c.Read.MaxLag = -time.Second },
		"count flush":  func(c *Config) { c.Counts.FlushInterval = time.Millisecond },
		"pprof alone":  func(c *Config) { c.Pprof = true },
		"headroom":     func(c *Config) { c.HeapHeadroom = -0.5 },
		"headroom nan": func(c *Config) { c.HeapHeadroom = math.NaN() },
	} {
		c := Default()
		mut(&c)
		err := c.Validate()
		if err == nil {
			t.Errorf("%s: Validate accepted %+v", name, c)
		} else if strings.Contains(err.Error(), "secret") {
			t.Errorf("%s: error repeats a secret: %v", name, err)
		}
	}
}

func TestRedactURL(t *testing.T) {
	for in, want := range map[string]string{
		"postgres://u:s3cret@db:5432/z?sslmode=disable":   "postgres://u:REDACTED@db:5432/z?sslmode=disable",
		"postgres://u@db/z":                               "postgres://u@db/z",
		"postgres://db/z?password=s3cret&sslmode=require": "postgres://db/z?password=REDACTED&sslmode=require",
		"host=db user=u password=s3cret dbname=z":         "host=db user=u password=REDACTED dbname=z",
		"host=db password = 's3 cret\\' x' dbname=z":      "host=db password = REDACTED dbname=z",
		"postgres://u:s3cret@db:bad port/z":               "(unparsable URL, REDACTED)",
	} {
		if got := RedactURL(in); got != want {
			t.Errorf("RedactURL(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSecretsNeverPrinted(t *testing.T) {
	c := Default()
	c.DatabaseURL = "postgres://u:s3cret@db/z"
	c.Read.URL = "postgres://u:s3cret@replica/z"
	c.AdminToken = "t0ken-value"
	var b strings.Builder
	slog.New(slog.NewJSONHandler(&b, nil)).Info("config", "config", c)
	slog.New(slog.NewTextHandler(&b, nil)).Info("config", "config", c)
	b.WriteString(c.String())
	out := b.String()
	for _, secret := range []string{"s3cret", "t0ken-value"} {
		if strings.Contains(out, secret) {
			t.Fatalf("secret %q printed:\n%s", secret, out)
		}
	}
	if !strings.Contains(out, "postgres://u:REDACTED@db/z") || !strings.Contains(out, "admin_token=REDACTED") {
		t.Fatalf("redacted forms missing:\n%s", out)
	}
}

func TestDBLimitsFromEnvThenFlags(t *testing.T) {
	c, err := FromEnv(env(map[string]string{
		"ZUMODRA_DB_PUBLIC_MAX_CONNS": "12", "ZUMODRA_DB_WRITE_LOCK_TIMEOUT": "750ms",
		"ZUMODRA_DB_WORKER_IDLE_IN_TRANSACTION_TIMEOUT": "3s",
	}))
	if err != nil {
		t.Fatal(err)
	}
	fs := pflag.NewFlagSet("t", pflag.ContinueOnError)
	c.BindDBFlags(fs, database.RolePublic, database.RoleWrite)
	if err := fs.Parse([]string{"--db-public-statement-timeout=2s", "--db-write-max-conns=3"}); err != nil {
		t.Fatal(err)
	}
	def := database.DefaultLimits()
	pub, wr, wk := c.DB[database.RolePublic], c.DB[database.RoleWrite], c.DB[database.RoleWorker]
	if pub.MaxConns != 12 || pub.StatementTimeout != 2*time.Second || pub.LockTimeout != def[database.RolePublic].LockTimeout {
		t.Errorf("public = %+v", pub)
	}
	if wr.MaxConns != 3 || wr.LockTimeout != 750*time.Millisecond {
		t.Errorf("write = %+v", wr)
	}
	if wk.IdleInTxTimeout != 3*time.Second || wk.MaxConns != def[database.RoleWorker].MaxConns {
		t.Errorf("worker = %+v", wk)
	}
	if fs.Lookup("db-worker-max-conns") != nil {
		t.Error("only the roles asked for get flags")
	}
	if _, err := FromEnv(env(map[string]string{"ZUMODRA_DB_READY_LOCK_TIMEOUT": "soon"})); err == nil ||
		!strings.Contains(err.Error(), "ZUMODRA_DB_READY_LOCK_TIMEOUT") {
		t.Errorf("a bad duration must name its variable: %v", err)
	}
	c.DB[database.RolePublic] = database.Limits{MaxConns: 0}
	if err := c.Validate(); err == nil || !strings.Contains(err.Error(), "public pool") {
		t.Errorf("a pool of 0 must be refused naming the pool: %v", err)
	}
}

// SMTP settings that cannot work are refused at start, and the password
// never shows in the logged configuration.
func TestNotifyValidationAndRedaction(t *testing.T) {
	for _, s := range []SMTP{
		{Host: "mail.example.com", Port: 587, From: "Jobs <jobs@example.com>"},
		{Host: "mail.example.com", Port: 587, From: "jobs@example.com\r\nBcc: x@example.com"},
		{Host: "mail.example.com", Port: 0, From: "jobs@example.com"},
		{Host: "mail.example.com", Port: 587, From: "jobs@example.com", Username: "u"},
	} {
		c := Default()
		c.Notify.SMTP = s
		if err := c.Validate(); err == nil {
			t.Errorf("%+v accepted", s)
		}
	}
	c := Default()
	if c.Notify.SMTP.Enabled() || !c.Notify.SMTP.StartTLS || c.Notify.SMTP.Port != DefaultSMTPPort || c.Notify.WebhookAllowPrivate {
		t.Fatalf("default notify %+v", c.Notify)
	}
	c.Notify.SMTP = SMTP{Host: "mail.example.com", Port: 587, From: "jobs@example.com", Username: "u", Password: "hunter2"}
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	slog.New(slog.NewTextHandler(&b, nil)).Info("start", "config", c)
	if strings.Contains(b.String(), "hunter2") || !strings.Contains(b.String(), "smtp_password=REDACTED") {
		t.Fatalf("logged %s", b.String())
	}
}
