package cli

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/tenants"
)

type tenantsCreateCmd struct {
	app    *App
	params tenants.CreateParams
}

func newTenantsCreateCommand(app *App) *cobra.Command {
	c := &tenantsCreateCmd{app: app}
	cmd := &cobra.Command{
		Use:   "create SLUG --name NAME",
		Short: "Create a tenant: its schema with every table and trigger, and its first API key",
		Long: `Create a tenant and its schema t_<slug> in one transaction, and print its first API key.
The key is shown once only: it is stored hashed and cannot be shown again.`,
		Example: `  zumodra tenants create acme --name "Acme Corp" --logo-url https://acme.example/logo.png`,
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			c.params.Slug = args[0]
			return app.run(cmd.Context(), c)
		},
	}
	cmd.Flags().StringVar(&c.params.Name, "name", "", "display name (required)")
	cmd.Flags().StringVar(&c.params.LogoURL, "logo-url", "", "logo: an https URL or a path on the site")
	cmd.Flags().StringVar(&c.params.KeyName, "key-name", "default", "name of the first API key")
	return cmd
}

func (c *tenantsCreateCmd) Validate() error {
	if err := slugArg(c.params.Slug); err != nil {
		return err
	}
	if err := tenants.ValidateName(c.params.Name); err != nil {
		return fmt.Errorf("--name: %s", domain.ErrorMessage(err))
	}
	return tenants.ValidateLogoURL(c.params.LogoURL)
}

func (c *tenantsCreateCmd) Run(ctx context.Context) error {
	return c.app.withTenants(ctx, func(s *tenants.Store) error {
		t, key, err := s.Create(ctx, c.params)
		if err != nil {
			return err
		}
		w := c.app.Stdout
		fmt.Fprintf(w, "Created tenant %s (%s), schema %s, status %s.\n", t.Slug, t.Name, t.SchemaName, t.Status)
		fmt.Fprintf(w, "API key %q (id %d):\n\n    %s\n\n", key.Name, key.ID, key.Secret)
		fmt.Fprintf(w, "WARNING: this key is shown only now and cannot be shown again; store it safely.\n"+
			"Lost it? Issue another with `zumodra tenants keys create %s` and revoke this one.\n", t.Slug)
		return nil
	})
}
