package catalog

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/kind"
)

// Gone is what is still known of a public id whose row is not public now:
// the last public title and category (kept by public.public_ids when the
// catalog row left) and its company, so that a 410 page can say what went
// and suggest what is still there.
type Gone struct {
	ID          int64
	Title       string
	Category    string // category slug; a provider's first one
	CompanySlug string // "" when the company has no public row left
	CompanyName string
}

// goneSQL finds a public id that was drawn for a row once and has no row
// that is public now. A row still in the catalog but scheduled for later
// (published_at in the future) was never public: not gone, not found.
// The tenant's slug and name come from any of its public rows, since a
// gone row's page links to what its company still lists.
var goneSQL = map[kind.Catalog]string{
	kind.Jobs: `SELECT p.public_id, coalesce(c.title, p.last_title), coalesce(c.category_slug, p.last_category),
		coalesce(o.company_slug, ''), coalesce(o.company_name, '')
		FROM public.public_ids p
		LEFT JOIN public.job_catalog c ON c.id = p.public_id
		LEFT JOIN LATERAL (SELECT company_slug, company_name FROM public.job_catalog o
			WHERE o.tenant_id = p.tenant_id AND ` + listedJob("o.", "$2") + ` LIMIT 1) o ON true
		WHERE p.catalog = 'jobs' AND p.public_id = $1 AND (c.id IS NULL OR c.published_at <= $2)`,
	kind.Providers: `SELECT p.public_id, coalesce(c.display_name, p.last_title), coalesce(c.category_slugs[1], p.last_category, ''),
		coalesce(o.company_slug, ''), coalesce(o.company_name, '')
		FROM public.public_ids p
		LEFT JOIN public.provider_catalog c ON c.id = p.public_id
		LEFT JOIN LATERAL (SELECT company_slug, company_name FROM public.provider_catalog o
			WHERE o.tenant_id = p.tenant_id AND ` + listedProvider("o.", "$2") + ` LIMIT 1) o ON true
		WHERE p.catalog = 'providers' AND p.public_id = $1 AND (c.id IS NULL OR c.published_at <= $2)`,
}

// GoneRow returns what is known of public id id of catalog c when it was
// public once and is not now, and a not-found error when it never was.
func (s *Store) GoneRow(ctx context.Context, c kind.Catalog, id int64) (Gone, error) {
	var g Gone
	err := s.db(ctx).QueryRow(ctx, goneSQL[c], id, s.now()).Scan(&g.ID, &g.Title, &g.Category, &g.CompanySlug, &g.CompanyName)
	if errors.Is(err, pgx.ErrNoRows) {
		return Gone{}, domain.Errorf(domain.CodeNotFound, "%s %d not found", c.Entity(), id)
	}
	if err != nil {
		return Gone{}, fmt.Errorf("catalog gone %s %d: %w", c, id, err)
	}
	return g, nil
}

// missing is the error of a detail read that found no public row: gone
// (410) when the id was public once, else not found (404).
func (s *Store) missing(ctx context.Context, c kind.Catalog, id int64) error {
	if _, err := s.GoneRow(ctx, c, id); err != nil {
		return err
	}
	return domain.Errorf(domain.CodeGone, "%s %d is no longer public", c.Entity(), id)
}
