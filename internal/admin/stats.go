package admin

import (
	"context"
	"time"

	"github.com/zumodra/zumodra/internal/catalog"
	"github.com/zumodra/zumodra/internal/changefeed"
	"github.com/zumodra/zumodra/internal/kind"

	"github.com/zumodra/zumodra/internal/notify"
	"github.com/zumodra/zumodra/internal/ops"
	"github.com/zumodra/zumodra/internal/outbox"
	"github.com/zumodra/zumodra/internal/source"
)

// CatalogStats is one catalog of one tenant.
type CatalogStats struct {
	Catalog    kind.Catalog `json:"catalog"`
	InCatalog  int          `json:"in_catalog"`            // now
	LastSynced *time.Time   `json:"last_synced,omitempty"` // last change applied, removals included
	// From the tenant's last verification (nil before the first): eligible
	// per the projection, and what differed then.
	Verified *ops.LastVerification `json:"verified,omitempty"`
}

// TenantStats is one tenant's line on the admin page.
type TenantStats struct {
	ID       int64          `json:"id"`
	Slug     string         `json:"slug"`
	Name     string         `json:"name"`
	Status   string         `json:"status"`
	Catalogs []CatalogStats `json:"catalogs"`
	Pending  int            `json:"pending_changes"` // outbox rows waiting
	Dead     int            `json:"dead_letters"`
}

// Overview is the whole admin page.
type Overview struct {
	Queue       ops.QueueState  `json:"queue"`
	Workers     []outbox.Worker `json:"workers"`
	Tenants     []TenantStats   `json:"tenants"`
	DeadLetters []outbox.Entry  `json:"dead_letters"`
	// Deliveries are the notification deliveries failing or dead.
	Deliveries []Delivery `json:"failing_deliveries"`
}

// Delivery is a failing notification delivery with its tenant's slug.
type Delivery struct {
	notify.Troubled
	TenantSlug string `json:"tenant_slug"`
}

// overview gathers the page in a handful of grouped queries, whatever the
// number of tenants.
func (h *Handler) overview(ctx context.Context) (Overview, error) {
	var ov Overview
	var err error
	if ov.Queue, err = ops.ReadQueue(ctx, h.pool); err != nil {
		return ov, err
	}
	if ov.Workers, err = outbox.ReadWorkers(ctx, h.pool); err != nil {
		return ov, err
	}
	if ov.Tenants, err = h.tenantStats(ctx); err != nil {
		return ov, err
	}
	if ov.DeadLetters, err = outbox.ListDead(ctx, h.pool, outbox.DeadFilter{Limit: 100}); err != nil {
		return ov, err
	}
	ov.Deliveries, err = h.failingDeliveries(ctx, ov.Tenants)
	return ov, err
}

// failingDeliveries lists the deliveries to show for replay, each named by
// its tenant's slug.
func (h *Handler) failingDeliveries(ctx context.Context, ts []TenantStats) ([]Delivery, error) {
	ds, err := notify.TroubledDeliveries(ctx, h.pool, 100)
	if err != nil {
		return nil, err
	}
	slugs := make(map[int64]string, len(ts))
	for _, t := range ts {
		slugs[t.ID] = t.Slug
	}
	out := make([]Delivery, len(ds))
	for i, d := range ds {
		out[i] = Delivery{Troubled: d, TenantSlug: slugs[d.TenantID]}
	}
	return out, nil
}

func (h *Handler) tenantStats(ctx context.Context) ([]TenantStats, error) {
	ts, err := source.ListTenants(ctx, h.pool)
	if err != nil {
		return nil, err
	}
	aggs := map[kind.Catalog]map[int64]catalog.TenantRows{}
	for _, c := range kind.All {
		if aggs[c], err = catalog.RowsByTenant(ctx, h.pool, c); err != nil {
			return nil, err
		}
	}
	changed, err := changefeed.LastChanges(ctx, h.pool)
	if err != nil {
		return nil, err
	}
	queue, err := outbox.CountByTenant(ctx, h.pool)
	if err != nil {
		return nil, err
	}
	verified, err := ops.LastVerifications(ctx, h.pool, nil)
	if err != nil {
		return nil, err
	}
	byTenant := map[int64]map[kind.Catalog]*ops.LastVerification{}
	for i, v := range verified {
		if byTenant[v.TenantID] == nil {
			byTenant[v.TenantID] = map[kind.Catalog]*ops.LastVerification{}
		}
		byTenant[v.TenantID][v.Catalog] = &verified[i]
	}
	out := make([]TenantStats, len(ts))
	for i, t := range ts {
		st := TenantStats{ID: t.ID, Slug: t.Slug, Name: t.Name, Status: t.Status,
			Pending: queue[t.ID].Pending, Dead: queue[t.ID].Dead}
		for _, c := range kind.All {
			a := aggs[c][t.ID]
			st.Catalogs = append(st.Catalogs, CatalogStats{Catalog: c, InCatalog: a.Rows,
				LastSynced: latest(a.LastSynced, changed[changefeed.TenantCatalog{TenantID: t.ID, Catalog: c}]), Verified: byTenant[t.ID][c]})
		}
		out[i] = st
	}
	return out, nil
}

// latest is the later of a row's synced_at and the feed's last change: an
// unpublished or deleted row leaves no synced_at behind, only the feed
// knows when it went.
func latest(synced *time.Time, changed time.Time) *time.Time {
	if changed.IsZero() || (synced != nil && !synced.Before(changed)) {
		return synced
	}
	return &changed
}
