package cli

import (
	"context"
	"fmt"
	"io"
	"log/slog"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/zumodra/zumodra/internal/config"
	"github.com/zumodra/zumodra/internal/database"
	"github.com/zumodra/zumodra/internal/logging"
)

// App is what every command shares: its writers, the configuration built
// once from environment and flags, and the logger built from it.
type App struct {
	Stdout io.Writer // command output: tables, results, keys
	Stderr io.Writer // logs and error messages
	Config config.Config
	Log    *slog.Logger

	ran bool // a command's own code started: its errors are failures, not usage errors
	// lazyDB opens a DATABASE_URL pool without waiting for the server
	// (serve and worker start during an outage).
	lazyDB bool
}

// setup finishes the App once flags are parsed.
func (a *App) setup() error {
	if err := a.Config.Validate(); err != nil {
		return usageErrorf("%v", err)
	}
	log, err := logging.New(a.Stderr, a.Config.LogLevel, a.Config.LogFormat)
	if err != nil {
		return usageErrorf("%v", err)
	}
	a.Log = log
	return nil
}

// openDB connects to DATABASE_URL or starts (or attaches to) the embedded
// cluster; the returned close stops the cluster when we were its last user.
func (a *App) openDB(ctx context.Context) (*pgxpool.Pool, database.CloseFunc, error) {
	a.Log.DebugContext(ctx, "opening database", "database", a.Config.DatabaseDescription())
	cli := a.Config.DB[database.RoleCLI]
	pool, closeDB, err := database.Open(ctx, database.Config{
		URL:     a.Config.DatabaseURL,
		DataDir: a.Config.DataDir,
		Limits:  &cli,
		Lazy:    a.lazyDB,
		Logger:  a.Log,
	})
	if err != nil {
		return nil, nil, fmt.Errorf("open database (%s): %w", a.Config.DatabaseDescription(), err)
	}
	return pool, closeDB, nil
}

// withDB runs fn with an open pool and closes it afterwards, even when ctx
// was cancelled, so an interrupted command still stops the embedded cluster.
func (a *App) withDB(ctx context.Context, fn func(*pgxpool.Pool) error) (err error) {
	pool, closeDB, err := a.openDB(ctx)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := closeDB(context.WithoutCancel(ctx)); cerr != nil {
			a.Log.Warn("closing database", "error", cerr)
		}
	}()
	return fn(pool)
}

// withPools is withDB with a pool per role besides the command's own, all
// closed afterwards.
func (a *App) withPools(ctx context.Context, roles []database.Role, fn func(*database.Pools) error) error {
	return a.withDB(ctx, func(pool *pgxpool.Pool) error {
		pools, err := database.OpenPools(pool, a.Config.DB, roles...)
		if err != nil {
			return err
		}
		defer pools.Close()
		return fn(pools)
	})
}

// command is what each subcommand struct implements.
type command interface {
	Validate() error
	Run(ctx context.Context) error
}

// run validates then runs c: Validate's error is a usage error (exit 2).
func (a *App) run(ctx context.Context, c command) error {
	if err := c.Validate(); err != nil {
		return asUsage(err)
	}
	a.ran = true
	return c.Run(ctx)
}

// logStart records what a long-running command starts with; Config's
// LogValue keeps the secrets out.
func (a *App) logStart(ctx context.Context, command string) {
	b := Build()
	a.Log.InfoContext(ctx, "starting", "command", command, "version", b.Version, "commit", b.Commit, "config", a.Config)
}
