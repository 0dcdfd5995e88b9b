package cli

import (
	"context"
	"fmt"
	"sort"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/spf13/cobra"

	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/logging"
	"github.com/zumodra/zumodra/internal/migrate"
	"github.com/zumodra/zumodra/internal/tenants"
)

// allTenants is what a bare --tenant means; it is no valid slug.
const allTenants = "*"

type migrateCmd struct {
	app         *App
	shared      bool   // the shared track only
	tenant      string // "": not restricted; allTenants: the tenant track only; else one tenant
	concurrency int
	now         func() time.Time
}

func newMigrateCommand(app *App) *cobra.Command {
	c := &migrateCmd{app: app, now: time.Now}
	cmd := &cobra.Command{
		Use:   "migrate",
		Short: "Apply pending migrations: the shared schema, then every tenant schema",
		Long: `Apply the pending migrations of the shared track (the public schema: tenants, catalog,
outbox) and then of the tenant track in every tenant schema, in parallel, each schema in
its own transaction. A failed or interrupted run is completed by running it again.
Exit status 1 when any schema failed.`,
		Example: `  zumodra migrate                    # shared, then all tenants
  zumodra migrate --shared           # the public schema only
  zumodra migrate --tenant           # all tenant schemas only
  zumodra migrate --tenant=democompany`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return app.run(cmd.Context(), c) },
	}
	f := cmd.Flags()
	f.BoolVar(&c.shared, "shared", false, "migrate the shared (public) schema only")
	f.StringVar(&c.tenant, "tenant", "", "migrate tenant schemas only: bare --tenant for all of them, --tenant=SLUG for one")
	f.Lookup("tenant").NoOptDefVal = allTenants
	f.IntVar(&c.concurrency, "concurrency", 0, "tenant schemas migrated at once (0: twice the CPUs)")
	return cmd
}

func (c *migrateCmd) Validate() error {
	if c.shared && c.tenant != "" {
		return fmt.Errorf("--shared and --tenant exclude each other; give neither to migrate both")
	}
	if c.concurrency < 0 {
		return fmt.Errorf("--concurrency must not be negative")
	}
	if c.tenant != "" && c.tenant != allTenants {
		return domain.ValidateSlug(c.tenant)
	}
	return nil
}

func (c *migrateCmd) Run(ctx context.Context) error {
	return c.app.withDB(ctx, func(pool *pgxpool.Pool) error { return c.migrate(ctx, pool) })
}

func (c *migrateCmd) migrate(ctx context.Context, pool *pgxpool.Pool) error {
	r := &migrate.Runner{Pool: pool, Log: c.app.Log, Concurrency: c.concurrency}
	both := !c.shared && c.tenant == ""
	if c.tenant == "" {
		c.step(both, 1, "Migrating shared schema (public)...")
		if err := c.runShared(ctx, r); err != nil {
			return err
		}
	}
	if c.shared {
		return nil
	}
	c.step(both, 2, "Migrating tenant schemas...")
	return c.runTenants(ctx, r, pool)
}

func (c *migrateCmd) step(numbered bool, n int, msg string) {
	if numbered {
		fmt.Fprintf(c.app.Stdout, "Step %d/2: %s\n", n, msg)
		return
	}
	fmt.Fprintln(c.app.Stdout, msg)
}

func (c *migrateCmd) runShared(ctx context.Context, r *migrate.Runner) error {
	applied, err := r.Shared(ctx)
	for _, m := range applied {
		fmt.Fprintf(c.app.Stdout, "  Applied %04d_%s\n", m.Version, m.Name)
	}
	if err != nil {
		fmt.Fprintf(c.app.Stdout, "Shared schema: FAILED after %d applied.\n", len(applied))
		return err
	}
	if len(applied) == 0 {
		fmt.Fprintln(c.app.Stdout, "Shared schema: no migrations to apply.")
	} else {
		fmt.Fprintf(c.app.Stdout, "Shared schema: %d applied.\n", len(applied))
	}
	return nil
}

func (c *migrateCmd) runTenants(ctx context.Context, r *migrate.Runner, pool *pgxpool.Pool) error {
	schemas, err := c.schemas(ctx, pool)
	if err != nil {
		return err
	}
	bar := newProgress(c.app.Stdout, logging.IsTerminal(c.app.Stdout), "tenant schemas", c.now)
	r.Progress = bar.update
	start := c.now()
	res, err := r.Tenants(ctx, schemas)
	if err != nil {
		return fmt.Errorf("migrate tenants: %w", err)
	}
	fmt.Fprintf(c.app.Stdout, "Tenant schemas: %d visited, %d migrated, %d up to date, %d failed; %d migrations applied in %s.\n",
		res.Schemas, res.Migrated, res.UpToDate, len(res.Failed), res.Applied, c.now().Sub(start).Round(time.Millisecond))
	return c.reportFailures(res)
}

// schemas returns the schemas to visit: nil (all tenants) or one tenant's.
func (c *migrateCmd) schemas(ctx context.Context, pool *pgxpool.Pool) ([]string, error) {
	if c.tenant == "" || c.tenant == allTenants {
		return nil, nil
	}
	t, err := tenants.New(pool).Get(ctx, c.tenant)
	if err != nil {
		return nil, err
	}
	return []string{t.SchemaName}, nil
}

func (c *migrateCmd) reportFailures(res migrate.TenantsResult) error {
	if len(res.Failed) == 0 {
		return nil
	}
	names := make([]string, 0, len(res.Failed))
	for s := range res.Failed {
		names = append(names, s)
	}
	sort.Strings(names)
	for _, s := range names {
		fmt.Fprintf(c.app.Stdout, "  FAILED %s: %v\n", s, res.Failed[s])
	}
	return exitError{code: ExitFailure, msg: fmt.Sprintf("%d of %d tenant schemas failed to migrate; fix the cause and run `zumodra migrate --tenant` again",
		len(res.Failed), res.Schemas)}
}
