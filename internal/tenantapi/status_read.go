package tenantapi

import (
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/zumodra/zumodra/internal/catalog"
	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/kind"
	"github.com/zumodra/zumodra/internal/outbox"
	"github.com/zumodra/zumodra/internal/projection"
	"github.com/zumodra/zumodra/internal/source"
)

// queueState is what the outbox holds for one source row.
type queueState struct{ queued, dead bool }

// readStatus reads up to n items from the cursor on: jobs, then providers.
func (h *Handler) readStatus(ctx context.Context, tx pgx.Tx, t domain.Tenant, cur statusCursor, n int) ([]statusItem, error) {
	var items []statusItem
	if cur.kind == "job" {
		jobs, err := h.jobStatus(ctx, tx, t, cur.after, n)
		if err != nil {
			return nil, err
		}
		items = jobs
		cur = statusCursor{kind: "provider"}
	}
	if len(items) >= n {
		return items, nil
	}
	provs, err := h.providerStatus(ctx, tx, t, cur.after, n-len(items))
	return append(items, provs...), err
}

func (h *Handler) jobStatus(ctx context.Context, tx pgx.Tx, t domain.Tenant, after int64, n int) ([]statusItem, error) {
	ids, err := source.JobIDPage(ctx, tx, t, after, n)
	if err != nil {
		return nil, err
	}
	ins, err := source.JobsByID(ctx, tx, t, ids)
	if err != nil {
		return nil, err
	}
	cat, queue, err := catalogAndQueue(ctx, tx, t.ID, kind.Jobs, ids)
	if err != nil {
		return nil, err
	}
	now := h.now()
	items := make([]statusItem, 0, len(ins))
	for _, in := range ins {
		row, why := projection.Job(in)
		it := statusItem{Kind: "job", ID: in.Job.ID, Name: in.Job.Title, Version: in.Job.Version,
			Reasons: reasonStrings(projection.JobExclusions(in), why)}
		if r := projection.JobTimeExclusion(in.Job, now); len(it.Reasons) == 0 && r != projection.Public {
			it.Reasons = []string{string(r)}
		}
		it.decide(row.ContentHash, cat[in.Job.ID], queue[in.Job.ID])
		items = append(items, it)
	}
	return items, nil
}

func (h *Handler) providerStatus(ctx context.Context, tx pgx.Tx, t domain.Tenant, after int64, n int) ([]statusItem, error) {
	ids, err := source.ProviderIDPage(ctx, tx, t, after, n)
	if err != nil {
		return nil, err
	}
	ins, err := source.ProvidersByID(ctx, tx, t, ids)
	if err != nil {
		return nil, err
	}
	cat, queue, err := catalogAndQueue(ctx, tx, t.ID, kind.Providers, ids)
	if err != nil {
		return nil, err
	}
	now := h.now()
	items := make([]statusItem, 0, len(ins))
	for _, in := range ins {
		row, why := projection.Provider(in)
		it := statusItem{Kind: "provider", ID: in.Provider.ID, Name: in.Provider.DisplayName, Version: in.Provider.Version,
			Reasons: reasonStrings(projection.ProviderExclusions(in), why)}
		if r := projection.ProviderTimeExclusion(in.Provider, now); len(it.Reasons) == 0 && r != projection.Public {
			it.Reasons = []string{string(r)}
		}
		it.decide(row.ContentHash, cat[in.Provider.ID], queue[in.Provider.ID])
		items = append(items, it)
	}
	return items, nil
}

// catalogAndQueue reads the catalog rows and outbox entries of these
// source ids. An outbox entry for the whole tenant, or for the whole
// catalog, concerns every id.
func catalogAndQueue(ctx context.Context, tx pgx.Tx, tenantID int64, c kind.Catalog, ids []int64) (map[int64]*catalog.Published, map[int64]queueState, error) {
	cat, err := catalog.PublishedBySource(ctx, tx, c, tenantID, ids)
	if err != nil {
		return nil, nil, err
	}
	queue, err := readQueue(ctx, tx, tenantID, c.Entity(), c.WholeEntity(), ids)
	return cat, queue, err
}

func readQueue(ctx context.Context, tx pgx.Tx, tenantID int64, entity, bulkEntity string, ids []int64) (map[int64]queueState, error) {
	marks, err := outbox.ReadMarks(ctx, tx, tenantID, outbox.Entity(entity), ids, []outbox.Entity{outbox.EntityTenant, outbox.Entity(bulkEntity)})
	if err != nil {
		return nil, err
	}
	queue := map[int64]queueState{}
	for _, m := range marks {
		targets := []int64{m.SourceID}
		if string(m.Entity) != entity {
			targets = ids
		}
		for _, id := range targets {
			q := queue[id]
			q.queued = q.queued || !m.Dead
			q.dead = q.dead || m.Dead
			queue[id] = q
		}
	}
	return queue, nil
}

// reasonStrings lists the rules a row fails, and invalid_values when the
// projection found it holds values the catalog cannot take.
func reasonStrings(rs []projection.Reason, why projection.Reason) []string {
	out := make([]string, len(rs), len(rs)+1)
	for i, r := range rs {
		out[i] = string(r)
	}
	if why == projection.ReasonInvalid {
		out = append(out, string(why))
	}
	return out
}
