package cli

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/zumodra/zumodra/internal/database"
	"github.com/zumodra/zumodra/internal/server"
)

type workerCmd struct {
	app     *App
	migrate bool
}

func newWorkerCommand(app *App) *cobra.Command {
	c := &workerCmd{app: app}
	cmd := &cobra.Command{
		Use:   "worker",
		Short: "Run sync workers only (no HTTP), until SIGINT or SIGTERM",
		Long: `Run sync workers that publish tenant changes to the public catalog. Run as many worker
processes as you like against one database: each tenant's changes are applied by one
worker at a time. On SIGINT or SIGTERM each worker finishes or rolls back its batch.`,
		Example: `  zumodra worker
  zumodra worker --workers 8
  DATABASE_URL=postgres://zumodra@db/zumodra zumodra worker --migrate`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return app.run(cmd.Context(), c) },
	}
	app.Config.BindWorkerFlags(cmd.Flags(), "sync workers to run")
	app.Config.BindDBFlags(cmd.Flags(), database.RoleWorker)
	cmd.Flags().BoolVar(&c.migrate, "migrate", false, "apply pending migrations before starting")
	return cmd
}

func (c *workerCmd) Validate() error {
	if c.app.Config.Workers < 1 {
		return fmt.Errorf("--workers must be at least 1")
	}
	return nil
}

func (c *workerCmd) Run(ctx context.Context) error {
	c.app.logStart(ctx, "worker")
	c.app.lazyDB = true
	return c.app.withPools(ctx, []database.Role{database.RoleWorker}, func(pools *database.Pools) error {
		if err := c.app.prepareSchemaRetry(ctx, pools.Base, c.migrate); err != nil {
			return err
		}
		run, err := server.Workers(pools, c.app.Config.Workers, c.app.Config.Sync, c.app.Config.Reverse.Retention, c.app.Config.Notify, c.app.Log)
		if err != nil {
			return err
		}
		fmt.Fprintf(c.app.Stdout, "Running %d sync workers; stop with Ctrl-C.\n", c.app.Config.Workers)
		c.app.Log.InfoContext(ctx, "workers started", "workers", c.app.Config.Workers)
		if err := run(ctx); err != nil {
			return err
		}
		c.app.Log.Info("workers stopped")
		return nil
	})
}
