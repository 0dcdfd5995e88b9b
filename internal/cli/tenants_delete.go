package cli

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/spf13/cobra"

	"github.com/zumodra/zumodra/internal/tenants"
)

type tenantsDeleteCmd struct {
	app     *App
	slug    string
	confirm bool
}

func newTenantsDeleteCommand(app *App) *cobra.Command {
	c := &tenantsDeleteCmd{app: app}
	cmd := &cobra.Command{
		Use:   "delete SLUG --confirm",
		Short: "Delete a tenant: drop its schema and everything it has in public tables",
		Long: `Delete a tenant for good: its schema with all its jobs, providers, applications and
inquiries is dropped, and its catalog rows, API keys and pending sync rows are removed, in
one transaction. Without --confirm nothing happens and it says what would be dropped.`,
		Example: "  zumodra tenants delete acme            # shows what would be dropped\n  zumodra tenants delete acme --confirm",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			c.slug = args[0]
			return app.run(cmd.Context(), c)
		},
	}
	cmd.Flags().BoolVar(&c.confirm, "confirm", false, "really delete")
	return cmd
}

func (c *tenantsDeleteCmd) Validate() error { return slugArg(c.slug) }

func (c *tenantsDeleteCmd) Run(ctx context.Context) error {
	return c.app.withDB(ctx, func(pool *pgxpool.Pool) error {
		store := tenants.New(pool)
		t, err := store.Get(ctx, c.slug)
		if err != nil {
			return err
		}
		st, err := readTenantStats(ctx, pool, t)
		if err != nil {
			return err
		}
		w := c.app.Stdout
		fmt.Fprintf(w, "Tenant %s (%s) has:\n", t.Slug, t.Name)
		fmt.Fprintf(w, "  schema %s: %d jobs, %d providers, %d applications, %d project inquiries\n",
			t.SchemaName, st.jobs, st.providers, st.applications, st.projectInquiries)
		fmt.Fprintf(w, "  public catalog: %d jobs, %d providers; %d API keys; %d pending and %d dead sync rows\n",
			st.catalogJobs, st.catalogProviders, st.activeKeys+st.revokedKeys, st.pending, st.dead)
		if !c.confirm {
			return usageErrorf("refusing to delete tenant %s without --confirm: all of the above would be dropped", t.Slug)
		}
		if err := store.Delete(ctx, t.Slug); err != nil {
			return err
		}
		fmt.Fprintf(w, "Deleted tenant %s: dropped schema %s and removed all of the above.\n", t.Slug, t.SchemaName)
		return nil
	})
}
