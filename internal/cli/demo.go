package cli

import (
	"context"
	"crypto/rand"
	"fmt"
	"io"
	"net"
	"path/filepath"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/spf13/cobra"

	"github.com/zumodra/zumodra/internal/database"
	"github.com/zumodra/zumodra/internal/demo"
	"github.com/zumodra/zumodra/internal/migrate"
	"github.com/zumodra/zumodra/internal/server"
)

type demoCmd struct {
	app     *App
	reset   bool
	keyFile string
	noServe bool

	generatedToken bool // the admin token was made up for this run
}

func newDemoCommand(app *App) *cobra.Command {
	c := &demoCmd{app: app}
	cmd := &cobra.Command{
		Use:   "demo",
		Short: "The whole thing in one command: database, demo tenants, site and sync workers",
		Long: `Start (or reuse) the database, apply migrations, create the two demo tenants of the
original system if they are missing (Demo Company: 15 public jobs and 8 marketplace
providers; Freelancer Hub: 5 public jobs and 12 providers, plus rows that must stay private),
print the site's addresses and each tenant's API key, then serve the site with sync workers
until Ctrl-C. The workers publish the demo rows within a second. Running it again reuses the
data; --reset deletes the demo tenants and starts afresh.`,
		Example: `  zumodra demo
  zumodra demo --reset
  zumodra demo --addr :9000`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return app.run(cmd.Context(), c) },
	}
	app.Config.BindServeFlags(cmd.Flags())
	app.Config.BindWorkerFlags(cmd.Flags(), "sync workers run in this process")
	cmd.Flags().BoolVar(&c.reset, "reset", false, "delete the demo tenants and create them afresh")
	cmd.Flags().StringVar(&c.keyFile, "keys-file", "", "where the demo API keys are remembered (default: next to --data-dir)")
	cmd.Flags().BoolVar(&c.noServe, "no-serve", false, "set up the data and exit without serving")
	return cmd
}

func (c *demoCmd) Validate() error {
	if c.app.Config.Workers < 1 && !c.noServe {
		return fmt.Errorf("--workers must be at least 1: without workers the demo rows never reach the catalog")
	}
	if c.keyFile == "" {
		c.keyFile = filepath.Join(filepath.Dir(filepath.Clean(c.app.Config.DataDir)), "demo-keys.json")
	}
	return nil
}

func (c *demoCmd) Run(ctx context.Context) error {
	if c.app.Config.AdminToken == "" {
		// The demo shows the admin too; a token for this run only, printed
		// below, since there is no other way in.
		c.app.Config.AdminToken = rand.Text()
		c.generatedToken = true
	}
	c.app.logStart(ctx, "demo")
	return c.app.withPools(ctx, serveRoles(c.app.Config.Workers), func(pools *database.Pools) error {
		pool := pools.Base
		results, err := c.setUp(ctx, pool)
		if err != nil {
			return err
		}
		if c.noServe {
			return nil
		}
		workers, err := server.Workers(pools, c.app.Config.Workers, c.app.Config.Sync, c.app.Config.Reverse.Retention, c.app.Config.Notify, c.app.Log)
		if err != nil {
			return err
		}
		s := &server.Server{Config: c.app.Config, Pool: pool, Pools: pools, Log: c.app.Log, Background: workers}
		s.Ready = func(addr net.Addr) { c.printWelcome(s, addr, results) }
		return s.Run(ctx)
	})
}

func (c *demoCmd) setUp(ctx context.Context, pool *pgxpool.Pool) ([]demo.TenantResult, error) {
	w := c.app.Stdout
	fmt.Fprintf(w, "Database: %s\n", c.app.Config.DatabaseDescription())
	if err := migrate.Up(ctx, pool, c.app.Log); err != nil {
		return nil, fmt.Errorf("migrate: %w", err)
	}
	fmt.Fprintln(w, "Migrations: up to date.")
	opts := demo.Options{KeyFile: c.keyFile, Log: c.app.Log}
	if c.reset {
		deleted, err := demo.Reset(ctx, pool, opts)
		if err != nil {
			return nil, err
		}
		fmt.Fprintf(w, "Reset: deleted %d demo tenants %v.\n", len(deleted), deleted)
	}
	results, err := demo.Seed(ctx, pool, opts)
	if err != nil {
		return nil, err
	}
	for _, r := range results {
		printDemoTenant(w, r)
	}
	return results, nil
}

func printDemoTenant(w io.Writer, r demo.TenantResult) {
	state := "existing data reused"
	switch {
	case r.Created:
		state = "created"
	case r.Seeded:
		state = "rows written"
	}
	fmt.Fprintf(w, "%s (%s), %s: %d public jobs (+%d kept private), %d marketplace providers (+%d kept private)\n",
		r.Name, r.Slug, state, r.Counts.EligibleJobs, r.Counts.HiddenJobs, r.Counts.EligibleProviders, r.Counts.HiddenProviders)
	note := ""
	if r.KeyFresh {
		note = "  (a fresh key: the earlier one is not known here)"
	}
	fmt.Fprintf(w, "  API key: %s%s\n", r.Key, note)
}

// demoPaths are what a visitor or operator opens first; only those the
// server routes are printed.
var demoPaths = []string{"/", "/careers/", "/browse-freelancers/", "/admin/", "/metrics", "/api/openapi.json"}

func (c *demoCmd) printWelcome(s *server.Server, addr net.Addr, results []demo.TenantResult) {
	w := c.app.Stdout
	base := strings.TrimSuffix(siteURL(addr), "/")
	fmt.Fprintf(w, "\nZumodra demo on %s/ with %d sync workers (Ctrl-C stops it):\n", base, c.app.Config.Workers)
	for _, p := range demoPaths {
		if s.Serves(p) {
			fmt.Fprintf(w, "  %s%s\n", base, p)
		}
	}
	if c.generatedToken && s.Serves("/admin/") {
		fmt.Fprintf(w, "Admin token for this run (set ZUMODRA_ADMIN_TOKEN to choose your own): %s\n", c.app.Config.AdminToken)
	}
	if len(results) > 0 && s.Serves("/api/v1/tenant/jobs") {
		fmt.Fprintf(w, "Tenant API, as %s:\n  curl -H 'Authorization: Bearer %s' %s/api/v1/tenant/jobs\n",
			results[0].Slug, results[0].Key, base)
	}
	fmt.Fprintf(w, "Started %s.\n", time.Now().UTC().Format(time.RFC3339))
}
