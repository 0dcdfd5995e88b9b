package server

import (
	"context"
	"log/slog"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/zumodra/zumodra/internal/config"
	"github.com/zumodra/zumodra/internal/ops"
	"github.com/zumodra/zumodra/internal/worker"
)

// Workers returns a function running n sync workers, with the periodic
// verify and cleanup runs beside them, until its context ends (each worker
// then finishes or rolls back the batch in hand), or nil for n == 0.
func Workers(pool *pgxpool.Pool, n int, timing config.SyncTiming, log *slog.Logger) (func(context.Context) error, error) {
	if n == 0 {
		return nil, nil
	}
	p, err := worker.New(pool, worker.Config{Workers: n, Logger: log, PollInterval: timing.PollInterval})
	if err != nil {
		return nil, err
	}
	periodic := &ops.Periodic{Pool: pool, Log: log, VerifyEvery: timing.VerifyInterval, CleanupEvery: timing.CleanupInterval}
	return ops.WithPeriodic(p.Run, periodic), nil
}
