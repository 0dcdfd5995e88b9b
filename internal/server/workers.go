package server

import (
	"context"
	"log/slog"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/zumodra/zumodra/internal/ops"
	"github.com/zumodra/zumodra/internal/worker"
)

// Workers returns a function running n sync workers until its context ends
// (each then finishes or rolls back the batch in hand), or nil for n == 0.
func Workers(pool *pgxpool.Pool, n int, log *slog.Logger) (func(context.Context) error, error) {
	if n == 0 {
		return nil, nil
	}
	p, err := worker.New(pool, worker.Config{Workers: n, Logger: log})
	if err != nil {
		return nil, err
	}
	return ops.WithPeriodic(p.Run, &ops.Periodic{Pool: pool, Log: log}), nil
}
