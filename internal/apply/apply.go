package apply

import (
	"bytes"
	"context"
	"fmt"

	"github.com/zumodra/zumodra/internal/projection"
)

// item is one projected row, whatever its catalog.
type item struct {
	tenantID, sourceID int64
	hash               []byte
	values             []any
}

// JobRows upserts the projected job rows of one tenant and removes the
// catalog rows of removeIDs (source ids that are not, or no longer, public).
func JobRows(ctx context.Context, q Querier, tenantID int64, rows []projection.JobRow, removeIDs []int64, opts Options) (Stats, error) {
	items := make([]item, len(rows))
	for i, r := range rows {
		items[i] = item{r.TenantID, r.SourceID, r.ContentHash, r.Values()}
	}
	return applyItems(ctx, q, Jobs, projection.JobColumns(), tenantID, items, removeIDs, opts)
}

// ProviderRows is JobRows for the provider catalog.
func ProviderRows(ctx context.Context, q Querier, tenantID int64, rows []projection.ProviderRow, removeIDs []int64, opts Options) (Stats, error) {
	items := make([]item, len(rows))
	for i, r := range rows {
		items[i] = item{r.TenantID, r.SourceID, r.ContentHash, r.Values()}
	}
	return applyItems(ctx, q, Providers, projection.ProviderColumns(), tenantID, items, removeIDs, opts)
}

func applyItems(ctx context.Context, q Querier, c Catalog, cols []string, tenantID int64, items []item, removeIDs []int64, opts Options) (Stats, error) {
	st := Stats{Eligible: len(items)}
	changed, inserted, err := changedItems(ctx, q, c, tenantID, items)
	if err != nil {
		return st, err
	}
	st.Unchanged, st.Inserted = len(items)-len(changed), inserted
	if st.Written, err = upsert(ctx, q, c, cols, changed, opts); err != nil {
		return st, err
	}
	st.Removed, err = Remove(ctx, q, c, tenantID, removeIDs, opts)
	return st, err
}

// changedItems drops the items whose hash the catalog already holds. One
// indexed read spares the rewrite (and re-indexing) of unchanged rows.
func changedItems(ctx context.Context, q Querier, c Catalog, tenantID int64, items []item) (changed []item, inserted int, err error) {
	if len(items) == 0 {
		return nil, 0, nil
	}
	ids := make([]int64, len(items))
	for i, it := range items {
		if it.tenantID != tenantID || len(it.hash) == 0 {
			return nil, 0, fmt.Errorf("apply %s: row %d of tenant %d is not a public row of tenant %d", c, it.sourceID, it.tenantID, tenantID)
		}
		ids[i] = it.sourceID
	}
	held, err := heldHashes(ctx, q, c, tenantID, ids)
	if err != nil {
		return nil, 0, err
	}
	for _, it := range items {
		h, ok := held[it.sourceID]
		if !ok {
			inserted++
		}
		if !ok || !bytes.Equal(h, it.hash) {
			changed = append(changed, it)
		}
	}
	return changed, inserted, nil
}

func heldHashes(ctx context.Context, q Querier, c Catalog, tenantID int64, ids []int64) (map[int64][]byte, error) {
	rows, err := q.Query(ctx, `SELECT source_id, content_hash FROM `+c.table()+`
		WHERE tenant_id = $1 AND source_id = ANY($2)`, tenantID, ids)
	if err != nil {
		return nil, fmt.Errorf("apply %s: read hashes: %w", c, err)
	}
	defer rows.Close()
	held := make(map[int64][]byte, len(ids))
	for rows.Next() {
		var id int64
		var h []byte
		if err := rows.Scan(&id, &h); err != nil {
			return nil, fmt.Errorf("apply %s: read hashes: %w", c, err)
		}
		held[id] = h
	}
	return held, rows.Err()
}
