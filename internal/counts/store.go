package counts

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/zumodra/zumodra/internal/kind"
	"github.com/zumodra/zumodra/internal/pgq"
)

// Totals are the counts of one public row.
type Totals struct {
	Views       int64 // detail page views by people
	Submissions int64 // applications to a job, inquiries to a provider
}

// Batch is what one flush adds: parallel slices, one entry per row, each
// (catalog, id) at most once, in (catalog, id) order so that two
// processes flushing the same rows lock them in the same order.
type Batch struct {
	Catalogs    []string
	IDs         []int64
	Views       []int64
	Submissions []int64
}

// Len is the number of rows in b.
func (b Batch) Len() int { return len(b.IDs) }

// addBatch adds b in one statement. Ids that were never public (no
// public_ids row) are skipped, so a stray id cannot create a row; an id
// whose catalog row is gone still has its public id and keeps its count
// for the day it returns.
const addBatch = `
INSERT INTO public.listing_counts AS c (catalog, public_id, views, submissions)
SELECT u.catalog, u.public_id, u.views, u.submissions
FROM unnest($1::text[], $2::bigint[], $3::bigint[], $4::bigint[]) AS u (catalog, public_id, views, submissions)
WHERE EXISTS (SELECT 1 FROM public.public_ids p WHERE p.catalog = u.catalog AND p.public_id = u.public_id)
ORDER BY u.catalog, u.public_id
ON CONFLICT (catalog, public_id) DO UPDATE
SET views = c.views + excluded.views, submissions = c.submissions + excluded.submissions, updated_at = now()`

// Add adds b to the stored counts.
func Add(ctx context.Context, q pgq.Querier, b Batch) error {
	if b.Len() == 0 {
		return nil
	}
	if _, err := q.Exec(ctx, addBatch, b.Catalogs, b.IDs, b.Views, b.Submissions); err != nil {
		return fmt.Errorf("add %d listing counts: %w", b.Len(), err)
	}
	return nil
}

// Of returns the stored counts of the public row id of c; zero when none
// were counted.
func Of(ctx context.Context, q pgq.Querier, c kind.Catalog, id int64) (Totals, error) {
	var t Totals
	err := q.QueryRow(ctx, `SELECT views, submissions FROM public.listing_counts WHERE catalog = $1 AND public_id = $2`,
		string(c), id).Scan(&t.Views, &t.Submissions)
	if errors.Is(err, pgx.ErrNoRows) {
		return Totals{}, nil
	}
	if err != nil {
		return Totals{}, fmt.Errorf("read counts of %s %d: %w", c, id, err)
	}
	return t, nil
}

// OfSources returns the stored counts of the tenant's source rows ids of
// c, by source id; rows never counted are absent. The tenant comes first:
// no other tenant's counts can be read through it.
func OfSources(ctx context.Context, q pgq.Querier, c kind.Catalog, tenantID int64, ids []int64) (map[int64]Totals, error) {
	out := map[int64]Totals{}
	if len(ids) == 0 {
		return out, nil
	}
	rows, err := q.Query(ctx, `SELECT p.source_id, l.views, l.submissions
		FROM public.public_ids p
		JOIN public.listing_counts l ON l.catalog = p.catalog AND l.public_id = p.public_id
		WHERE p.catalog = $1 AND p.tenant_id = $2 AND p.source_id = ANY ($3::bigint[])`, string(c), tenantID, ids)
	if err != nil {
		return nil, fmt.Errorf("read counts of tenant %d's %s: %w", tenantID, c, err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var t Totals
		if err := rows.Scan(&id, &t.Views, &t.Submissions); err != nil {
			return nil, fmt.Errorf("read counts of tenant %d's %s: %w", tenantID, c, err)
		}
		out[id] = t
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read counts of tenant %d's %s: %w", tenantID, c, err)
	}
	return out, nil
}
