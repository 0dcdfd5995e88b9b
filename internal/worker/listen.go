package worker

import (
	"context"
	"time"

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

func (p *Pool) listenOnce(ctx context.Context) error {
	conn, err := p.db.Acquire(ctx)
	if err != nil {
		return err
	}
	// The connection carries a LISTEN: never hand it back to the pool.
	defer func() { _ = conn.Hijack().Close(context.Background()) }()
	if _, err := conn.Exec(ctx, "LISTEN "+outbox.Channel); err != nil {
		return err
	}
	p.wakeAll() // rows may have arrived before LISTEN took effect
	for {
		if _, err := conn.Conn().WaitForNotification(ctx); err != nil {
			return err
		}
		p.wakeAll()
	}
}
