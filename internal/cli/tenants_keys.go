package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/spf13/cobra"

	"github.com/zumodra/zumodra/internal/tenants"
)

func newKeysCommand(app *App) *cobra.Command {
	cmd := &cobra.Command{
		Use:     "keys",
		Short:   "Create, list and revoke a tenant's API keys",
		Example: "  zumodra tenants keys create acme --name ci\n  zumodra tenants keys list acme\n  zumodra tenants keys revoke acme 3",
		Args:    cobra.NoArgs,
	}
	cmd.AddCommand(newKeysCreateCommand(app), newKeysListCommand(app), newKeysRevokeCommand(app))
	return cmd
}

type keysCreateCmd struct {
	app        *App
	slug, name string
}

func newKeysCreateCommand(app *App) *cobra.Command {
	c := &keysCreateCmd{app: app}
	cmd := &cobra.Command{
		Use:     "create SLUG",
		Short:   "Issue a new API key; its secret is printed once",
		Example: "  zumodra tenants keys create acme --name ci",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			c.slug = args[0]
			return app.run(cmd.Context(), c)
		},
	}
	cmd.Flags().StringVar(&c.name, "name", "default", "a name saying who uses the key")
	return cmd
}

func (c *keysCreateCmd) Validate() error {
	if len(c.name) > 100 {
		return fmt.Errorf("--name must be at most 100 characters")
	}
	return slugArg(c.slug)
}

func (c *keysCreateCmd) Run(ctx context.Context) error {
	return c.app.withTenants(ctx, func(s *tenants.Store) error {
		key, err := s.CreateKey(ctx, c.slug, c.name)
		if err != nil {
			return err
		}
		fmt.Fprintf(c.app.Stdout, "API key %q (id %d) for tenant %s:\n\n    %s\n\n", key.Name, key.ID, c.slug, key.Secret)
		fmt.Fprintln(c.app.Stdout, "WARNING: this key is shown only now and cannot be shown again; store it safely.")
		return nil
	})
}

type keysListCmd struct {
	app  *App
	slug string
	json bool
}

func newKeysListCommand(app *App) *cobra.Command {
	c := &keysListCmd{app: app}
	cmd := &cobra.Command{
		Use:     "list SLUG",
		Short:   "List a tenant's API keys (never their secrets)",
		Example: "  zumodra tenants keys list acme",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			c.slug = args[0]
			return app.run(cmd.Context(), c)
		},
	}
	cmd.Flags().BoolVar(&c.json, "json", false, "print a JSON array")
	return cmd
}

func (c *keysListCmd) Validate() error { return slugArg(c.slug) }

func (c *keysListCmd) Run(ctx context.Context) error {
	return c.app.withTenants(ctx, func(s *tenants.Store) error {
		keys, err := s.ListKeys(ctx, c.slug)
		if err != nil {
			return err
		}
		if c.json {
			if keys == nil {
				keys = []tenants.KeyInfo{}
			}
			return json.NewEncoder(c.app.Stdout).Encode(keys)
		}
		tw := newTable(c.app.Stdout)
		fmt.Fprintln(tw, "ID\tNAME\tPREFIX\tCREATED\tLAST USED\tSTATUS")
		for _, k := range keys {
			fmt.Fprintf(tw, "%d\t%s\tzmd_%s_…\t%s\t%s\t%s\n", k.ID, k.Name, k.Prefix, fmtTime(k.CreatedAt), optTime(k.LastUsedAt), keyStatus(k))
		}
		return tw.Flush()
	})
}

func keyStatus(k tenants.KeyInfo) string {
	if k.RevokedAt != nil {
		return "revoked " + fmtTime(*k.RevokedAt)
	}
	return "active"
}

type keysRevokeCmd struct {
	app   *App
	slug  string
	rawID string
	id    int64
}

func newKeysRevokeCommand(app *App) *cobra.Command {
	c := &keysRevokeCmd{app: app}
	return &cobra.Command{
		Use:     "revoke SLUG KEY_ID",
		Short:   "Revoke one of a tenant's API keys (see keys list for ids)",
		Example: "  zumodra tenants keys revoke acme 3",
		Args:    cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			c.slug, c.rawID = args[0], args[1]
			return app.run(cmd.Context(), c)
		},
	}
}

func (c *keysRevokeCmd) Validate() error {
	id, err := strconv.ParseInt(c.rawID, 10, 64)
	if err != nil || id <= 0 {
		return fmt.Errorf("KEY_ID %q: want the numeric id shown by `zumodra tenants keys list`", c.rawID)
	}
	c.id = id
	return slugArg(c.slug)
}

func (c *keysRevokeCmd) Run(ctx context.Context) error {
	return c.app.withTenants(ctx, func(s *tenants.Store) error {
		if err := s.RevokeKey(ctx, c.slug, c.id); err != nil {
			return err
		}
		fmt.Fprintf(c.app.Stdout, "Revoked key %d of tenant %s: it no longer authenticates.\n", c.id, c.slug)
		return nil
	})
}
