package cli

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/spf13/cobra"

	"github.com/zumodra/zumodra/internal/catalog"
	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/kind"
	"github.com/zumodra/zumodra/internal/outbox"
	"github.com/zumodra/zumodra/internal/source"
	"github.com/zumodra/zumodra/internal/tenants"
)

type tenantsShowCmd struct {
	app  *App
	slug string
}

func newTenantsShowCommand(app *App) *cobra.Command {
	c := &tenantsShowCmd{app: app}
	return &cobra.Command{
		Use:     "show SLUG",
		Short:   "Show a tenant, its keys and what it has in the public catalog",
		Example: "  zumodra tenants show democompany",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			c.slug = args[0]
			return app.run(cmd.Context(), c)
		},
	}
}

func (c *tenantsShowCmd) Validate() error { return slugArg(c.slug) }

func (c *tenantsShowCmd) Run(ctx context.Context) error {
	return c.app.withDB(ctx, func(pool *pgxpool.Pool) error {
		tp, err := tenants.New(pool).Profile(ctx, c.slug)
		if err != nil {
			return err
		}
		t := tp.Tenant
		st, err := readTenantStats(ctx, pool, t)
		if err != nil {
			return err
		}
		printTenant(c.app.Stdout, t)
		printProfile(c.app.Stdout, tp.Profile)
		tw := newTable(c.app.Stdout)
		fmt.Fprintf(tw, "API keys:\t%d active, %d revoked\n", st.activeKeys, st.revokedKeys)
		fmt.Fprintf(tw, "Source rows:\t%d jobs, %d providers\n", st.jobs, st.providers)
		fmt.Fprintf(tw, "Public catalog:\t%d jobs, %d providers\n", st.catalogJobs, st.catalogProviders)
		fmt.Fprintf(tw, "Sync outbox:\t%d pending, %d dead letters\n", st.pending, st.dead)
		return tw.Flush()
	})
}

// tenantStats is what a tenant holds, for show and for delete's warning.
type tenantStats struct {
	activeKeys, revokedKeys        int
	jobs, providers                int
	catalogJobs, catalogProviders  int
	pending, dead                  int
	applications, projectInquiries int
}

func readTenantStats(ctx context.Context, pool *pgxpool.Pool, t domain.Tenant) (tenantStats, error) {
	var st tenantStats
	err := pool.QueryRow(ctx, `SELECT
		(SELECT count(*) FROM public.tenant_api_keys WHERE tenant_id = $1 AND revoked_at IS NULL),
		(SELECT count(*) FROM public.tenant_api_keys WHERE tenant_id = $1 AND revoked_at IS NOT NULL)`, t.ID).
		Scan(&st.activeKeys, &st.revokedKeys)
	if err != nil {
		return st, fmt.Errorf("read tenant %s: %w", t.Slug, err)
	}
	if st.catalogJobs, err = catalog.CountTenant(ctx, pool, kind.Jobs, t.ID); err != nil {
		return st, fmt.Errorf("read tenant %s: %w", t.Slug, err)
	}
	if st.catalogProviders, err = catalog.CountTenant(ctx, pool, kind.Providers, t.ID); err != nil {
		return st, fmt.Errorf("read tenant %s: %w", t.Slug, err)
	}
	q, err := outbox.CountTenant(ctx, pool, t.ID)
	if err != nil {
		return st, fmt.Errorf("read tenant %s: %w", t.Slug, err)
	}
	st.pending, st.dead = q.Pending, q.Dead
	c, err := source.CountRows(ctx, pool, t)
	st.jobs, st.providers, st.applications, st.projectInquiries = c.Jobs, c.Providers, c.Applications, c.ProjectInquiries
	return st, err
}
