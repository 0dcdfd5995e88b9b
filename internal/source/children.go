package source

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/zumodra/zumodra/internal/domain"
)

// batcher is a Querier that can pipeline queries (pgx.Tx, *pgxpool.Pool,
// *pgx.Conn all can): round trips, not rows, dominate small syncs.
type batcher interface {
	SendBatch(ctx context.Context, b *pgx.Batch) pgx.BatchResults
}

// childrenOf reads the skills and categories of these providers.
func childrenOf(ctx context.Context, q Querier, t domain.Tenant, ids []int64) (map[int64][]domain.ProviderSkill, map[int64][]domain.ProviderCategory, error) {
	skills := map[int64][]domain.ProviderSkill{}
	cats := map[int64][]domain.ProviderCategory{}
	if bq, ok := q.(batcher); ok {
		b := &pgx.Batch{}
		b.Queue(skillsSQL(t), ids).Query(func(rows pgx.Rows) error { return scanSkills(rows, skills) })
		b.Queue(categoriesSQL(t), ids).Query(func(rows pgx.Rows) error { return scanCategories(rows, cats) })
		if err := bq.SendBatch(ctx, b).Close(); err != nil {
			return nil, nil, fmt.Errorf("read skills and categories of %s: %w", t.Slug, err)
		}
		return skills, cats, nil
	}
	if err := queryInto(ctx, q, skillsSQL(t), ids, func(r pgx.Rows) error { return scanSkills(r, skills) }); err != nil {
		return nil, nil, fmt.Errorf("read skills of %s: %w", t.Slug, err)
	}
	if err := queryInto(ctx, q, categoriesSQL(t), ids, func(r pgx.Rows) error { return scanCategories(r, cats) }); err != nil {
		return nil, nil, fmt.Errorf("read categories of %s: %w", t.Slug, err)
	}
	return skills, cats, nil
}

func queryInto(ctx context.Context, q Querier, sql string, ids []int64, scan func(pgx.Rows) error) error {
	rows, err := q.Query(ctx, sql, ids)
	if err != nil {
		return err
	}
	return scan(rows)
}
