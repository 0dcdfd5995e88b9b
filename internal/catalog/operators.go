package catalog

import (
	"context"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/zumodra/zumodra/internal/kind"
	"github.com/zumodra/zumodra/internal/pgq"
)

// CountAll counts the rows of catalogs cs together.
func CountAll(ctx context.Context, q pgq.Querier, cs []kind.Catalog) (int, error) {
	total := 0
	for _, c := range cs {
		var n int
		if err := q.QueryRow(ctx, `SELECT count(*) FROM `+c.Table()).Scan(&n); err != nil {
			return 0, fmt.Errorf("count %s: %w", c.Table(), err)
		}
		total += n
	}
	return total, nil
}

// SampleOrigins returns the origins of up to n rows of catalog c spread over
// every tenant, in an order fixed by the rows alone (not by insertion), so
// a benchmark picks the same rows on every run.
func SampleOrigins(ctx context.Context, q pgq.Querier, c kind.Catalog, n int) ([]Origin, error) {
	rows, err := q.Query(ctx, `SELECT tenant_id, source_id FROM `+c.Table()+`
		ORDER BY hashtext(tenant_id || ':' || source_id) LIMIT $1`, n)
	if err != nil {
		return nil, fmt.Errorf("sample %s: %w", c.Table(), err)
	}
	out, err := pgx.CollectRows(rows, pgx.RowToStructByPos[Origin])
	if err != nil {
		return nil, fmt.Errorf("sample %s: %w", c.Table(), err)
	}
	return out, nil
}

// EachInRange calls each for the rows of catalog c of one tenant whose
// source id is in (after, upTo] (upTo 0: no upper bound), in source id
// order, with the given columns selected; each scans the current row.
func EachInRange(ctx context.Context, q pgq.Querier, c kind.Catalog, tenantID, after, upTo int64, columns []string, each func(pgx.Rows) error) error {
	rows, err := q.Query(ctx, `SELECT `+strings.Join(columns, ", ")+` FROM `+c.Table()+`
		WHERE tenant_id = $1 AND source_id > $2 AND ($3::bigint = 0 OR source_id <= $3)
		ORDER BY source_id`, tenantID, after, upTo)
	if err != nil {
		return fmt.Errorf("read %s: %w", c.Table(), err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := each(rows); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read %s: %w", c.Table(), err)
	}
	return nil
}
