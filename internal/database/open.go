package database

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"log/slog"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/zumodra/zumodra/internal/pgcluster"
)

// DefaultDBName is the database zumodra uses inside the embedded cluster.
const DefaultDBName = "zumodra"

// Config says which PostgreSQL to use.
type Config struct {
	URL      string  // DATABASE_URL; empty means the embedded cluster
	DataDir  string  // embedded cluster root; pgcluster.DefaultDataDir when empty
	DBName   string  // database inside the embedded cluster; DefaultDBName when empty
	MaxConns int32   // pool size; pgxpool's default when zero (Limits wins when set)
	Limits   *Limits // pool size and timeouts of the opened pool; nil leaves the server's defaults
	// Lazy opens a DATABASE_URL pool without waiting for the server: serve
	// and worker start during an outage and connect once it ends.
	Lazy   bool
	Logger *slog.Logger
}

// CloseFunc closes the pool and, for the embedded cluster, stops the server
// when no other client remains (see the package doc).
type CloseFunc func(context.Context) error

// Open returns a pool on cfg.URL, or on the embedded cluster (started or
// attached to, its database created when missing).
func Open(ctx context.Context, cfg Config) (*pgxpool.Pool, CloseFunc, error) {
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.URL != "" {
		pool, err := newPool(ctx, cfg.URL, cfg)
		if err != nil {
			return nil, nil, err
		}
		return pool, func(context.Context) error { pool.Close(); return nil }, nil
	}
	return openEmbedded(ctx, cfg)
}

func openEmbedded(ctx context.Context, cfg Config) (_ *pgxpool.Pool, _ CloseFunc, err error) {
	cfg.DBName = cmp.Or(cfg.DBName, DefaultDBName)
	cluster, err := pgcluster.Start(ctx, pgcluster.Options{DataDir: cfg.DataDir, Logger: cfg.Logger})
	if err != nil {
		return nil, nil, err
	}
	var lease *pgx.Conn
	defer func() {
		if err != nil {
			err = errors.Join(err, release(context.WithoutCancel(ctx), nil, lease, cluster))
		}
	}()
	if lease, err = pgx.Connect(ctx, cluster.URL("postgres")); err != nil {
		return nil, nil, fmt.Errorf("lease connection: %w", err)
	}
	if err = ensureDatabase(ctx, lease, cfg.DBName, cfg.Logger); err != nil {
		return nil, nil, err
	}
	cfg.Lazy = false // the cluster is up: we just started it
	pool, err := newPool(ctx, cluster.URL(cfg.DBName), cfg)
	if err != nil {
		return nil, nil, err
	}
	return pool, func(ctx context.Context) error { return release(ctx, pool, lease, cluster) }, nil
}

func release(ctx context.Context, pool *pgxpool.Pool, lease *pgx.Conn, cluster *pgcluster.Cluster) error {
	if pool != nil {
		pool.Close()
	}
	var err error
	if lease != nil {
		err = lease.Close(ctx)
	}
	_, stopErr := cluster.StopIfUnused(ctx)
	return errors.Join(err, stopErr)
}

func newPool(ctx context.Context, url string, o Config) (*pgxpool.Pool, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("parse database URL: %w", err) // pgx redacts the password
	}
	if o.MaxConns > 0 {
		cfg.MaxConns = o.MaxConns
	}
	if o.Limits != nil {
		if err := o.Limits.Validate(); err != nil {
			return nil, err
		}
		o.Limits.apply(cfg)
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("open pool: %w", err)
	}
	if o.Lazy {
		return pool, nil
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("connect to %s:%d/%s: %w", cfg.ConnConfig.Host, cfg.ConnConfig.Port, cfg.ConnConfig.Database, err)
	}
	return pool, nil
}
