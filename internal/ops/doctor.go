package ops

import (
	"context"
	"log/slog"
	"net/http"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
)

// Defaults of the doctor's thresholds.
const (
	DefaultMaxOutboxDepth   = 10000
	DefaultMaxPendingAge    = 5 * time.Minute
	DefaultMaxTenantLag     = time.Minute
	defaultDoctorHTTPTimout = 10 * time.Second
)

// Check is one item of the deployment checklist, checked.
type Check struct {
	Name   string   `json:"name"`
	OK     bool     `json:"ok"`
	Detail string   `json:"detail"`          // what was found
	Lines  []string `json:"lines,omitempty"` // details, one per tenant, index or letter
	Hint   string   `json:"hint,omitempty"`  // what to do about a failure
}

// DoctorReport is every check, in checklist order.
type DoctorReport struct {
	Checks []Check `json:"checks"`
	OK     bool    `json:"ok"`
}

// Doctor runs the original deployment checklist's success criteria as
// checks against a live system.
type Doctor struct {
	Pool           *pgxpool.Pool
	ConnErr        error // why Pool is nil: the connection could not be opened
	Log            *slog.Logger
	Now            func() time.Time
	URL            string // base URL of a running site; "" skips the HTTP checks
	HTTP           *http.Client
	MaxOutboxDepth int
	MaxPendingAge  time.Duration
	// MaxTenantLag is the age of a tenant's oldest pending change above
	// which doctor names the tenant (a stalled worker holds up only its
	// tenants); 0: DefaultMaxTenantLag.
	MaxTenantLag time.Duration
	// HeartbeatMaxAge overrides when a worker counts as dead; 0: after
	// outbox.MissedBeats of its own heartbeat intervals.
	HeartbeatMaxAge time.Duration
}

// Run checks everything it can: when the database is unreachable the checks
// that need it are reported as failed with that cause, not skipped silently.
func (d *Doctor) Run(ctx context.Context) DoctorReport {
	var rep DoctorReport
	reach := d.checkDatabase(ctx)
	rep.Checks = append(rep.Checks, reach)
	steps := []func(context.Context) Check{
		d.checkSharedMigrations, d.checkTenantMigrations, d.checkTables, d.checkIndexes,
		d.checkCatalogs, d.checkOutbox, d.checkTenantLag, d.checkDeadLetters, d.checkWorkers,
	}
	names := []string{"shared migrations applied", "tenant migrations applied", "catalog tables present",
		"indexes present", "catalogs match their sources", "outbox not backed up", "no tenant's changes stalled",
		"no dead letters", "workers alive"}
	for i, step := range steps {
		if !reach.OK {
			rep.Checks = append(rep.Checks, Check{Name: names[i], Detail: "not checked: database unreachable",
				Hint: "fix the database connection first"})
			continue
		}
		c := step(ctx)
		c.Name = names[i]
		rep.Checks = append(rep.Checks, c)
	}
	if d.URL != "" {
		for _, path := range []string{"/careers/", "/browse-freelancers/"} {
			rep.Checks = append(rep.Checks, d.checkPage(ctx, path))
		}
	}
	rep.OK = true
	for _, c := range rep.Checks {
		rep.OK = rep.OK && c.OK
	}
	return rep
}

func (d *Doctor) now() time.Time {
	if d.Now != nil {
		return d.Now()
	}
	return time.Now()
}

func (d *Doctor) maxDepth() int { return cmpOr(d.MaxOutboxDepth, DefaultMaxOutboxDepth) }

func (d *Doctor) maxAge() time.Duration { return durOr(d.MaxPendingAge, DefaultMaxPendingAge) }

func (d *Doctor) tenantLag() time.Duration { return durOr(d.MaxTenantLag, DefaultMaxTenantLag) }

func durOr(v, def time.Duration) time.Duration {
	if v > 0 {
		return v
	}
	return def
}
