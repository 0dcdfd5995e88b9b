package cli

import (
	"context"
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/zumodra/zumodra/internal/tenants"
)

type tenantsUpdateCmd struct {
	app    *App
	slug   string
	params tenants.UpdateParams
}

func newTenantsUpdateCommand(app *App) *cobra.Command {
	c := &tenantsUpdateCmd{app: app}
	var name, logo string
	cmd := &cobra.Command{
		Use:   "update SLUG [--name NAME] [--logo-url URL]",
		Short: "Change a tenant's name or logo; its catalog rows follow",
		Long: `Change the fields given, leaving the others as they are. The logo is an https URL or a
path on the site (/media/acme.png); --logo-url "" removes it. The catalog follows within
moments, as for a rename.`,
		Example: `  zumodra tenants update acme --name "Acme Inc" --logo-url https://cdn.example/acme.png
  zumodra tenants update acme --logo-url ""`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			c.slug = args[0]
			if cmd.Flags().Changed("name") {
				c.params.Name = &name
			}
			if cmd.Flags().Changed("logo-url") {
				c.params.LogoURL = &logo
			}
			return app.run(cmd.Context(), c)
		},
	}
	cmd.Flags().StringVar(&name, "name", "", "display name")
	cmd.Flags().StringVar(&logo, "logo-url", "", `logo: an https URL or a path on the site; "" removes it`)
	return cmd
}

func (c *tenantsUpdateCmd) Validate() error {
	if err := slugArg(c.slug); err != nil {
		return err
	}
	if c.params.Empty() {
		return errors.New("nothing to update: give --name or --logo-url")
	}
	return c.params.Validate()
}

func (c *tenantsUpdateCmd) Run(ctx context.Context) error {
	return c.app.withTenants(ctx, func(s *tenants.Store) error {
		t, err := s.Update(ctx, c.slug, c.params)
		if err != nil {
			return err
		}
		fmt.Fprintf(c.app.Stdout, "Updated tenant %s.\n", t.Slug)
		printTenant(c.app.Stdout, t)
		return nil
	})
}
