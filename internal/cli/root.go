package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/zumodra/zumodra/internal/config"
	"github.com/zumodra/zumodra/internal/database"
)

// subcommands lists every subcommand. To add one, write
// internal/cli/<name>.go with a func new<Name>Command(app *App) *cobra.Command
// (a struct with typed options, Validate and Run; see migrate.go), then add
// one line here. Use app.run(cmd.Context(), c) in RunE so exit statuses stay
// meaningful, and app.withDB for a database.
func subcommands(app *App) []*cobra.Command {
	return []*cobra.Command{
		newServeCommand(app),
		newWorkerCommand(app),
		newMigrateCommand(app),
		newShowMigrationsCommand(app),
		newTenantsCommand(app),
		newDemoCommand(app),
		newSyncPublicCatalogsCommand(app),
		newVerifyCommand(app),
		newCleanupStaleCommand(app),
		newPurgeApplicantsCommand(app),
		newDoctorCommand(app),
		newVersionCommand(app),
		newBenchCommand(app),
	}
}

// NewRoot returns the zumodra command tree over app; app.Config must hold
// the environment's values, which the flags then override.
func NewRoot(app *App) *cobra.Command {
	root := &cobra.Command{
		Use:   "zumodra",
		Short: "Multi-tenant marketplace core: tenant schemas, public catalog and its sync",
		Long: `zumodra runs a multi-tenant marketplace on PostgreSQL: each tenant owns a private
schema; a public catalog aggregates the rows tenants publish; triggers and workers keep it current.

With no DATABASE_URL, zumodra starts its own PostgreSQL cluster in --data-dir.`,
		SilenceErrors: true,
		SilenceUsage:  true,
		PersistentPreRunE: func(*cobra.Command, []string) error {
			return app.setup()
		},
	}
	root.SetOut(app.Stdout)
	root.SetErr(app.Stderr)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return asUsage(err) })
	app.Config.BindGlobalFlags(root.PersistentFlags())
	app.Config.BindDBFlags(root.PersistentFlags(), database.RoleCLI)
	root.AddCommand(subcommands(app)...)
	return root
}

// Execute runs zumodra with args and returns the exit status. SIGINT and
// SIGTERM cancel the context: commands stop cleanly and say so.
func Execute(args []string, stdout, stderr io.Writer, getenv func(string) string) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cfg, err := config.FromEnv(getenv)
	app := &App{Stdout: stdout, Stderr: stderr, Config: cfg}
	if err != nil {
		report(stderr, err, ExitUsage, "")
		return ExitUsage
	}
	root := NewRoot(app)
	root.SetArgs(args)
	cmd, err := root.ExecuteContextC(ctx)
	if err != nil && ctx.Err() != nil && errors.Is(err, context.Canceled) {
		// Interrupted: transactions in flight were rolled back; say so
		// plainly, with the shell's status for SIGINT.
		fmt.Fprintln(stderr, "interrupted: nothing half-done was kept; run the command again to finish")
		return ExitInterrupted
	}
	code := exitCode(err, app.ran)
	if err != nil {
		report(stderr, err, code, cmd.CommandPath())
	}
	return code
}
