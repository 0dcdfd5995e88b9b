package inbox

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/pgq"
)

// Filter selects a page of an inbox, newest first. Zero values select all.
type Filter struct {
	Statuses []string   // any of these
	Parent   int64      // sent to this job or provider
	Since    *time.Time // received at or after
	Before   int64      // ids below this one: the cursor of the previous page
	Limit    int        // rows to return
}

// ParseStatuses reads a comma-separated status filter, refusing values
// outside the pipeline.
func (k Kind) ParseStatuses(v string) ([]string, error) {
	if v == "" {
		return nil, nil
	}
	var out []string
	for _, s := range strings.Split(v, ",") {
		s = strings.TrimSpace(s)
		if !domain.OneOf(s, k.Statuses) {
			return nil, domain.FieldError("status", "must be one or more of %s, separated by commas", strings.Join(k.Statuses, ", "))
		}
		out = append(out, s)
	}
	return out, nil
}

// List returns up to f.Limit submissions of the tenant matching f.
func List[T any](ctx context.Context, q pgq.Querier, t domain.Tenant, k Kind, f Filter) ([]T, error) {
	statuses := f.Statuses
	if statuses == nil {
		statuses = []string{}
	}
	rows, err := q.Query(ctx, `SELECT `+k.selectList(t, k.table)+` FROM `+qualified(t, k.table)+`
		WHERE ($1::bigint = 0 OR id < $1::bigint)
		  AND ($2::bigint = 0 OR `+k.parent+` = $2::bigint)
		  AND (cardinality($3::text[]) = 0 OR status = ANY ($3::text[]))
		  AND ($4::timestamptz IS NULL OR created_at >= $4::timestamptz)
		ORDER BY id DESC LIMIT $5`, f.Before, f.Parent, statuses, f.Since, f.Limit)
	if err != nil {
		return nil, fmt.Errorf("list %s of %s: %w", k.table, t.SchemaName, err)
	}
	items, err := pgx.CollectRows(rows, pgx.RowToStructByName[T])
	if err != nil {
		return nil, fmt.Errorf("list %s of %s: %w", k.table, t.SchemaName, err)
	}
	return items, nil
}

// Get returns one submission; lock holds it FOR UPDATE for a status change.
func Get[T any](ctx context.Context, q pgq.Querier, t domain.Tenant, k Kind, id int64, lock bool) (T, error) {
	sql := `SELECT ` + k.selectList(t, k.table) + ` FROM ` + qualified(t, k.table) + ` WHERE id = $1`
	if lock {
		sql += ` FOR UPDATE`
	}
	var zero T
	rows, err := q.Query(ctx, sql, id)
	if err != nil {
		return zero, fmt.Errorf("read %s %d: %w", k.Noun, id, err)
	}
	item, err := pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[T])
	if err == pgx.ErrNoRows {
		return zero, domain.Errorf(domain.CodeNotFound, "%s %d not found", k.Noun, id)
	}
	if err != nil {
		return zero, fmt.Errorf("read %s %d: %w", k.Noun, id, err)
	}
	return item, nil
}
