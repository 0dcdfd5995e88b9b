package apply

import (
	"bytes"
	"context"
	"fmt"

	"github.com/zumodra/zumodra/internal/kind"

	"github.com/jackc/pgx/v5"

	"github.com/zumodra/zumodra/internal/pgq"
	"github.com/zumodra/zumodra/internal/projection"
)

// item is one projected row, whatever its catalog.
type item struct {
	tenantID, sourceID int64
	hash               []byte
	values             []any
	fp                 []byte // input fingerprint (source.Fingerprints); nil when unknown
	held               bool   // the catalog holds a row of it (splitChanged)
	// keep are the positions among values of the HTML columns the catalog
	// row already stores (keptHTML): its UPDATE sends NULL for them.
	keep []int
}

// held is what the catalog holds of one row: its content hash and the
// input fingerprint it was written from.
type held struct{ hash, fp []byte }

// JobRows upserts the projected job rows of one tenant and removes the
// catalog rows of removeIDs (source ids that are not, or no longer, public).
func JobRows(ctx context.Context, q pgq.Querier, tenantID int64, rows []projection.JobRow, removeIDs []int64, opts Options) (Stats, error) {
	items := make([]item, len(rows))
	for i, r := range rows {
		items[i] = item{tenantID: r.TenantID, sourceID: r.SourceID, hash: r.ContentHash, values: r.Values()}
	}
	return applyItems(ctx, q, kind.Jobs, projection.JobColumns(), tenantID, items, removeIDs, nil, opts)
}

// applyItems writes the changed items and removes removeIDs. held is the
// catalog's hashes of the items' source ids when the caller read them
// already (pipelined with its source read), nil to read them here.
func applyItems(ctx context.Context, q pgq.Querier, c kind.Catalog, cols []string, tenantID int64, items []item, removeIDs []int64, hold map[int64]held, opts Options) (Stats, error) {
	st := Stats{Eligible: len(items)}
	changed, refresh, inserted, err := changedItems(ctx, q, c, tenantID, items, hold)
	if err != nil {
		return st, err
	}
	st.Unchanged, st.Inserted = len(items)-len(changed), inserted
	if st.Written, err = upsert(ctx, q, c, cols, changed, opts); err != nil {
		return st, err
	}
	if opts.refreshFingerprints {
		if err := refreshFingerprints(ctx, q, c, tenantID, refresh, opts); err != nil {
			return st, err
		}
	}
	st.Removed, err = Remove(ctx, q, c, tenantID, removeIDs, opts)
	return st, err
}

// changedItems drops the items whose hash the catalog already holds. One
// indexed read spares the rewrite (and re-indexing) of unchanged rows.
// refresh are the unchanged items whose stored input fingerprint differs
// from theirs (the row was last written from older inputs that gave the
// same content).
func changedItems(ctx context.Context, q pgq.Querier, c kind.Catalog, tenantID int64, items []item, hold map[int64]held) (changed, refresh []item, inserted int, err error) {
	if len(items) == 0 {
		return nil, nil, 0, nil
	}
	if hold == nil {
		ids := make([]int64, len(items))
		for i, it := range items {
			ids[i] = it.sourceID
		}
		if hold, err = heldHashes(ctx, q, c, tenantID, ids); err != nil {
			return nil, nil, 0, err
		}
	}
	return splitChanged(c, tenantID, items, hold)
}

// splitChanged is changedItems' decision on what the catalog holds.
func splitChanged(c kind.Catalog, tenantID int64, items []item, hold map[int64]held) (changed, refresh []item, inserted int, err error) {
	for _, it := range items {
		if it.tenantID != tenantID || len(it.hash) == 0 {
			return nil, nil, 0, fmt.Errorf("apply %s: row %d of tenant %d is not a public row of tenant %d", c, it.sourceID, it.tenantID, tenantID)
		}
		h, ok := hold[it.sourceID]
		it.held = ok
		switch {
		case !ok:
			inserted++
			changed = append(changed, it)
		case !bytes.Equal(h.hash, it.hash):
			changed = append(changed, it)
		case it.fp != nil && !bytes.Equal(h.fp, it.fp):
			refresh = append(refresh, it)
		}
	}
	return changed, refresh, inserted, nil
}

func hashesSQL(c kind.Catalog) string {
	return `SELECT source_id, content_hash, input_fingerprint FROM ` + c.Table() + ` WHERE tenant_id = $1 AND source_id = ANY($2)`
}

func heldHashes(ctx context.Context, q pgq.Querier, c kind.Catalog, tenantID int64, ids []int64) (map[int64]held, error) {
	rows, err := q.Query(ctx, hashesSQL(c), tenantID, ids)
	if err != nil {
		return nil, fmt.Errorf("apply %s: read hashes: %w", c, err)
	}
	hold := make(map[int64]held, len(ids))
	return hold, scanHashes(c, rows, hold)
}

func scanHashes(c kind.Catalog, rows pgx.Rows, hold map[int64]held) error {
	var id int64
	var h, fp []byte
	_, err := pgx.ForEachRow(rows, []any{&id, &h, &fp}, func() error {
		hold[id] = held{h, fp}
		return nil
	})
	if err != nil {
		return fmt.Errorf("apply %s: read hashes: %w", c, err)
	}
	return nil
}
