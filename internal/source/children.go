package source

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/pgq"
)

// childrenOf reads the skills and categories of these providers in one
// round trip.
func childrenOf(ctx context.Context, q pgq.Querier, t domain.Tenant, ids []int64) (map[int64][]domain.ProviderSkill, map[int64][]domain.ProviderCategory, error) {
	skills := map[int64][]domain.ProviderSkill{}
	cats := map[int64][]domain.ProviderCategory{}
	b := &pgx.Batch{}
	b.Queue(skillsSQL(t), ids).Query(func(rows pgx.Rows) error { return scanSkills(rows, skills) })
	b.Queue(categoriesSQL(t), ids).Query(func(rows pgx.Rows) error { return scanCategories(rows, cats) })
	if err := q.SendBatch(ctx, b).Close(); err != nil {
		return nil, nil, fmt.Errorf("read skills and categories of %s: %w", t.Slug, err)
	}
	return skills, cats, nil
}
