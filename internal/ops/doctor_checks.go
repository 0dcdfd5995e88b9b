package ops

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/zumodra/zumodra/internal/kind"

	"github.com/zumodra/zumodra/internal/migrate"
	"github.com/zumodra/zumodra/internal/outbox"
)

// maxLines bounds the detail lines of one check on a large system.
const maxLines = 20

func (d *Doctor) checkDatabase(ctx context.Context) Check {
	c := Check{Name: "database reachable", Hint: "check DATABASE_URL (or the embedded cluster in --data-dir) and that PostgreSQL is running"}
	if d.Pool == nil {
		c.Detail = "no connection"
		if d.ConnErr != nil {
			c.Detail = d.ConnErr.Error()
		}
		return c
	}
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	var version string
	if err := d.Pool.QueryRow(ctx, `SELECT current_setting('server_version')`).Scan(&version); err != nil {
		c.Detail = err.Error()
		return c
	}
	c.OK, c.Detail, c.Hint = true, "PostgreSQL "+version, ""
	return c
}

func (d *Doctor) checkSharedMigrations(ctx context.Context) Check {
	shared, _, err := migrate.Status(ctx, d.Pool, []string{})
	if err != nil {
		return failed(err, "")
	}
	c := Check{Detail: fmt.Sprintf("%d of %d applied", len(shared.Migrations)-shared.Pending(), len(shared.Migrations))}
	for _, m := range shared.Migrations {
		if m.AppliedAt == nil {
			c.Lines = append(c.Lines, fmt.Sprintf("pending %04d_%s", m.Version, m.Name))
		}
	}
	c.OK = shared.Pending() == 0
	if !c.OK {
		c.Hint = "run: zumodra migrate"
	}
	return c
}

func (d *Doctor) checkTenantMigrations(ctx context.Context) Check {
	_, ts, err := migrate.Status(ctx, d.Pool, nil)
	if err != nil {
		return failed(err, "")
	}
	outdated := 0
	var lines []string
	for _, st := range ts {
		if n := st.Pending(); n > 0 {
			outdated++
			lines = append(lines, fmt.Sprintf("%s: %d pending", st.Schema, n))
		}
	}
	c := Check{OK: outdated == 0, Lines: capLines(lines)}
	c.Detail = fmt.Sprintf("%d tenant schemas, %d up to date", len(ts), len(ts)-outdated)
	if !c.OK {
		c.Hint = "run: zumodra migrate --tenant"
	}
	return c
}

func (d *Doctor) checkTables(ctx context.Context) Check {
	want := ExpectedTables(migrate.TrackShared)
	var missing []string
	for _, tb := range want {
		var ok bool
		if err := d.Pool.QueryRow(ctx, `SELECT to_regclass($1) IS NOT NULL`, "public."+tb.Name).Scan(&ok); err != nil {
			return failed(err, "")
		}
		if !ok {
			missing = append(missing, fmt.Sprintf("public.%s (from %s)", tb.Name, tb.Migration))
		}
	}
	c := Check{OK: len(missing) == 0, Lines: capLines(missing)}
	c.Detail = fmt.Sprintf("%d of %d shared tables present", len(want)-len(missing), len(want))
	if !c.OK {
		c.Hint = "run: zumodra migrate (if it reports nothing to apply, the tables were dropped by hand: restore them from a backup)"
	}
	return c
}

// IndexHint is what doctor says about a missing index. migrate cannot help:
// the migration that created the index is recorded as applied, so it never
// runs again; recreating it from that migration's own statement can.
const IndexHint = "zumodra migrate will not recreate these: their migrations are recorded as applied. " +
	"Recreate them from the migrations' own statements with: zumodra doctor --recreate-indexes"

func (d *Doctor) checkIndexes(ctx context.Context) Check {
	missing, counts, err := MissingIndexes(ctx, d.Pool)
	if err != nil {
		return failed(err, "")
	}
	c := Check{OK: len(missing) == 0}
	for _, k := range kind.All {
		tb := strings.TrimPrefix(k.Table(), "public.")
		c.Lines = append(c.Lines, fmt.Sprintf("public.%s: %d of %d indexes", tb, counts[tb].present, counts[tb].want))
	}
	for _, m := range capMissing(missing) {
		c.Lines = append(c.Lines, fmt.Sprintf("missing %s.%s on %s (from %s %s)", m.Schema, m.Name, m.Table, m.Track, m.Migration))
	}
	c.Detail = fmt.Sprintf("%d missing", len(missing))
	if c.OK {
		c.Detail = "all indexes the migrations create are present"
	} else {
		c.Hint = IndexHint
	}
	return c
}

func (d *Doctor) checkCatalogs(ctx context.Context) Check {
	rep, err := (&Verifier{Pool: d.Pool, Log: d.Log, Now: d.Now}).Verify(ctx, VerifyOptions{})
	if err != nil {
		return failed(err, "")
	}
	c := Check{OK: rep.Discrepancies() == 0 && !rep.Failed()}
	var public, tenants int
	for i := 0; i < len(rep.Results); i += len(kind.All) {
		tenants++
		c.Lines = append(c.Lines, tenantLine(rep.Results[i:i+len(kind.All)]))
		for _, r := range rep.Results[i : i+len(kind.All)] {
			public += r.Eligible
		}
	}
	c.Lines = capLines(c.Lines)
	c.Detail = fmt.Sprintf("%d tenants, %d public rows expected, %d discrepancies", tenants, public, rep.Discrepancies())
	if !c.OK {
		c.Hint = "see: zumodra verify; fix with: zumodra verify --repair (or zumodra sync-public-catalogs)"
	}
	return c
}

// tenantLine is the original's "Jobs: 15 eligible → 15 in catalog" for one
// tenant's results.
func tenantLine(rs []CatalogResult) string {
	parts := make([]string, len(rs))
	for i, r := range rs {
		parts[i] = fmt.Sprintf("%s %d eligible → %d in catalog", r.Catalog, r.Eligible, r.InCatalog)
		if n := r.Discrepancies(); n > 0 {
			parts[i] += fmt.Sprintf(" (%d missing, %d stale, %d drifted)", r.Missing, r.Stale, r.Drifted)
		}
		if r.Err != "" {
			parts[i] += " (verification failed: " + r.Err + ")"
		}
	}
	return fmt.Sprintf("%s (%s): %s", rs[0].TenantName, rs[0].Tenant, strings.Join(parts, "; "))
}

func (d *Doctor) checkOutbox(ctx context.Context) Check {
	q, err := ReadQueue(ctx, d.Pool)
	if err != nil {
		return failed(err, "")
	}
	c := Check{OK: q.Pending <= d.maxDepth() && q.OldestAge <= d.maxAge()}
	c.Detail = fmt.Sprintf("%d pending (%d retrying), oldest waiting %s; limits %d rows, %s",
		q.Pending, q.Retrying, q.OldestAge.Round(time.Second), d.maxDepth(), d.maxAge())
	if !c.OK {
		c.Hint = "the workers are not keeping up or not running: see 'workers alive', their logs, and start more with: zumodra worker"
	}
	return c
}

// checkTenantLag names the tenants whose oldest pending change waits
// longer than the limit: a worker frozen on a tenant's lock, or a tenant
// whose rows keep failing, stalls that tenant while the rest flows.
func (d *Doctor) checkTenantLag(ctx context.Context) Check {
	lags, err := outbox.LaggingTenants(ctx, d.Pool, d.tenantLag())
	if err != nil {
		return failed(err, "")
	}
	c := Check{OK: len(lags) == 0, Detail: fmt.Sprintf("%d tenants with a change waiting over %s", len(lags), d.tenantLag())}
	for _, l := range lags {
		c.Lines = append(c.Lines, fmt.Sprintf("%s: %d pending, oldest waiting %s", l.TenantSlug, l.Pending, l.OldestAge.Round(time.Second)))
	}
	c.Lines = capLines(c.Lines)
	if !c.OK {
		c.Hint = "a worker may be stuck on these tenants: see 'workers alive' and the workers' logs; a frozen worker loses the tenant's lock after the worker pool's idle-in-transaction timeout"
	}
	return c
}

func (d *Doctor) checkDeadLetters(ctx context.Context) Check {
	q, err := outbox.ReadDepth(ctx, d.Pool)
	if err != nil {
		return failed(err, "")
	}
	c := Check{OK: q.Dead == 0, Detail: fmt.Sprintf("%d dead letters", q.Dead)}
	if c.OK {
		return c
	}
	dead, err := outbox.ListDead(ctx, d.Pool, outbox.DeadFilter{Limit: 5})
	if err != nil {
		return failed(err, "")
	}
	for _, e := range dead {
		c.Lines = append(c.Lines, fmt.Sprintf("#%d %s %s %d after %d attempts: %s", e.ID, e.TenantSlug, e.Entity, e.SourceID, e.Attempts, e.LastError))
	}
	c.Hint = "read their errors on /admin/, fix the cause, then retry them there (Retry)"
	return c
}

func (d *Doctor) checkWorkers(ctx context.Context) Check {
	ws, err := outbox.ReadWorkers(ctx, d.Pool)
	if err != nil {
		return failed(err, "")
	}
	alive := 0
	for _, w := range ws {
		if w.Alive(d.HeartbeatMaxAge) {
			alive++
		}
	}
	within := fmt.Sprintf("%d missed heartbeats", outbox.MissedBeats)
	if d.HeartbeatMaxAge > 0 {
		within = "heartbeat within " + d.HeartbeatMaxAge.String()
	}
	c := Check{OK: alive > 0, Detail: fmt.Sprintf("%d alive, %d dead (dead after %s)", alive, len(ws)-alive, within)}
	if len(ws) > 0 {
		c.Detail += fmt.Sprintf("; freshest heartbeat %s ago", ws[0].Age.Round(time.Second))
	}
	if !c.OK {
		c.Hint = "start the sync workers: zumodra serve runs them in-process (ZUMODRA_WORKERS > 0), or run: zumodra worker"
	}
	return c
}

func failed(err error, hint string) Check {
	return Check{Detail: "check failed: " + err.Error(), Hint: hint}
}

func capLines(lines []string) []string {
	if len(lines) <= maxLines {
		return lines
	}
	return append(lines[:maxLines:maxLines], fmt.Sprintf("... and %d more", len(lines)-maxLines))
}

func capMissing(ms []MissingIndex) []MissingIndex { return ms[:min(len(ms), maxLines)] }
