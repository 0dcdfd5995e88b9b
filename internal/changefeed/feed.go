package changefeed

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/zumodra/zumodra/internal/kind"
	"github.com/zumodra/zumodra/internal/pgq"
)

// Channel is the NOTIFY channel a changing transaction signals at commit,
// with its version as payload.
const Channel = "zumodra_catalog"

// Op is what happened to one catalog row.
type Op byte

// The ops of a change row.
const (
	Insert   Op = 'i' // the row became public
	Update   Op = 'u' // its public content changed
	Delete   Op = 'd' // it stopped being public
	Truncate Op = 't' // the whole catalog was emptied (ID and TenantID are 0)
)

// Change is one catalog row changed by the transaction of Version.
type Change struct {
	Version  int64
	Catalog  kind.Catalog
	ID       int64 // the public (catalog) id
	TenantID int64
	Op       Op
}

// Current returns the version of the catalog state q sees: in a
// repeatable-read snapshot, exactly the state the snapshot shows.
func Current(ctx context.Context, q pgq.Querier) (int64, error) {
	var v int64
	if err := q.QueryRow(ctx, `SELECT version FROM public.catalog_state`).Scan(&v); err != nil {
		return 0, fmt.Errorf("changefeed: read the catalog version: %w", err)
	}
	return v, nil
}

// Since returns the changes of versions after from up to to, in commit
// order, at most limit of them. complete is false when there were more
// (the caller treats the range as "anything may have changed") or when
// versions of the range were already pruned.
func Since(ctx context.Context, q pgq.Querier, from, to int64, limit int) (changes []Change, complete bool, err error) {
	if to <= from {
		return nil, true, nil
	}
	var oldest *int64
	if err := q.QueryRow(ctx, `SELECT min(version) FROM public.catalog_commits WHERE version > $1`, from).Scan(&oldest); err != nil {
		return nil, false, fmt.Errorf("changefeed: read versions: %w", err)
	}
	if oldest == nil || *oldest != from+1 {
		return nil, false, nil // pruned (or, impossibly, a gap): nothing can be listed
	}
	rows, err := q.Query(ctx, `SELECT c.version, ch.catalog, ch.id, ch.tenant_id, ch.op
		FROM public.catalog_commits c JOIN public.catalog_changes ch ON ch.xid = c.xid
		WHERE c.version > $1 AND c.version <= $2 ORDER BY c.version, ch.seq LIMIT $3`, from, to, limit+1)
	if err != nil {
		return nil, false, fmt.Errorf("changefeed: read changes: %w", err)
	}
	changes, err = pgx.CollectRows(rows, func(r pgx.CollectableRow) (Change, error) {
		var c Change
		var cat string
		err := r.Scan(&c.Version, &cat, &c.ID, &c.TenantID, &c.Op)
		c.Catalog = kind.Catalog(cat)
		return c, err
	})
	if err != nil {
		return nil, false, fmt.Errorf("changefeed: read changes: %w", err)
	}
	if len(changes) > limit {
		return nil, false, nil
	}
	return changes, true, nil
}

// Prune deletes the feed's history committed before cutoff and returns how
// many versions went. A follower further behind than that catches up with
// an incomplete batch (everything may have changed) instead of a list.
func Prune(ctx context.Context, q pgq.Querier, cutoff time.Time) (int, error) {
	var n int
	err := q.QueryRow(ctx, `WITH gone AS (
			DELETE FROM public.catalog_commits WHERE committed_at < $1 RETURNING xid
		), changes AS (
			DELETE FROM public.catalog_changes WHERE xid IN (SELECT xid FROM gone)
		)
		SELECT count(*) FROM gone`, cutoff).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("changefeed: prune: %w", err)
	}
	return n, nil
}

// TenantCatalog names one tenant's part of one catalog.
type TenantCatalog struct {
	TenantID int64
	Catalog  kind.Catalog
}

// LastChanges returns, per tenant and catalog, when a change to its rows
// last committed, within the history the feed still holds: removals
// included, which the rows' own synced_at cannot show.
func LastChanges(ctx context.Context, q pgq.Querier) (map[TenantCatalog]time.Time, error) {
	rows, err := q.Query(ctx, `SELECT c.tenant_id, c.catalog, max(m.committed_at)
		FROM public.catalog_changes c JOIN public.catalog_commits m USING (xid)
		WHERE m.committed_at IS NOT NULL AND c.op <> 't' GROUP BY 1, 2`)
	if err != nil {
		return nil, fmt.Errorf("changefeed: last changes: %w", err)
	}
	out := map[TenantCatalog]time.Time{}
	var k TenantCatalog
	var at time.Time
	_, err = pgx.ForEachRow(rows, []any{&k.TenantID, &k.Catalog, &at}, func() error {
		out[k] = at
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("changefeed: last changes: %w", err)
	}
	return out, nil
}
