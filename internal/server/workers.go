package server

import (
	"cmp"
	"context"
	"log/slog"
	"time"

	"github.com/zumodra/zumodra/internal/config"
	"github.com/zumodra/zumodra/internal/database"
	"github.com/zumodra/zumodra/internal/ops"
	"github.com/zumodra/zumodra/internal/worker"
)

// Workers returns a function running n sync workers, with the periodic
// verify, cleanup and applicant purge (at retention; 0 keeps forever)
// runs beside them, until its context ends (each worker
// then finishes or rolls back the batch in hand), or nil for n == 0.
//
// The workers take pools' worker pool and the periodic tasks a pool of
// their own, so that verify holding its lock and its reads never takes the
// connections the workers apply with (and the LISTEN connection is the
// workers' own, outside any pool).
func Workers(pools *database.Pools, n int, timing config.SyncTiming, retention time.Duration, log *slog.Logger) (func(context.Context) error, error) {
	if n == 0 {
		return nil, nil
	}
	p, err := worker.New(pools.For(database.RoleWorker), worker.Config{Workers: n, Logger: log, PollInterval: timing.PollInterval,
		HeartbeatInterval: timing.HeartbeatInterval})
	if err != nil {
		return nil, err
	}
	periodicPool := cmp.Or(pools.Periodic, pools.Base)
	periodic := &ops.Periodic{Pool: periodicPool, Log: log, VerifyEvery: timing.VerifyInterval, CleanupEvery: timing.CleanupInterval,
		Retention: retention}
	return ops.WithPeriodic(p.Run, periodic), nil
}
