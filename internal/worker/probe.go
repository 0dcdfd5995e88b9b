package worker

import (
	"context"
	"time"

	"github.com/zumodra/zumodra/internal/outbox"
)

// probe wakes the idle workers when the outbox has available rows. Writers
// do not NOTIFY by default (a notifying commit serialises every writer's
// commit), so this is how new changes are found. The interval adapts:
// BusyPollInterval while the pool applied something within IdleAfter, then
// doubling after each empty probe up to PollInterval. One probe per Pool,
// whatever its number of workers, and none while every worker is in a batch
// (each looks again on its own when its batch ends).
func (p *Pool) probe(ctx context.Context) {
	interval := p.cfg.PollInterval // nothing recent at start: no busy probing
	t := time.NewTimer(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		if p.idle.Load() > 0 {
			found, err := outbox.Available(ctx, p.db, p.cfg.clock())
			if err != nil && ctx.Err() == nil {
				p.cfg.Logger.WarnContext(ctx, "sync outbox probe failed", "error", err)
			}
			if found {
				p.wakeAll()
			}
		}
		interval = p.nextProbe(interval)
		t.Reset(interval)
	}
}

// nextProbe is the interval before the next probe.
func (p *Pool) nextProbe(last time.Duration) time.Duration {
	if time.Since(time.Unix(0, p.lastWork.Load())) < p.cfg.IdleAfter {
		return p.cfg.BusyPollInterval
	}
	return min(2*last, p.cfg.PollInterval)
}
