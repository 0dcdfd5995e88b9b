package cli

import (
	"context"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/spf13/cobra"

	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/inbox"
	"github.com/zumodra/zumodra/internal/retention"
)

type purgeApplicantsCmd struct {
	app     *App
	dryRun  bool
	json    bool
	tenants []string
}

func newPurgeApplicantsCommand(app *App) *cobra.Command {
	c := &purgeApplicantsCmd{app: app}
	cmd := &cobra.Command{
		Use:   "purge-applicants",
		Short: "Delete applicants' data older than the retention period, in every tenant",
		Long: `Delete, in every tenant's schema, the applications and project inquiries whose last
activity (their creation, or their last change such as a status move) is older than
--applicant-retention, with their status history. Those in a working stage of their
pipeline (an application in reviewing, interview or offer; an inquiry replied to) are
kept however old, and counted as held: a tenant closes them, or erases them through its
API. Each batch of rows is one transaction. The workers of serve and worker run this
at the cleanup interval too. --applicant-retention=0 keeps everything.
Exit status 1 when a tenant could not be purged.`,
		Example: `  zumodra purge-applicants --dry-run
  zumodra purge-applicants --applicant-retention=180d
  zumodra purge-applicants --tenant=acme --json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return app.run(cmd.Context(), c) },
	}
	app.Config.BindRetentionFlag(cmd.Flags())
	cmd.Flags().BoolVar(&c.dryRun, "dry-run", false, "count, per tenant, the rows that would be deleted; delete nothing")
	cmd.Flags().BoolVar(&c.json, "json", false, "print the report as JSON")
	cmd.Flags().StringSliceVar(&c.tenants, "tenant", nil, "only these tenants (slugs, comma-separated or repeated)")
	return cmd
}

func (c *purgeApplicantsCmd) Validate() error {
	for _, s := range c.tenants {
		if err := domain.ValidateSlug(s); err != nil {
			return err
		}
	}
	return nil
}

func (c *purgeApplicantsCmd) Run(ctx context.Context) error {
	period := c.app.Config.Reverse.Retention
	if period == 0 {
		fmt.Fprintln(c.app.Stdout, "Applicant retention is 0: applicants' data is kept forever; nothing to purge.")
		return nil
	}
	return c.app.withDB(ctx, func(pool *pgxpool.Pool) error {
		rep, err := (&retention.Purger{DB: pool, Log: c.app.Log, Period: period}).Purge(ctx, c.dryRun, c.tenants)
		if domain.IsNotFound(err) {
			return usageErrorf("%s (see: zumodra tenants list)", domain.ErrorMessage(err))
		}
		if err != nil {
			return err
		}
		if err := writeReport(c.app.Stdout, c.json, rep, printPurge); err != nil {
			return err
		}
		if len(rep.Errors) > 0 {
			return exitError{code: ExitFailure, msg: fmt.Sprintf("%d tenants could not be purged (see above)", len(rep.Errors))}
		}
		return nil
	})
}

func printPurge(w io.Writer, rep retention.Report) {
	verb := "Deleted"
	if rep.DryRun {
		verb = "Would delete (dry run, nothing deleted)"
	}
	fmt.Fprintf(w, "%s: applicants' data last active before %s.\n", verb, fmtTime(rep.Cutoff))
	var tables []string
	for _, k := range inbox.Kinds {
		tables = append(tables, k.Tables()...)
	}
	tw := newTable(w)
	fmt.Fprintf(tw, "TENANT\t%s\tHELD\n", strings.ToUpper(strings.Join(tables, "\t")))
	for _, tr := range rep.Tenants {
		fmt.Fprint(tw, tr.Tenant)
		for _, table := range tables {
			fmt.Fprintf(tw, "\t%d", tr.Rows[table])
		}
		held := 0
		for _, n := range tr.Held {
			held += n
		}
		fmt.Fprintf(tw, "\t%d\n", held)
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
	fmt.Fprintf(w, "Total: %d rows, %d tenants in %s. Held: kept in a working stage however old.\n",
		rep.Total(), len(rep.Tenants), opsSeconds(rep.Duration))
}
