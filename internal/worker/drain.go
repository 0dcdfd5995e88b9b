package worker

import (
	"context"
	"time"

	"github.com/zumodra/zumodra/internal/kind"

	"github.com/zumodra/zumodra/internal/apply"
)

// Drain processes batches until no outbox row is available (or only rows
// of tenants held by other transactions remain), and returns the batches'
// totals. Tests use it to drive the sync deterministically; it does not
// need Run.
func (p *Pool) Drain(ctx context.Context) (Totals, error) {
	var tot Totals
	for {
		b, err := p.ProcessBatch(ctx)
		if err != nil {
			return tot, err
		}
		if !b.Found {
			return tot, nil
		}
		tot.add(b)
		if b.TenantID == 0 {
			// Every available tenant is locked by someone else: let them finish.
			if err := p.waitBriefly(ctx); err != nil {
				return tot, err
			}
		}
	}
}

func (p *Pool) waitBriefly(ctx context.Context) error {
	t := time.NewTimer(10 * time.Millisecond)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// Totals sums batches.
type Totals struct {
	Batches int
	Claimed int
	Stats   map[kind.Catalog]apply.Stats
	Failed  []apply.RowError
	Retried int
	Dead    int
}

func (t *Totals) add(b Batch) {
	if b.Claimed == 0 {
		return
	}
	if t.Stats == nil {
		t.Stats = map[kind.Catalog]apply.Stats{}
	}
	t.Batches++
	t.Claimed += b.Claimed
	for c, st := range b.Stats {
		s := t.Stats[c]
		s.Add(st)
		t.Stats[c] = s
	}
	t.Failed = append(t.Failed, b.Failed...)
	t.Retried += b.Retried
	t.Dead += b.Dead
}
