// Command catalogseed fills a benchmark database's catalog with generated
// tenants, jobs and providers (see internal/catalog/seedgen).
//
//	go run ./internal/catalog/cmd/catalogseed -database-url postgres://postgres@127.0.0.1/bench -migrate
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/zumodra/zumodra/internal/catalog/seedgen"
	"github.com/zumodra/zumodra/internal/migrate"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "catalogseed:", err)
		os.Exit(1)
	}
}

func run() error {
	// The default is read after parsing, so that -h never prints the
	// password DATABASE_URL may hold.
	url := flag.String("database-url", "", "database to fill (required; default $DATABASE_URL)")
	doMigrate := flag.Bool("migrate", false, "apply the migrations first")
	migrateOnly := flag.Bool("migrate-only", false, "apply the migrations and stop")
	o := seedgen.Options{}
	flag.Uint64Var(&o.Seed, "seed", 1, "random seed; the same seed gives the same rows")
	flag.IntVar(&o.Tenants, "tenants", 1000, "tenants")
	flag.IntVar(&o.Jobs, "jobs", 200_000, "jobs")
	flag.IntVar(&o.Providers, "providers", 100_000, "providers")
	flag.IntVar(&o.Workers, "workers", 2, "parallel COPY streams per table")
	flag.Parse()
	if *url == "" {
		*url = os.Getenv("DATABASE_URL")
	}
	if *url == "" {
		return fmt.Errorf("-database-url or DATABASE_URL is required")
	}
	o.Now = time.Now().UTC()
	ctx := context.Background()
	pool, err := pgxpool.New(ctx, *url)
	if err != nil {
		return err
	}
	defer pool.Close()
	if *doMigrate || *migrateOnly {
		if err := migrate.Up(ctx, pool, slog.New(slog.DiscardHandler)); err != nil {
			return err
		}
	}
	if *migrateOnly {
		return nil
	}
	return seedgen.Generate(ctx, pool, o, os.Stdout)
}
