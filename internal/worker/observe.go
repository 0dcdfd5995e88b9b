package worker

import (
	"time"

	"github.com/zumodra/zumodra/internal/metrics"
)

// observe records a committed batch in the metrics and the log; nothing is
// counted for a rolled-back batch.
func (p *Pool) observe(b Batch, start time.Time) {
	if b.Claimed == 0 {
		return
	}
	metrics.SyncApplySeconds.WithLabelValues("incremental").Observe(time.Since(start).Seconds())
	for c, st := range b.Stats {
		st.Record(c)
	}
	for _, e := range b.Applied {
		metrics.SyncPropagationSeconds.Observe(b.Committed.Sub(e.EnqueuedAt).Seconds())
	}
	if len(b.Failed) > 0 {
		metrics.SyncFailures.WithLabelValues("retry").Add(float64(b.Retried))
		metrics.SyncFailures.WithLabelValues("dead").Add(float64(b.Dead))
		p.cfg.Logger.Warn("sync rows failed", "tenant_ids", b.Tenants, "rows", len(b.Failed),
			"retried", b.Retried, "dead_letters", b.Dead, "errors", describe(b.Failed))
	}
}
