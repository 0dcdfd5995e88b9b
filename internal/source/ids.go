package source

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/pgq"
)

// JobIDPage returns up to limit job ids greater than after, in order: one
// page of a bulk sync's keyset scan (an index-only scan of the primary key).
func JobIDPage(ctx context.Context, q pgq.Querier, t domain.Tenant, after int64, limit int) ([]int64, error) {
	return idPage(ctx, q, t, "job_postings", after, limit)
}

// ProviderIDPage is JobIDPage for service providers.
func ProviderIDPage(ctx context.Context, q pgq.Querier, t domain.Tenant, after int64, limit int) ([]int64, error) {
	return idPage(ctx, q, t, "service_providers", after, limit)
}

func idPage(ctx context.Context, q pgq.Querier, t domain.Tenant, tbl string, after int64, limit int) ([]int64, error) {
	rows, err := q.Query(ctx, `SELECT id FROM `+table(t, tbl)+` WHERE id > $1 ORDER BY id LIMIT $2`, after, limit)
	if err != nil {
		return nil, fmt.Errorf("page %s of %s: %w", tbl, t.Slug, err)
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return nil, fmt.Errorf("page %s of %s: %w", tbl, t.Slug, err)
	}
	return ids, nil
}
