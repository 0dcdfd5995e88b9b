package cli

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/zumodra/zumodra/internal/kind"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/spf13/cobra"

	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/memlimit"
	"github.com/zumodra/zumodra/internal/ops"
)

type verifyCmd struct {
	app     *App
	tenant  string
	catalog string
	repair  bool
	json    bool

	catalogs []kind.Catalog
}

func newVerifyCommand(app *App) *cobra.Command {
	c := &verifyCmd{app: app}
	cmd := &cobra.Command{
		Use:   "verify",
		Short: "Compare the public catalogs with the projection of the tenants' source rows; --repair fixes",
		Long: `For each tenant and catalog, project every source row (the same projection the workers
use) and compare with the catalog, column by column: eligible and catalog counts, rows
missing from the catalog, stale rows (present but not public, or their source gone) and
drifted rows (with the columns that differ). Differences that pending outbox rows will
settle are counted as pending, not as discrepancies. Rows that would be public but hold a
value the catalog cannot take (a time out of range, an infinity) are counted as invalid and
listed with the field; they are no discrepancy (their sync is a dead letter for the tenant
to fix), and the tenant's other rows are verified as usual. Memory stays bounded: rows are
read in id order, a page at a time.

--repair resyncs the differing rows through the normal apply code, then verifies again.
Exit status 1 when a discrepancy remains (or a tenant could not be verified).`,
		Example: `  zumodra verify
  zumodra verify --tenant=democompany --catalog=jobs
  zumodra verify --repair
  zumodra verify --json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return app.run(cmd.Context(), c) },
	}
	f := cmd.Flags()
	f.StringVar(&c.tenant, "tenant", "", "only this tenant (slug)")
	f.StringVar(&c.catalog, "catalog", "all", "jobs, providers, companies or all")
	f.BoolVar(&c.repair, "repair", false, "fix the differences through the apply code, then verify again")
	f.BoolVar(&c.json, "json", false, "print the report as JSON")
	return cmd
}

func (c *verifyCmd) Validate() error {
	var err error
	if c.catalogs, err = ops.ParseCatalog(c.catalog); err != nil {
		return err
	}
	if c.tenant != "" {
		return domain.ValidateSlug(c.tenant)
	}
	return nil
}

func (c *verifyCmd) Run(ctx context.Context) error {
	return c.app.withDB(ctx, func(pool *pgxpool.Pool) error {
		ts, err := namedTenants(ctx, pool, c.tenant)
		if err != nil {
			return err
		}
		opts := ops.VerifyOptions{Catalogs: c.catalogs, Repair: c.repair}
		if c.tenant != "" {
			opts.TenantSlugs = []string{ts[0].Slug}
		}
		defer memlimit.Batch()()
		rep, err := (&ops.Verifier{Pool: pool, Log: c.app.Log}).Verify(ctx, opts)
		if err != nil {
			return err
		}
		if rep.Results == nil {
			rep.Results = []ops.CatalogResult{} // JSON: an empty list, never null
		}
		if err := writeReport(c.app.Stdout, c.json, rep, printVerify); err != nil {
			return err
		}
		return verifyOutcome(rep)
	})
}

func verifyOutcome(rep ops.Report) error {
	switch {
	case rep.Failed():
		return exitError{code: ExitFailure, msg: "some catalogs could not be verified (see above)"}
	case rep.Discrepancies() > 0 && rep.Repair != nil:
		return exitError{code: ExitFailure, msg: fmt.Sprintf("%d discrepancies remain after repair", rep.Discrepancies())}
	case rep.Discrepancies() > 0:
		return exitError{code: ExitFailure, msg: fmt.Sprintf("%d discrepancies; fix them with: zumodra verify --repair", rep.Discrepancies())}
	}
	return nil
}

func printVerify(w io.Writer, rep ops.Report) {
	if rep.Repair != nil {
		fmt.Fprintf(w, "Repaired through the apply code: %d rows written, %d removed, %d errors. Verified again:\n\n",
			rep.Repair.Written, rep.Repair.Removed, rep.Repair.Errors)
	}
	tw := newTable(w)
	fmt.Fprintln(tw, "TENANT\tCATALOG\tELIGIBLE\tIN CATALOG\tMISSING\tSTALE\tDRIFTED\tPENDING\tEXPIRED\tINVALID\tOK")
	for _, r := range rep.Results {
		mark := "✓"
		if r.Discrepancies() > 0 || r.Err != "" {
			mark = "✗"
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%s\n", r.Tenant, r.Catalog, r.Eligible, r.InCatalog,
			r.Missing, r.Stale, r.Drifted, r.Pending, r.Expired, r.Invalid, mark)
	}
	tw.Flush()
	printDetails(w, rep)
	tenants := map[string]bool{}
	kinds := map[ops.Kind]int{}
	for _, r := range rep.Results {
		tenants[r.Tenant] = true
		for _, k := range ops.Kinds {
			kinds[k] += r.Count(k)
		}
	}
	fmt.Fprintf(w, "\nVerified %d tenants (%d catalogs) in %s: ", len(tenants), len(rep.Results), opsSeconds(rep.Duration))
	if rep.Discrepancies() == 0 {
		fmt.Fprintln(w, "✓ no discrepancies.")
		return
	}
	fmt.Fprintf(w, "✗ %d discrepancies (%d missing, %d stale, %d drifted).\n",
		rep.Discrepancies(), kinds[ops.Missing], kinds[ops.Stale], kinds[ops.Drifted])
}

// printDetails lists the drifted columns and the sample discrepancies.
func printDetails(w io.Writer, rep ops.Report) {
	for _, r := range rep.Results {
		if r.Err != "" {
			fmt.Fprintf(w, "\n%s %s: verification failed: %s\n", r.Tenant, r.Catalog, r.Err)
		}
		if r.Discrepancies() == 0 && r.Invalid == 0 {
			continue
		}
		fmt.Fprintf(w, "\n%s %s:\n", r.Tenant, r.Catalog)
		if cols := r.Columns(); len(cols) > 0 {
			parts := make([]string, len(cols))
			for i, col := range cols {
				parts[i] = fmt.Sprintf("%s (%d)", col, r.DriftedColumns[col])
			}
			fmt.Fprintf(w, "  drifted columns: %s\n", strings.Join(parts, ", "))
		}
		for _, d := range r.Samples {
			fmt.Fprintf(w, "  %-7s source %d%s\n", d.Kind, d.SourceID, sampleNote(d))
		}
		if shown := len(r.Samples); shown < r.Discrepancies()+r.Invalid {
			fmt.Fprintf(w, "  ... and %d more\n", r.Discrepancies()+r.Invalid-shown)
		}
	}
}

func sampleNote(d ops.Discrepancy) string {
	switch {
	case d.Reason != "":
		return ": " + d.Reason
	case len(d.Columns) > 0:
		return ": " + strings.Join(d.Columns, ", ")
	}
	return ""
}
