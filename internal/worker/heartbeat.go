package worker

import (
	"context"
	"fmt"
	"os"
	"time"
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
	_, err := p.db.Exec(ctx, `INSERT INTO public.worker_heartbeats (worker_id, hostname, pid)
		SELECT id, $2, $3 FROM unnest($1::text[]) id
		ON CONFLICT (worker_id) DO UPDATE SET seen_at = now(), hostname = EXCLUDED.hostname, pid = EXCLUDED.pid`,
		p.workerIDs(), host, os.Getpid())
	return err
}

func (p *Pool) removeHeartbeats() {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if _, err := p.db.Exec(ctx, `DELETE FROM public.worker_heartbeats WHERE worker_id = ANY($1)`, p.workerIDs()); err != nil {
		p.cfg.Logger.Warn("remove worker heartbeats", "error", err)
	}
}
