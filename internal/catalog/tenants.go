package catalog

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/kind"
	"github.com/zumodra/zumodra/internal/pgq"
)

// TenantRows is what one catalog holds of one tenant, for the operators'
// views (admin, tenants show).
type TenantRows struct {
	Rows       int
	LastSynced *time.Time // nil when the tenant has no row
}

// RowsByTenant counts every tenant's rows in catalog c, with their latest
// sync time; tenants without rows are absent.
func RowsByTenant(ctx context.Context, q pgq.Querier, c kind.Catalog) (map[int64]TenantRows, error) {
	rows, err := q.Query(ctx, `SELECT tenant_id, count(*), max(synced_at) FROM `+c.Table()+` GROUP BY tenant_id`)
	if err != nil {
		return nil, fmt.Errorf("count %s: %w", c.Table(), err)
	}
	out := map[int64]TenantRows{}
	var id int64
	var a TenantRows
	_, err = pgx.ForEachRow(rows, []any{&id, &a.Rows, &a.LastSynced}, func() error {
		if a.LastSynced != nil { // own copy: the scan target is reused
			last := *a.LastSynced
			a.LastSynced = &last
		}
		out[id] = a
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("count %s: %w", c.Table(), err)
	}
	return out, nil
}

// CountTenant counts one tenant's rows in catalog c.
func CountTenant(ctx context.Context, q pgq.Querier, c kind.Catalog, tenantID int64) (int, error) {
	var n int
	if err := q.QueryRow(ctx, `SELECT count(*) FROM `+c.Table()+` WHERE tenant_id = $1`, tenantID).Scan(&n); err != nil {
		return 0, fmt.Errorf("count %s of tenant %d: %w", c.Table(), tenantID, err)
	}
	return n, nil
}

// Origin is where a catalog row came from: its tenant and the id of the
// source row in that tenant's schema.
type Origin struct {
	TenantID int64
	SourceID int64
}

// OriginOf finds the origin of catalog row id of c; a not-found error when
// there is no such row.
func OriginOf(ctx context.Context, q pgq.Querier, c kind.Catalog, id int64) (Origin, error) {
	var o Origin
	err := q.QueryRow(ctx, `SELECT tenant_id, source_id FROM `+c.Table()+` WHERE id = $1`, id).Scan(&o.TenantID, &o.SourceID)
	if errors.Is(err, pgx.ErrNoRows) {
		return o, domain.Errorf(domain.CodeNotFound, "no such listing")
	}
	if err != nil {
		return o, fmt.Errorf("look up catalog row %d in %s: %w", id, c.Table(), err)
	}
	return o, nil
}

// Published is what catalog c holds for one source row: the catalog row's id
// and the content hash it was written with.
type Published struct {
	ID   int64
	Hash []byte
}

// PublishedBySource reads the catalog rows of these source ids of one
// tenant, keyed by source id; ids without a row are absent.
func PublishedBySource(ctx context.Context, q pgq.Querier, c kind.Catalog, tenantID int64, ids []int64) (map[int64]*Published, error) {
	rows, err := q.Query(ctx, `SELECT source_id, id, content_hash FROM `+c.Table()+`
		WHERE tenant_id = $1 AND source_id = ANY($2)`, tenantID, ids)
	if err != nil {
		return nil, fmt.Errorf("read %s of tenant %d: %w", c.Table(), tenantID, err)
	}
	out := map[int64]*Published{}
	var sid int64
	var p Published
	if _, err := pgx.ForEachRow(rows, []any{&sid, &p.ID, &p.Hash}, func() error {
		own := p // the scan target is reused
		out[sid] = &own
		return nil
	}); err != nil {
		return nil, fmt.Errorf("read %s of tenant %d: %w", c.Table(), tenantID, err)
	}
	return out, nil
}
