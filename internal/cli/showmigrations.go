package cli

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/spf13/cobra"

	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/migrate"
	"github.com/zumodra/zumodra/internal/tenants"
)

type showMigrationsCmd struct {
	app     *App
	tenant  string // one tenant's track only
	pending bool   // list only schemas with pending migrations
}

func newShowMigrationsCommand(app *App) *cobra.Command {
	c := &showMigrationsCmd{app: app}
	cmd := &cobra.Command{
		Use:   "showmigrations",
		Short: "List applied [X] and pending [ ] migrations per track and per tenant",
		Example: `  zumodra showmigrations
  zumodra showmigrations --tenant=democompany
  zumodra showmigrations --pending   # only schemas that need zumodra migrate`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return app.run(cmd.Context(), c) },
	}
	cmd.Flags().StringVar(&c.tenant, "tenant", "", "show the shared track and this tenant's only")
	cmd.Flags().BoolVar(&c.pending, "pending", false, "list only schemas with pending migrations")
	return cmd
}

func (c *showMigrationsCmd) Validate() error {
	if c.tenant != "" {
		return domain.ValidateSlug(c.tenant)
	}
	return nil
}

func (c *showMigrationsCmd) Run(ctx context.Context) error {
	return c.app.withDB(ctx, func(pool *pgxpool.Pool) error {
		var schemas []string
		if c.tenant != "" {
			t, err := tenants.New(pool).Get(ctx, c.tenant)
			if err != nil {
				return err
			}
			schemas = []string{t.SchemaName}
		}
		shared, tenantStates, err := migrate.Status(ctx, pool, schemas)
		if err != nil {
			return fmt.Errorf("read migration status: %w", err)
		}
		c.print(shared, tenantStates)
		return nil
	})
}

func (c *showMigrationsCmd) print(shared migrate.SchemaStatus, tenantStates []migrate.SchemaStatus) {
	w := c.app.Stdout
	if !c.pending || shared.Pending() > 0 {
		printTrack(w, "shared (public)", shared)
	}
	outdated, pendingTotal := 0, 0
	for _, st := range tenantStates {
		if n := st.Pending(); n > 0 {
			outdated++
			pendingTotal += n
		} else if c.pending {
			continue
		}
		printTrack(w, fmt.Sprintf("tenant %s (%s)", strings.TrimPrefix(st.Schema, "t_"), st.Schema), st)
	}
	fmt.Fprintf(w, "Shared: %d applied, %d pending. Tenants: %d, %d up to date, %d with pending migrations (%d pending in all).\n",
		len(shared.Migrations)-shared.Pending(), shared.Pending(), len(tenantStates), len(tenantStates)-outdated, outdated, pendingTotal)
}

func printTrack(w io.Writer, title string, st migrate.SchemaStatus) {
	fmt.Fprintln(w, title)
	for _, m := range st.Migrations {
		mark := " "
		if m.AppliedAt != nil {
			mark = "X"
		}
		fmt.Fprintf(w, " [%s] %04d_%s\n", mark, m.Version, m.Name)
	}
}
