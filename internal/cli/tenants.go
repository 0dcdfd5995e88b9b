package cli

import (
	"context"
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/spf13/cobra"

	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/tenants"
)

func newTenantsCommand(app *App) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "tenants",
		Short: "Create, list, suspend, activate, rename, update and delete tenants; manage their API keys",
		Example: `  zumodra tenants create acme --name "Acme Corp"
  zumodra tenants list
  zumodra tenants keys create acme --name ci`,
		Args: cobra.NoArgs,
	}
	cmd.AddCommand(
		newTenantsCreateCommand(app),
		newTenantsListCommand(app),
		newTenantsShowCommand(app),
		newTenantStatusCommand(app, "suspend"),
		newTenantStatusCommand(app, "activate"),
		newTenantsRenameCommand(app),
		newTenantsUpdateCommand(app),
		newTenantsDeleteCommand(app),
		newKeysCommand(app),
	)
	return cmd
}

// withTenants runs fn with a tenant store on an open database.
func (a *App) withTenants(ctx context.Context, fn func(*tenants.Store) error) error {
	return a.withDB(ctx, func(pool *pgxpool.Pool) error { return fn(tenants.New(pool)) })
}

// slugArg checks a positional slug, so a typo fails before the database opens.
func slugArg(slug string) error { return domain.ValidateSlug(slug) }

func newTable(w io.Writer) *tabwriter.Writer { return tabwriter.NewWriter(w, 0, 4, 2, ' ', 0) }

func fmtTime(t time.Time) string { return t.UTC().Format("2006-01-02 15:04:05Z") }

func printTenant(w io.Writer, t domain.Tenant) {
	tw := newTable(w)
	fmt.Fprintf(tw, "Slug:\t%s\n", t.Slug)
	fmt.Fprintf(tw, "Name:\t%s\n", t.Name)
	fmt.Fprintf(tw, "Status:\t%s\n", t.Status)
	fmt.Fprintf(tw, "Schema:\t%s\n", t.SchemaName)
	fmt.Fprintf(tw, "Logo URL:\t%s\n", t.LogoURL)
	fmt.Fprintf(tw, "Created:\t%s\n", fmtTime(t.CreatedAt))
	fmt.Fprintf(tw, "Updated:\t%s\n", fmtTime(t.UpdatedAt))
	tw.Flush()
}

func optTime(t *time.Time) string {
	if t == nil {
		return "never"
	}
	return fmtTime(*t)
}
