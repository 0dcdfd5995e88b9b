package cli

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/tenants"
)

// tenantStatusCmd suspends or activates a tenant.
type tenantStatusCmd struct {
	app    *App
	action string // "suspend" or "activate"
	slug   string
}

func newTenantStatusCommand(app *App, action string) *cobra.Command {
	c := &tenantStatusCmd{app: app, action: action}
	short := "Suspend a tenant: everything it has leaves the public catalog until it is activated"
	if action == "activate" {
		short = "Activate a suspended tenant: its eligible rows return to the public catalog"
	}
	return &cobra.Command{
		Use:     action + " SLUG",
		Short:   short,
		Example: "  zumodra tenants " + action + " democompany",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			c.slug = args[0]
			return app.run(cmd.Context(), c)
		},
	}
}

func (c *tenantStatusCmd) Validate() error { return slugArg(c.slug) }

func (c *tenantStatusCmd) Run(ctx context.Context) error {
	return c.app.withTenants(ctx, func(s *tenants.Store) error {
		change := s.Suspend
		if c.action == "activate" {
			change = s.Activate
		}
		t, err := change(ctx, c.slug)
		if err != nil {
			return err
		}
		if t.Status == domain.TenantSuspended {
			fmt.Fprintf(c.app.Stdout, "Tenant %s is suspended: its rows leave the public catalog as the workers catch up.\n", t.Slug)
		} else {
			fmt.Fprintf(c.app.Stdout, "Tenant %s is active: its eligible rows return to the public catalog as the workers catch up.\n", t.Slug)
		}
		return nil
	})
}

type tenantsRenameCmd struct {
	app        *App
	slug, name string
}

func newTenantsRenameCommand(app *App) *cobra.Command {
	c := &tenantsRenameCmd{app: app}
	return &cobra.Command{
		Use:     "rename SLUG NAME",
		Short:   "Change a tenant's display name; its catalog rows follow",
		Example: `  zumodra tenants rename democompany "Demo Company Ltd"`,
		Args:    cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			c.slug, c.name = args[0], args[1]
			return app.run(cmd.Context(), c)
		},
	}
}

func (c *tenantsRenameCmd) Validate() error {
	if err := slugArg(c.slug); err != nil {
		return err
	}
	return tenants.ValidateName(c.name)
}

func (c *tenantsRenameCmd) Run(ctx context.Context) error {
	return c.app.withTenants(ctx, func(s *tenants.Store) error {
		t, err := s.Rename(ctx, c.slug, c.name)
		if err != nil {
			return err
		}
		fmt.Fprintf(c.app.Stdout, "Tenant %s is now named %q.\n", t.Slug, t.Name)
		return nil
	})
}
