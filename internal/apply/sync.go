package apply

import (
	"context"

	"github.com/zumodra/zumodra/internal/kind"

	"github.com/jackc/pgx/v5"

	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/notify"
	"github.com/zumodra/zumodra/internal/pgq"
)

// SyncIDs brings the catalog rows of these source ids in line with their
// current source rows: read, project, upsert the public ones, remove the
// rest (including ids whose source row no longer exists). When q can send
// batches (a pgx.Tx can), the source rows and the catalog's hashes are read
// in one round trip. Rows holding values the catalog cannot take are removed
// too and returned as row errors: the caller settles them like any failed
// row, while the rest of the work stands.
func SyncIDs(ctx context.Context, q pgq.Querier, t domain.Tenant, c kind.Catalog, ids []int64, opts Options) (Stats, []RowError, error) {
	if len(ids) == 0 {
		return Stats{}, nil, nil
	}
	b := &pgx.Batch{}
	x := queuePart(b, t, c, ids, opts)
	if err := q.SendBatch(ctx, b).Close(); err != nil {
		return Stats{}, nil, err
	}
	x.project()
	p, fps, hold := x.p, x.fps, x.hold
	events := listingEvents(c, p, hold)
	st, err := applyItems(ctx, q, c, catalogs[c].columns, t.ID, p.items, p.remove, hold, opts)
	if err == nil && opts.refreshFingerprints {
		err = recordExclusions(ctx, q, c, t.ID, p.excluded, fps, opts)
	}
	if err == nil && !opts.DryRun && x.listening {
		_, err = notify.Recorder{}.Record(ctx, q, t.ID, events...)
	}
	if err != nil {
		return st, nil, err
	}
	st.Errors += len(p.invalid)
	return st, p.invalid, nil
}

// Page is the result of SyncPage.
type Page struct {
	Stats
	Failed []RowError // rows that could not be applied; the rest were
	Last   int64      // highest source id read; the next page starts after it
	Done   bool       // no source rows after this page
}

// SyncPage syncs one page of a bulk scan: the (at most limit) source ids
// above after, in id order, through SyncIsolated, then removes the catalog
// rows in the page's id range that have no source row at all. On the last
// page the range is unbounded above, so rows beyond the last source id go
// too.
//
// Unless opts.Full, the page is decided before anything is read: the source
// rows whose input fingerprint the catalog holds (or, for a row with no
// catalog row, catalog_exclusions holds) are counted unchanged and not read
// at all. A second bulk sync with nothing changed reads fingerprints only.
func SyncPage(ctx context.Context, tx pgx.Tx, t domain.Tenant, c kind.Catalog, after int64, limit int, opts Options) (Page, error) {
	ids, stale, unchanged, removed, err := pageToSync(ctx, tx, t, c, after, limit, opts)
	if err != nil {
		return Page{}, err
	}
	p := Page{Last: after, Done: len(ids) < limit}
	if len(ids) > 0 {
		p.Last = ids[len(ids)-1]
	}
	opts.refreshFingerprints = true
	if p.Stats, p.Failed, err = SyncIsolated(ctx, tx, t, c, stale, opts); err != nil {
		return p, err
	}
	// Rows skipped as public and unchanged are eligible rows all the same.
	p.Eligible += unchanged
	p.Unchanged += unchanged
	p.Skipped += len(ids) - len(stale)
	p.Removed += removed
	return p, nil
}

// missing returns the requested ids that the source read did not return.
func missing(requested, found []int64) []int64 {
	seen := make(map[int64]bool, len(found))
	for _, id := range found {
		seen[id] = true
	}
	var out []int64
	for _, id := range requested {
		if !seen[id] {
			out = append(out, id)
			seen[id] = true
		}
	}
	return out
}
