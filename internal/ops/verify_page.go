package ops

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/zumodra/zumodra/internal/catalog"
	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/outbox"
	"github.com/zumodra/zumodra/internal/source"
)

// page is what one snapshot found that needs fixing.
type page struct {
	last    int64   // highest source id read; the next page starts after it
	done    bool    // no source rows after this page
	fix     []int64 // source ids whose catalog rows differ (not pending)
	drifted []int64 // the subset of fix present in both, with differences
}

// readPage verifies the source rows after `after` (one page) and the catalog
// rows in the same id range, in one repeatable-read snapshot: the tenant,
// the sources, the catalog and the outbox are seen at one instant, so a
// change the workers have not applied yet is always matched by its pending
// outbox row. The tenant is read again in each page's snapshot: a suspension
// or rename applied since the verification began is no discrepancy.
func (v *Verifier) readPage(ctx context.Context, t domain.Tenant, s spec, after int64, res *CatalogResult) (page, error) {
	var pg page
	opts := pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly}
	err := pgx.BeginTxFunc(ctx, v.Pool, opts, func(tx pgx.Tx) error {
		cur, err := source.TenantByID(ctx, tx, t.ID, source.NoLock) // read only: the snapshot is the guard
		if errors.Is(err, source.ErrTenantGone) {
			pg.done = true // deleted meanwhile: its catalog rows went with it
			return nil
		}
		if err != nil {
			return err
		}
		t = cur
		limit := v.pageSize()
		ids, err := s.idPage(ctx, tx, t, after, limit)
		if err != nil {
			return err
		}
		pg.done, pg.last = len(ids) < limit, after
		upTo := int64(0) // the last page's range is open above: orphans beyond the last source id
		if len(ids) > 0 {
			pg.last = ids[len(ids)-1]
		}
		if !pg.done {
			upTo = pg.last
		}
		src, err := s.project(ctx, tx, t, ids, v.now())
		if err != nil {
			return err
		}
		found, err := mergeCatalog(ctx, tx, t, s, after, upTo, src, res)
		if err != nil {
			return err
		}
		return v.settle(ctx, tx, t, s, found, res, &pg)
	})
	if err != nil {
		return pg, errPage(t, s.catalog, after, err)
	}
	return pg, nil
}

// mergeCatalog streams the catalog rows of the id range in source id order
// beside the projected page (also in id order) and classifies every id.
func mergeCatalog(ctx context.Context, tx pgx.Tx, t domain.Tenant, s spec, after, upTo int64, src []projected, res *CatalogResult) ([]Discrepancy, error) {
	var found []Discrepancy
	i := 0
	err := catalog.EachInRange(ctx, tx, s.catalog, t.ID, after, upTo, s.columns, func(rows pgx.Rows) error {
		cr, err := s.scan(rows)
		if err != nil {
			return err
		}
		res.InCatalog++
		for ; i < len(src) && src[i].id < cr.id; i++ {
			found = appendIf(found, sourceOnly(src[i], res))
		}
		if i < len(src) && src[i].id == cr.id {
			found = appendIf(found, inBoth(s, src[i], cr, res))
			i++
			return nil
		}
		found = append(found, Discrepancy{SourceID: cr.id, Kind: Stale, Reason: "source row no longer exists"})
		return nil
	})
	if err != nil {
		return nil, err
	}
	for ; i < len(src); i++ {
		found = appendIf(found, sourceOnly(src[i], res))
	}
	return found, nil
}

// sourceOnly classifies a source row with no catalog row.
func sourceOnly(p projected, res *CatalogResult) *Discrepancy {
	switch {
	case p.invalid != nil:
		res.Invalid++
		return &Discrepancy{SourceID: p.id, Kind: Invalid, Reason: p.invalid.Error()}
	case !p.public:
		return nil
	case p.expired:
		res.Expired++
		return nil
	}
	res.Eligible++
	return &Discrepancy{SourceID: p.id, Kind: Missing}
}

// inBoth classifies a source row that has a catalog row.
func inBoth(s spec, p projected, cr catalogRow, res *CatalogResult) *Discrepancy {
	if p.invalid != nil {
		res.Invalid++
		return &Discrepancy{SourceID: p.id, Kind: Stale, Reason: p.reason.Text() + ": " + p.invalid.Error()}
	}
	if !p.public {
		return &Discrepancy{SourceID: p.id, Kind: Stale, Reason: p.reason.Text()}
	}
	if p.expired {
		res.Expired++
	} else {
		res.Eligible++
	}
	if cols := driftedColumns(s.columns, p.values, cr.values); len(cols) > 0 {
		return &Discrepancy{SourceID: p.id, Kind: Drifted, Columns: cols}
	}
	return nil
}

func appendIf(ds []Discrepancy, d *Discrepancy) []Discrepancy {
	if d == nil {
		return ds
	}
	return append(ds, *d)
}

// settle sets aside the differences that pending outbox rows explain and
// records the rest.
func (v *Verifier) settle(ctx context.Context, tx pgx.Tx, t domain.Tenant, s spec, found []Discrepancy, res *CatalogResult, pg *page) error {
	if len(found) == 0 {
		return nil
	}
	all, pending, err := pendingChanges(ctx, tx, t.ID, s, found)
	if err != nil {
		return err
	}
	for _, d := range found {
		if d.Kind == Invalid {
			res.add(d, v.sampleSize()) // a sample only: the tenant's to fix, nothing to repair
			continue
		}
		if all || pending[d.SourceID] {
			res.Pending++
			continue
		}
		res.add(d, v.sampleSize())
		pg.fix = append(pg.fix, d.SourceID)
		if d.Kind == Drifted {
			pg.drifted = append(pg.drifted, d.SourceID)
		}
	}
	return nil
}

// pendingChanges reads which of these rows have a change waiting in the
// outbox (dead letters excluded: nobody will apply them unless retried);
// all is true when a full pass of the catalog is waiting.
func pendingChanges(ctx context.Context, tx pgx.Tx, tenantID int64, s spec, found []Discrepancy) (all bool, ids map[int64]bool, err error) {
	want := make([]int64, len(found))
	for i, d := range found {
		want[i] = d.SourceID
	}
	marks, err := outbox.ReadMarks(ctx, tx, tenantID, s.entity, want, []outbox.Entity{outbox.EntityTenant, s.whole})
	if err != nil {
		return false, nil, fmt.Errorf("read pending outbox rows: %w", err)
	}
	ids = map[int64]bool{}
	for _, m := range marks {
		switch {
		case m.Dead:
		case m.Entity == s.entity:
			ids[m.SourceID] = true
		default:
			all = true
		}
	}
	return all, ids, nil
}
