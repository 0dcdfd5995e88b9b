package bench

import (
	"context"
	"fmt"
	"log/slog"
	"regexp"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/zumodra/zumodra/internal/migrate"
)

// benchDBName guards PrepareDatabase: it drops the database it is given,
// so it only accepts names that say they are the suite's.
var benchDBName = regexp.MustCompile(`^zumodra_bench[a-z0-9_]{0,40}$`)

// PrepareDatabase (re)creates the database name on admin's server, applies
// the shared migrations to it and returns its connection string and a
// function that drops it.
func PrepareDatabase(ctx context.Context, admin *pgxpool.Pool, name string, log *slog.Logger) (string, func(context.Context) error, error) {
	if !benchDBName.MatchString(name) {
		return "", nil, fmt.Errorf("bench: database name %q must match %s", name, benchDBName)
	}
	ident := pgx.Identifier{name}.Sanitize()
	drop := func(ctx context.Context) error {
		_, err := admin.Exec(ctx, `DROP DATABASE IF EXISTS `+ident+` WITH (FORCE)`)
		return err
	}
	if err := drop(ctx); err != nil {
		return "", nil, fmt.Errorf("bench: drop %s: %w", name, err)
	}
	if _, err := admin.Exec(ctx, `CREATE DATABASE `+ident); err != nil {
		return "", nil, fmt.Errorf("bench: create %s: %w", name, err)
	}
	url, err := withDatabase(admin.Config().ConnString(), name)
	if err != nil {
		return "", nil, err
	}
	pool, err := pgxpool.New(ctx, url)
	if err != nil {
		return "", nil, fmt.Errorf("bench: %w", err)
	}
	defer pool.Close()
	if err := migrate.Up(ctx, pool, log); err != nil {
		return "", nil, fmt.Errorf("bench: migrate %s: %w", name, err)
	}
	return url, drop, nil
}
