package cli

import (
	"context"
	"fmt"
	"io"
	"sort"

	"github.com/zumodra/zumodra/internal/kind"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/spf13/cobra"

	"github.com/zumodra/zumodra/internal/idempotency"
	"github.com/zumodra/zumodra/internal/ops"
)

type cleanupStaleCmd struct {
	app    *App
	dryRun bool
	json   bool
}

func newCleanupStaleCommand(app *App) *cobra.Command {
	c := &cleanupStaleCmd{app: app}
	cmd := &cobra.Command{
		Use:   "cleanup-stale",
		Short: "Remove catalog rows of deleted or suspended tenants, expired jobs and vanished sources",
		Long: `Sweep the public catalogs of rows that must not stay public whatever the workers did:
rows of tenants that were deleted or are suspended, jobs past their application deadline
(hidden at query time until swept), and rows whose source row no longer exists. Each
tenant is swept in one transaction holding its sync lock. The workers run this
periodically too. Exit status 1 when a tenant could not be swept.`,
		Example: `  zumodra cleanup-stale --dry-run
  zumodra cleanup-stale
  zumodra cleanup-stale --json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return app.run(cmd.Context(), c) },
	}
	cmd.Flags().BoolVar(&c.dryRun, "dry-run", false, "count the rows that would be removed; remove nothing")
	cmd.Flags().BoolVar(&c.json, "json", false, "print the counts as JSON")
	return cmd
}

func (c *cleanupStaleCmd) Validate() error { return nil }

func (c *cleanupStaleCmd) Run(ctx context.Context) error {
	return c.app.withDB(ctx, func(pool *pgxpool.Pool) error {
		rep, err := (&ops.Cleaner{Pool: pool, Log: c.app.Log}).Sweep(ctx, c.dryRun)
		if err != nil {
			return err
		}
		if err := writeReport(c.app.Stdout, c.json, rep, printCleanup); err != nil {
			return err
		}
		if len(rep.Errors) > 0 {
			return exitError{code: ExitFailure, msg: fmt.Sprintf("%d tenants could not be swept (see above)", len(rep.Errors))}
		}
		return nil
	})
}

var sweepLabels = map[string]string{
	ops.SweptTenantGone:      "tenant deleted",
	ops.SweptTenantSuspended: "tenant suspended",
	ops.SweptDeadlinePassed:  "deadline passed",
	ops.SweptSourceGone:      "source row gone",
}

func printCleanup(w io.Writer, rep ops.CleanupReport) {
	verb := "Removed"
	if rep.DryRun {
		verb = "Would remove (dry run, nothing removed)"
	}
	fmt.Fprintf(w, "%s:\n", verb)
	tw := newTable(w)
	fmt.Fprintln(tw, "REASON\tJOBS\tPROVIDERS")
	for _, reason := range ops.SweepReasons {
		prov := fmt.Sprint(rep.Removed[reason][kind.Providers])
		if reason == ops.SweptDeadlinePassed {
			prov = "-" // providers have no deadline
		}
		fmt.Fprintf(tw, "%s\t%d\t%s\n", sweepLabels[reason], rep.Removed[reason][kind.Jobs], prov)
	}
	tw.Flush()
	slugs := make([]string, 0, len(rep.Errors))
	for s := range rep.Errors {
		slugs = append(slugs, s)
	}
	sort.Strings(slugs)
	for _, s := range slugs {
		fmt.Fprintf(w, "✗ %s: %s\n", s, rep.Errors[s])
	}
	fmt.Fprintf(w, "Total: %d rows, %d tenants swept in %s.\n", rep.Total(), rep.Tenants, opsSeconds(rep.Duration))
	if rep.Heartbeats > 0 {
		fmt.Fprintf(w, "Heartbeats of workers silent for over %s: %d.\n", ops.HeartbeatRetention, rep.Heartbeats)
	}
	if rep.IdempotencyKeys > 0 {
		fmt.Fprintf(w, "Idempotency keys older than %s: %d.\n", idempotency.Retention, rep.IdempotencyKeys)
	}
}
