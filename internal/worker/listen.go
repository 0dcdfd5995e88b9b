package worker

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/zumodra/zumodra/internal/outbox"
)

// listen holds one connection LISTENing on the sync channel and wakes the
// workers on every notification. When the connection fails it reconnects
// after a pause; the workers' polling covers the gap.
func (p *Pool) listen(ctx context.Context) {
	for ctx.Err() == nil {
		err := p.listenOnce(ctx)
		if ctx.Err() != nil {
			return
		}
		p.cfg.Logger.WarnContext(ctx, "sync LISTEN connection lost; polling until it is back", "error", err)
		p.wakeAll() // notifications may have been missed
		t := time.NewTimer(p.cfg.PollInterval)
		select {
		case <-ctx.Done():
		case <-t.C:
		}
		t.Stop()
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
