package server

import (
	"cmp"
	"context"
	"errors"
	"log/slog"
	"sync"
	"time"

	"github.com/zumodra/zumodra/internal/config"
	"github.com/zumodra/zumodra/internal/database"
	"github.com/zumodra/zumodra/internal/notify"
	"github.com/zumodra/zumodra/internal/ops"
	"github.com/zumodra/zumodra/internal/webhooks"
	"github.com/zumodra/zumodra/internal/worker"
)

// Workers returns a function running n sync workers, with the periodic
// verify, cleanup and applicant purge (at retention; 0 keeps forever)
// runs and the notification deliveries beside them, until its context
// ends (each worker then finishes or rolls back the batch in hand, each
// delivery its send), or nil for n == 0.
//
// The workers take pools' worker pool and the periodic tasks a pool of
// their own, so that verify holding its lock and its reads never takes the
// connections the workers apply with (and the LISTEN connection is the
// workers' own, outside any pool).
func Workers(pools *database.Pools, n int, timing config.SyncTiming, retention time.Duration, nc config.Notify, log *slog.Logger) (func(context.Context) error, error) {
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
	deliveries := &notify.Worker{Pool: pools.For(database.RoleWorker), Log: log,
		Guard: webhooks.Guard{AllowPrivate: nc.WebhookAllowPrivate}, Mailer: mailer(nc.SMTP)}
	return together(ops.WithPeriodic(p.Run, periodic), deliveries.Run), nil
}

// mailer is the configured SMTP server, or nil when there is none.
func mailer(s config.SMTP) notify.Mailer {
	if !s.Enabled() {
		return nil
	}
	return notify.SMTP{Host: s.Host, Port: s.Port, From: s.From, Username: s.Username, Password: s.Password, StartTLS: s.StartTLS}
}

// together runs every fn until ctx ends; the first failure stops the rest.
func together(fns ...func(context.Context) error) func(context.Context) error {
	return func(ctx context.Context) error {
		ctx, cancel := context.WithCancel(ctx)
		defer cancel()
		var wg sync.WaitGroup
		errs := make([]error, len(fns))
		for i, fn := range fns {
			wg.Go(func() {
				if errs[i] = fn(ctx); errs[i] != nil {
					cancel()
				}
			})
		}
		wg.Wait()
		return errors.Join(errs...)
	}
}
