package worker

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/zumodra/zumodra/internal/kind"

	"github.com/jackc/pgx/v5"

	"github.com/zumodra/zumodra/internal/apply"
	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/metrics"
	"github.com/zumodra/zumodra/internal/outbox"
	"github.com/zumodra/zumodra/internal/resync"
)

func (p *Pool) applyCatalog(ctx context.Context, tx pgx.Tx, t domain.Tenant, c kind.Catalog, w outbox.Work, isolate bool) (apply.Stats, []apply.RowError, error) {
	all, ids := w.Of(c)
	switch {
	case all:
		return resync.Pass(ctx, tx, t, c, p.cfg.PageSize, apply.Options{})
	case isolate:
		return apply.SyncIsolated(ctx, tx, t, c, ids, apply.Options{})
	}
	st, invalid, err := apply.SyncIDs(ctx, tx, t, c, ids, apply.Options{})
	if err != nil {
		return st, nil, fmt.Errorf("%w: %w", errIsolate, err)
	}
	return st, invalid, nil
}

// failuresByEntry maps each claimed row that asked for a failed source row
// to the error(s) of that row.
func failuresByEntry(w outbox.Work, failed []apply.RowError) map[int64]string {
	out := map[int64]string{}
	for _, f := range failed {
		for _, id := range w.EntriesFor(f.Catalog, f.ID) {
			if out[id] != "" {
				out[id] += "; "
			}
			out[id] += f.Error()
		}
	}
	return out
}

// applied lists the claimed rows with no failure.
func applied(w outbox.Work, failures map[int64]string) []outbox.Entry {
	var out []outbox.Entry
	for _, e := range w.Entries {
		if _, failed := failures[e.ID]; !failed {
			out = append(out, e)
		}
	}
	return out
}

// recordFailures bumps the failed rows' attempts, grouped by error text.
func (p *Pool) recordFailures(ctx context.Context, tx pgx.Tx, failures map[int64]string) (dead int, err error) {
	byMsg := map[string][]int64{}
	for id, msg := range failures {
		byMsg[msg] = append(byMsg[msg], id)
	}
	for _, msg := range slices.Sorted(maps.Keys(byMsg)) {
		n, err := outbox.Fail(ctx, tx, byMsg[msg], errors.New(msg), p.cfg.clock(), p.cfg.retry())
		if err != nil {
			return dead, err
		}
		dead += n
	}
	return dead, nil
}

// failClaimed records a failure of the whole batch transaction against
// every row it had claimed, in a transaction of its own (the batch's rolled
// back). Without it, a failure that isolation cannot catch would be retried
// forever instead of ending as a visible dead letter.
func (p *Pool) failClaimed(ctx context.Context, entries []outbox.Entry, cause error) {
	ids := make([]int64, len(entries))
	for i, e := range entries {
		ids[i] = e.ID
	}
	dead, err := outbox.Fail(ctx, p.db, ids, cause, p.cfg.clock(), p.cfg.retry())
	if err != nil {
		p.cfg.Logger.ErrorContext(ctx, "record batch failure", "error", err, "cause", cause)
		return
	}
	metrics.SyncFailures.WithLabelValues("retry").Add(float64(len(ids) - dead))
	metrics.SyncFailures.WithLabelValues("dead").Add(float64(dead))
}

// describe summarises failures for a log line.
func describe(failed []apply.RowError) string {
	parts := make([]string, 0, len(failed))
	for _, f := range failed {
		parts = append(parts, f.Error())
	}
	return strings.Join(parts, "; ")
}
