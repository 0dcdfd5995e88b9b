package worker

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/zumodra/zumodra/internal/outbox"
)

func (p *Pool) workerID(i int) string { return fmt.Sprintf("%s/%d", p.cfg.Name, i) }

func (p *Pool) workerIDs() []string {
	ids := make([]string, p.cfg.Workers)
	for i := range ids {
		ids[i] = p.workerID(i)
	}
	return ids
}

// heartbeats keeps this Pool's rows in public.worker_heartbeats fresh
// until ctx ends, then removes them: doctor, metrics and the admin page
// read liveness from there, across processes.
func (p *Pool) heartbeats(ctx context.Context) {
	host, _ := os.Hostname()
	t := time.NewTicker(p.cfg.HeartbeatInterval)
	defer t.Stop()
	for {
		if err := p.beat(ctx, host); err != nil && ctx.Err() == nil {
			p.cfg.Logger.WarnContext(ctx, "worker heartbeat failed", "error", err)
		}
		select {
		case <-ctx.Done():
			p.removeHeartbeats()
			return
		case <-t.C:
		}
	}
}

func (p *Pool) beat(ctx context.Context, host string) error {
	return outbox.Beat(ctx, p.db, p.workerIDs(), host, os.Getpid(), p.cfg.HeartbeatInterval)
}

func (p *Pool) removeHeartbeats() {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := outbox.RemoveBeats(ctx, p.db, p.workerIDs()); err != nil {
		p.cfg.Logger.Warn("remove worker heartbeats", "error", err)
	}
}
