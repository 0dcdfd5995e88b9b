package publicapi

import (
	"context"

	"github.com/zumodra/zumodra/internal/catalog"
	"github.com/zumodra/zumodra/internal/counts"
	"github.com/zumodra/zumodra/internal/kind"
)

// JobDetail is the body's data of GET /api/v1/careers/jobs/{id}: the
// catalog row and its counts.
type JobDetail struct {
	catalog.Job
	// ViewCount and ApplicationCount are as old as the counters' flush
	// interval plus the response's life in the cache (internal/counts).
	ViewCount        int64 `json:"view_count"`
	ApplicationCount int64 `json:"application_count"`
}

// ProviderDetail is the body's data of GET /api/v1/providers/{id}.
type ProviderDetail struct {
	catalog.Provider
	ViewCount    int64 `json:"view_count"`
	InquiryCount int64 `json:"inquiry_count"`
}

func (h *Handler) jobDetail(ctx context.Context, id int64) (JobDetail, error) {
	j, err := h.store.Job(ctx, id)
	if err != nil {
		return JobDetail{}, err
	}
	t, err := h.totals(ctx, kind.Jobs, j.ID)
	return JobDetail{Job: j, ViewCount: t.Views, ApplicationCount: t.Submissions}, err
}

func (h *Handler) providerDetail(ctx context.Context, id int64) (ProviderDetail, error) {
	p, err := h.store.Provider(ctx, id)
	if err != nil {
		return ProviderDetail{}, err
	}
	t, err := h.totals(ctx, kind.Providers, p.ID)
	return ProviderDetail{Provider: p, ViewCount: t.Views, InquiryCount: t.Submissions}, err
}

// totals are the row's counts; zero without a counter.
func (h *Handler) totals(ctx context.Context, c kind.Catalog, id int64) (counts.Totals, error) {
	if h.counts == nil {
		return counts.Totals{}, nil
	}
	return h.counts.Totals(ctx, c, id)
}
