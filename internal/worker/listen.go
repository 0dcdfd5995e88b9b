package worker

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/zumodra/zumodra/internal/outbox"
)

// listen holds one connection LISTENing on the sync channel and wakes the
// workers on every notification, for writers that turned the capture NOTIFY
// on (zumodra.capture_notify = on). When the connection fails it reconnects
// after a pause; the probe covers the gap.
func (p *Pool) listen(ctx context.Context) {
	for ctx.Err() == nil {
		err := p.listenOnce(ctx)
		if ctx.Err() != nil {
			return
		}
		p.cfg.Logger.WarnContext(ctx, "sync LISTEN connection lost; probing until it is back", "error", err)
		p.wakeAll() // notifications may have been missed
		pause(ctx, max(p.cfg.PollInterval, time.Second))
	}
}

// listenOnce opens a connection of its own rather than take one from the
// pool: held for the process's life, a pooled one would leave the workers
// one connection short, and none at all with a pool of one.
func (p *Pool) listenOnce(ctx context.Context) error {
	conn, err := pgx.ConnectConfig(ctx, p.db.Config().ConnConfig)
	if err != nil {
		return err
	}
	defer func() { _ = conn.Close(context.Background()) }()
	if _, err := conn.Exec(ctx, "LISTEN "+outbox.Channel); err != nil {
		return err
	}
	p.wakeAll() // rows may have arrived before LISTEN took effect
	for {
		if _, err := conn.WaitForNotification(ctx); err != nil {
			return err
		}
		p.wakeAll()
	}
}
