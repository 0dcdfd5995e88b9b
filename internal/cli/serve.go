package cli

import (
	"context"
	"fmt"
	"net"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/spf13/cobra"

	"github.com/zumodra/zumodra/internal/database"
	"github.com/zumodra/zumodra/internal/migrate"
	"github.com/zumodra/zumodra/internal/pgq"
	"github.com/zumodra/zumodra/internal/server"
)

type serveCmd struct {
	app     *App
	migrate bool
}

func newServeCommand(app *App) *cobra.Command {
	c := &serveCmd{app: app}
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve the site and APIs over HTTP, with sync workers, until SIGINT or SIGTERM",
		Long: `Serve the public site (/careers/, /browse-freelancers/), the public API and the tenant
API on --addr, and run --workers sync workers in the same process. On SIGINT or SIGTERM
shut down in order: stop accepting, let requests in flight finish (up to 20s), stop the
workers (each finishes or rolls back its batch), close the database pool and, when zumodra
started the embedded cluster and nobody else uses it, stop it.`,
		Example: `  zumodra serve
  zumodra serve --addr 127.0.0.1:8080 --migrate
  zumodra serve --workers 0       # HTTP only; run "zumodra worker" elsewhere
  zumodra serve --api-rate-limit 0 --result-cache=false   # load test from one address, no cache
  DATABASE_URL=postgres://zumodra@db/zumodra zumodra serve
  zumodra serve --read-database-url postgres://zumodra@replica/zumodra   # public reads from a streaming replica`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return app.run(cmd.Context(), c) },
	}
	app.Config.BindServeFlags(cmd.Flags())
	app.Config.BindWorkerFlags(cmd.Flags(), "sync workers run in this process; 0 runs none")
	app.Config.BindDBFlags(cmd.Flags(), serveRoles(1)...)
	app.Config.BindReadFlags(cmd.Flags())
	cmd.Flags().BoolVar(&c.migrate, "migrate", false, "apply pending migrations before serving")
	return cmd
}

func (c *serveCmd) Validate() error { return nil }

func (c *serveCmd) Run(ctx context.Context) error {
	c.app.logStart(ctx, "serve")
	c.app.lazyDB = true
	return c.app.withPools(ctx, serveRoles(c.app.Config.Workers), func(pools *database.Pools) error {
		closeReplica, err := c.app.readFromReplica(ctx, pools)
		if err != nil {
			return err
		}
		defer closeReplica()
		workers, err := server.Workers(pools, c.app.Config.Workers, c.app.Config.Sync, c.app.Config.Reverse.Retention, c.app.Config.Notify, c.app.Log)
		if err != nil {
			return err
		}
		if workers == nil {
			c.app.Log.WarnContext(ctx, "no sync workers in this process (--workers 0): changes reach the catalog only if `zumodra worker` runs elsewhere")
		}
		// The site listens at once, not ready while the database is
		// unreachable; the schema check (or migration) and then the
		// workers follow as soon as it answers.
		background := func(ctx context.Context) error {
			if err := c.app.prepareSchemaRetry(ctx, pools.Base, c.migrate); err != nil || workers == nil {
				return err
			}
			return workers(ctx)
		}
		s := &server.Server{Config: c.app.Config, Pool: pools.Base, Pools: pools, Log: c.app.Log, Background: background, Ready: c.app.printListening}
		return s.Run(ctx)
	})
}

// readFromReplica moves the public read path onto --read-database-url, when
// set; the returned function closes what it opened. The replica's pools
// connect lazily, like the primary's: serve starts while it is down.
func (a *App) readFromReplica(ctx context.Context, pools *database.Pools) (func(), error) {
	if a.Config.Read.URL == "" {
		return func() {}, nil
	}
	read, closeRead, err := database.Open(ctx, database.Config{URL: a.Config.Read.URL, Lazy: true, Logger: a.Log})
	if err != nil {
		return nil, fmt.Errorf("open the read replica (%s): %w", a.Config.Read.Description(), err)
	}
	if err := pools.ReadFromReplica(read, a.Config.DB); err != nil {
		_ = closeRead(ctx)
		return nil, err
	}
	a.Log.InfoContext(ctx, "public read path reads the replica", "read_database_url", a.Config.Read.Description())
	return func() { _ = closeRead(context.WithoutCancel(ctx)) }, nil
}

// serveRoles are the pools of a serve process.
func serveRoles(workers int) []database.Role {
	roles := []database.Role{database.RolePublic, database.RoleWrite, database.RoleAdmin, database.RoleReady}
	if workers > 0 {
		roles = append(roles, database.RoleWorker)
	}
	return roles
}

// prepareSchemaRetry is prepareSchema, retried with backoff while the
// database is unreachable, so a process started during an outage waits for
// the end of it instead of exiting.
func (a *App) prepareSchemaRetry(ctx context.Context, pool *pgxpool.Pool, doMigrate bool) error {
	wait := time.Second
	for {
		err := a.prepareSchema(ctx, pool, doMigrate)
		if err == nil || !pgq.Unavailable(err) || ctx.Err() != nil {
			return err
		}
		a.Log.WarnContext(ctx, "database unreachable; retrying", "retry_in", wait.String(), "error", err)
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		case <-t.C:
		}
		wait = min(2*wait, maxRetryWait)
	}
}

// maxRetryWait caps the backoff of prepareSchemaRetry.
const maxRetryWait = 15 * time.Second

// prepareSchema migrates when asked, and otherwise warns when the shared
// track has pending migrations (tenant schemas are not scanned: with
// thousands of tenants that would delay every start).
func (a *App) prepareSchema(ctx context.Context, pool *pgxpool.Pool, doMigrate bool) error {
	if doMigrate {
		if err := migrate.Up(ctx, pool, a.Log); err != nil {
			return fmt.Errorf("migrate: %w", err)
		}
		return nil
	}
	shared, _, err := migrate.Status(ctx, pool, []string{})
	if err != nil {
		return fmt.Errorf("read migration status: %w", err)
	}
	if n := shared.Pending(); n > 0 {
		a.Log.WarnContext(ctx, "shared migrations pending: run `zumodra migrate` or start with --migrate", "pending", n)
	}
	return nil
}

// printListening tells the operator where to point a browser.
func (a *App) printListening(addr net.Addr) {
	fmt.Fprintf(a.Stdout, "Listening on %s\n", siteURL(addr))
}

// siteURL is the address a local browser can open: a wildcard host is
// shown as localhost.
func siteURL(addr net.Addr) string {
	host, port, err := net.SplitHostPort(addr.String())
	if err != nil {
		return "http://" + addr.String() + "/"
	}
	if ip := net.ParseIP(host); host == "" || (ip != nil && ip.IsUnspecified()) {
		host = "localhost"
	}
	return "http://" + net.JoinHostPort(host, port) + "/"
}
