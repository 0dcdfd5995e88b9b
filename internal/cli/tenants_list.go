package cli

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/tenants"
)

type tenantsListCmd struct {
	app  *App
	json bool
}

func newTenantsListCommand(app *App) *cobra.Command {
	c := &tenantsListCmd{app: app}
	cmd := &cobra.Command{
		Use:     "list",
		Short:   "List tenants",
		Example: "  zumodra tenants list\n  zumodra tenants list --json",
		Args:    cobra.NoArgs,
		RunE:    func(cmd *cobra.Command, _ []string) error { return app.run(cmd.Context(), c) },
	}
	cmd.Flags().BoolVar(&c.json, "json", false, "print a JSON array")
	return cmd
}

func (c *tenantsListCmd) Validate() error { return nil }

func (c *tenantsListCmd) Run(ctx context.Context) error {
	return c.app.withTenants(ctx, func(s *tenants.Store) error {
		list, err := s.List(ctx)
		if err != nil {
			return err
		}
		if c.json {
			if list == nil {
				list = []domain.Tenant{}
			}
			return json.NewEncoder(c.app.Stdout).Encode(list)
		}
		tw := newTable(c.app.Stdout)
		fmt.Fprintln(tw, "SLUG\tNAME\tSTATUS\tSCHEMA\tCREATED")
		for _, t := range list {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", t.Slug, t.Name, t.Status, t.SchemaName, fmtTime(t.CreatedAt))
		}
		if err := tw.Flush(); err != nil {
			return err
		}
		fmt.Fprintf(c.app.Stdout, "%d tenants\n", len(list))
		return nil
	})
}
