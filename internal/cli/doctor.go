package cli

import (
	"context"
	"fmt"
	"io"
	"net/url"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/spf13/cobra"

	"github.com/zumodra/zumodra/internal/ops"
)

type doctorCmd struct {
	app             *App
	url             string
	json            bool
	recreateIndexes bool
	maxOutboxDepth  int
	maxPendingAge   time.Duration
	heartbeatMaxAge time.Duration
	maxTenantLag    time.Duration
}

func newDoctorCommand(app *App) *cobra.Command {
	c := &doctorCmd{app: app}
	cmd := &cobra.Command{
		Use:   "doctor",
		Short: "Check a deployment: the original checklist's success criteria, each with a hint",
		Long: `Run the deployment checklist as automatic checks, each printed with ✓ or ✗ and, when it
fails, what to do: database reachable; shared and tenant migrations applied; catalog tables
and every index the migrations create present; catalogs match their sources (eligible
against in catalog, per tenant); outbox not backed up; no dead letters; sync workers alive.
With --url, GET /careers/ and /browse-freelancers/ must answer 200.

An index dropped by hand is not recreated by "zumodra migrate" (its migration is recorded
as applied); --recreate-indexes recreates missing ones from their migration's own statement.
Exit status 1 when any check fails.`,
		Example: `  zumodra doctor
  zumodra doctor --url http://localhost:8002
  zumodra doctor --recreate-indexes
  zumodra doctor --json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return app.run(cmd.Context(), c) },
	}
	f := cmd.Flags()
	f.StringVar(&c.url, "url", "", "base URL of the running site, to check its pages (like http://localhost:8002)")
	f.BoolVar(&c.json, "json", false, "print the checks as JSON")
	f.BoolVar(&c.recreateIndexes, "recreate-indexes", false, "recreate missing indexes from their migrations first")
	f.IntVar(&c.maxOutboxDepth, "max-outbox-depth", ops.DefaultMaxOutboxDepth, "pending outbox rows above which the outbox counts as backed up")
	f.DurationVar(&c.maxPendingAge, "max-pending-age", ops.DefaultMaxPendingAge, "age of the oldest pending row above which the outbox counts as backed up")
	f.DurationVar(&c.maxTenantLag, "max-tenant-lag", ops.DefaultMaxTenantLag, "age of a tenant's oldest pending change above which the tenant is named as stalled")
	f.DurationVar(&c.heartbeatMaxAge, "heartbeat-max-age", 0, "a worker whose last heartbeat is older is not alive; 0 means after two of its own heartbeat intervals")
	return cmd
}

func (c *doctorCmd) Validate() error {
	if c.url != "" {
		u, err := url.Parse(c.url)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return fmt.Errorf("--url %q: want http://host:port", c.url)
		}
	}
	if c.maxOutboxDepth < 0 || c.maxPendingAge < 0 || c.heartbeatMaxAge < 0 || c.maxTenantLag < 0 {
		return fmt.Errorf("thresholds must not be negative")
	}
	return nil
}

// Run checks even when the database cannot be opened: that is the first
// check's failure, reported like the others, not an error before any output.
func (c *doctorCmd) Run(ctx context.Context) error {
	d := &ops.Doctor{Log: c.app.Log, URL: c.url, MaxOutboxDepth: c.maxOutboxDepth,
		MaxPendingAge: c.maxPendingAge, MaxTenantLag: c.maxTenantLag, HeartbeatMaxAge: c.heartbeatMaxAge}
	pool, closeDB, err := c.app.openDB(ctx)
	if err != nil {
		d.ConnErr = err
	} else {
		defer func() {
			if cerr := closeDB(context.WithoutCancel(ctx)); cerr != nil {
				c.app.Log.Warn("closing database", "error", cerr)
			}
		}()
		d.Pool = pool
		if c.recreateIndexes {
			if err := c.recreate(ctx, pool); err != nil {
				return err
			}
		}
	}
	rep := d.Run(ctx)
	if err := writeReport(c.app.Stdout, c.json, rep, printDoctor); err != nil {
		return err
	}
	if !rep.OK {
		return exitError{code: ExitFailure, msg: fmt.Sprintf("%d of %d checks failed", failedCount(rep), len(rep.Checks))}
	}
	return nil
}

func (c *doctorCmd) recreate(ctx context.Context, pool *pgxpool.Pool) error {
	missing, _, err := ops.MissingIndexes(ctx, pool)
	if err != nil {
		return err
	}
	done, err := ops.RecreateIndexes(ctx, pool, missing)
	for _, m := range done {
		if !c.json {
			fmt.Fprintf(c.app.Stdout, "Recreated %s.%s (from %s %s)\n", m.Schema, m.Name, m.Track, m.Migration)
		}
	}
	if err == nil && len(done) == 0 && !c.json {
		fmt.Fprintln(c.app.Stdout, "No index was missing.")
	}
	return err
}

func printDoctor(w io.Writer, rep ops.DoctorReport) {
	fmt.Fprintln(w, "Zumodra doctor")
	for _, ch := range rep.Checks {
		mark := "✓"
		if !ch.OK {
			mark = "✗"
		}
		fmt.Fprintf(w, "  %s %s: %s\n", mark, ch.Name, ch.Detail)
		for _, l := range ch.Lines {
			fmt.Fprintf(w, "      %s\n", l)
		}
		if !ch.OK && ch.Hint != "" {
			fmt.Fprintf(w, "      hint: %s\n", ch.Hint)
		}
	}
	if rep.OK {
		fmt.Fprintf(w, "✓ All %d checks passed.\n", len(rep.Checks))
		return
	}
	fmt.Fprintf(w, "✗ %d of %d checks failed.\n", failedCount(rep), len(rep.Checks))
}

func failedCount(rep ops.DoctorReport) int {
	n := 0
	for _, ch := range rep.Checks {
		if !ch.OK {
			n++
		}
	}
	return n
}
