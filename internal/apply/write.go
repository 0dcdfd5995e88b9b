package apply

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/zumodra/zumodra/internal/kind"

	"github.com/zumodra/zumodra/internal/pgq"
)

// chunkRows bounds one INSERT's parameters far below PostgreSQL's 65,535.
const chunkRows = 500

func upsert(ctx context.Context, q pgq.Querier, c kind.Catalog, cols []string, items []item, opts Options) (int, error) {
	if opts.DryRun || len(items) == 0 {
		return len(items), nil
	}
	written := 0
	for start := 0; start < len(items); start += chunkRows {
		chunk := items[start:min(start+chunkRows, len(items))]
		tag, err := q.Exec(ctx, upsertSQL(c, append(cols[:len(cols):len(cols)], "input_fingerprint"), len(chunk)), upsertArgs(chunk, len(cols)+1)...)
		if err != nil {
			return written, fmt.Errorf("apply %s: upsert: %w", c, err)
		}
		written += int(tag.RowsAffected())
	}
	return written, nil
}

// upsertArgs are the parameters of upsertSQL: each item's values and its
// input fingerprint, width of them per item.
func upsertArgs(items []item, width int) []any {
	args := make([]any, 0, len(items)*width)
	for _, it := range items {
		args = append(append(args, it.values...), it.fp)
	}
	return args
}

// upsertSQL is a multi-row INSERT ... ON CONFLICT DO UPDATE. The WHERE on
// the hash repeats changedItems' decision inside the statement, so that even
// a caller racing without the tenant lock could not rewrite an unchanged row.
func upsertSQL(c kind.Catalog, cols []string, n int) string {
	var b strings.Builder
	b.WriteString("INSERT INTO " + c.Table() + " (" + strings.Join(cols, ", ") + ") VALUES ")
	p := 1
	for i := range n {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteByte('(')
		for j := range cols {
			if j > 0 {
				b.WriteString(", ")
			}
			b.WriteString("$" + strconv.Itoa(p))
			p++
		}
		b.WriteByte(')')
	}
	b.WriteString(" ON CONFLICT (tenant_id, source_id) DO UPDATE SET ")
	for _, col := range cols {
		if col != "tenant_id" && col != "source_id" {
			b.WriteString(col + " = EXCLUDED." + col + ", ")
		}
	}
	b.WriteString("synced_at = now() WHERE " + strings.TrimPrefix(c.Table(), "public.") +
		".content_hash IS DISTINCT FROM EXCLUDED.content_hash")
	return b.String()
}

// Remove deletes the tenant's catalog rows of these source ids (those that
// exist) and returns how many it deleted.
func Remove(ctx context.Context, q pgq.Querier, c kind.Catalog, tenantID int64, ids []int64, opts Options) (int, error) {
	if len(ids) == 0 {
		return 0, nil
	}
	where := ` WHERE tenant_id = $1 AND source_id = ANY($2)`
	return deleteWhere(ctx, q, c, where, opts, tenantID, ids)
}

// RemoveRange deletes the tenant's catalog rows with after < source_id <=
// upTo (no upper bound when upTo is 0) whose source id is not in keep: a bulk
// sync page's way of dropping rows whose source vanished or stopped being
// public, with memory bounded by the page.
func RemoveRange(ctx context.Context, q pgq.Querier, c kind.Catalog, tenantID, after, upTo int64, keep []int64, opts Options) (int, error) {
	where := ` WHERE tenant_id = $1 AND source_id > $2 AND ($3::bigint = 0 OR source_id <= $3) AND source_id <> ALL($4)`
	if keep == nil {
		keep = []int64{}
	}
	return deleteWhere(ctx, q, c, where, opts, tenantID, after, upTo, keep)
}

func deleteWhere(ctx context.Context, q pgq.Querier, c kind.Catalog, where string, opts Options, args ...any) (int, error) {
	if opts.DryRun {
		var n int
		err := q.QueryRow(ctx, `SELECT count(*) FROM `+c.Table()+where, args...).Scan(&n)
		if err != nil {
			return 0, fmt.Errorf("apply %s: count removals: %w", c, err)
		}
		return n, nil
	}
	tag, err := q.Exec(ctx, `DELETE FROM `+c.Table()+where, args...)
	if err != nil {
		return 0, fmt.Errorf("apply %s: remove: %w", c, err)
	}
	return int(tag.RowsAffected()), nil
}
