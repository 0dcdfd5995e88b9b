package catalog

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/kind"
)

// A company is public while its tenant's company row exists (the tenant is
// active) and it lists at least one job or freelancer now: a tenant that
// publishes nothing has no public page, and one whose last listing went
// answers 410 like a listing that went. Its id is its tenant's id, which
// every job and provider row carries, so cards link to it without a join.

// Company is a company's public profile with what it lists now.
type Company struct {
	ID      int64  `json:"id"`
	Name    string `json:"name"`
	Slug    string `json:"slug"` // the company filter of the lists (company=)
	LogoURL string `json:"logo_url"`
	// Profile is the tenant's profile as the projection cleaned it; its
	// description is plain text, paragraphs separated by blank lines.
	domain.Profile
	OpenJobs    int `json:"open_jobs"`   // jobs listed now
	Freelancers int `json:"freelancers"` // providers listed now
	// UpdatedAt is when the company row last changed.
	UpdatedAt time.Time `json:"updated_at"`
}

// MaxCompanies bounds the company list: one row per tenant, so it is small
// beside the listings, but it is never unbounded.
const MaxCompanies = 1000

// listedCompany is the condition of a public company on the alias prefix,
// at the time bound to now: it lists a job or a freelancer. The first such
// row found will do; counting them all made the company sitemap read the
// whole catalog (0.3 s at full scale, each time the catalog changed).
func listedCompany(prefix, now string) string {
	return "(" + companyHas("job_catalog", prefix, listedJob("x.", now)) + " OR " +
		companyHas("provider_catalog", prefix, listedProvider("x.", now)) + ")"
}

// companyHas is whether the company has a row of one catalog matching
// listed, through the catalog's (tenant_id, source_id) index.
func companyHas(table, prefix, listed string) string {
	return "EXISTS (SELECT 1 FROM public." + table + " x WHERE x.tenant_id = " + prefix + "tenant_id AND " + listed + ")"
}

// companyCount counts the company's listed rows of one catalog through the
// catalog's (tenant_id, source_id) index.
func companyCount(table, prefix, listed string) string {
	return "(SELECT count(*) FROM public." + table + " x WHERE x.tenant_id = " + prefix + "tenant_id AND " + listed + ")"
}

var companySQL = `SELECT c.id, c.name, c.slug, c.logo_url, c.description, c.website, c.industry, c.company_size,
	c.founded_year, c.hq_city, c.hq_country, c.social_links,
	` + companyCount("job_catalog", "c.", listedJob("x.", "$1")) + ` AS open_jobs,
	` + companyCount("provider_catalog", "c.", listedProvider("x.", "$1")) + ` AS freelancers, c.synced_at
	FROM public.company_catalog c`

func scanCompany(row pgx.Row) (Company, error) {
	var c Company
	err := row.Scan(&c.ID, &c.Name, &c.Slug, &c.LogoURL, &c.Description, &c.Website, &c.Industry, &c.Size,
		&c.FoundedYear, &c.HQCity, &c.HQCountry, &c.SocialLinks, &c.OpenJobs, &c.Freelancers, &c.UpdatedAt)
	return c, err
}

// Company returns public company id; gone (410) when it was public once
// and is not now, not found (404) when it never was.
func (s *Store) Company(ctx context.Context, id int64) (Company, error) {
	c, err := scanCompany(s.db(ctx).QueryRow(ctx, companySQL+` WHERE c.id = $2`, s.now(), id))
	switch {
	case errors.Is(err, pgx.ErrNoRows):
		return Company{}, s.missingCompany(ctx, id)
	case err != nil:
		return Company{}, fmt.Errorf("catalog company %d: %w", id, err)
	case c.OpenJobs == 0 && c.Freelancers == 0:
		return Company{}, s.missingCompany(ctx, id)
	}
	return c, nil
}

// missingCompany tells a company that listed something once (its tenant
// drew a public id for a job or provider, which public_ids keeps even after
// the tenant's deletion) from an id that was never a public company.
func (s *Store) missingCompany(ctx context.Context, id int64) error {
	var once bool
	err := s.db(ctx).QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM public.public_ids
		WHERE catalog IN ('jobs', 'providers') AND tenant_id = $1)`, id).Scan(&once)
	if err != nil {
		return fmt.Errorf("catalog company %d: %w", id, err)
	}
	if once {
		return domain.Errorf(domain.CodeGone, "%s %d is no longer public", kind.Companies.Entity(), id)
	}
	return domain.Errorf(domain.CodeNotFound, "%s %d not found", kind.Companies.Entity(), id)
}

// Companies lists the public companies by name, at most MaxCompanies.
func (s *Store) Companies(ctx context.Context) ([]Company, error) {
	rows, err := s.db(ctx).Query(ctx, `SELECT * FROM (`+companySQL+`) c
		WHERE c.open_jobs > 0 OR c.freelancers > 0 ORDER BY lower(c.name), c.id LIMIT $2`, s.now(), MaxCompanies)
	if err != nil {
		return nil, fmt.Errorf("catalog companies: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (Company, error) { return scanCompany(r) })
	if err != nil {
		return nil, fmt.Errorf("catalog companies: %w", err)
	}
	return out, nil
}

// CompanySitemap is JobSitemap for companies.
func (s *Store) CompanySitemap(ctx context.Context, page int) ([]SitemapEntry, error) {
	return s.sitemap(ctx, `SELECT id, '', name, synced_at FROM public.company_catalog c WHERE `+
		listedCompany("c.", "$1")+` AND id > $2 ORDER BY id LIMIT $3`, page)
}

// CompanySitemapFiles is SitemapFiles for companies.
func (s *Store) CompanySitemapFiles(ctx context.Context) ([]time.Time, error) {
	return s.sitemapFiles(ctx, `SELECT id, synced_at FROM public.company_catalog c WHERE `+listedCompany("c.", "$1"))
}

// SimilarJobs returns up to n listed jobs like j: of its category or
// sharing a required skill, other companies' first, then the newest. Every
// candidate comes through an index, so the cost is bounded whatever the
// catalog's size: the newest few of the category (job_catalog_category_sort),
// others' and the company's own apart so that a large company cannot crowd
// the others out, and the skill matches among the newest similarSkillWindow
// listed jobs (job_catalog_published; required_skills has no index of its
// own, and a search through all of them would read the whole catalog).
func (s *Store) SimilarJobs(ctx context.Context, j Job, n int) ([]JobSummary, error) {
	skills := j.RequiredSkills
	if skills == nil {
		skills = []string{}
	}
	listed := listedJob("", "$1")
	rows, err := s.db(ctx).Query(ctx, `WITH candidates AS (
			(SELECT id FROM public.job_catalog WHERE category_slug = $3 AND $3 <> '' AND tenant_id <> $4
				AND `+listed+` ORDER BY published_at DESC, id DESC LIMIT $5)
			UNION
			(SELECT id FROM public.job_catalog WHERE category_slug = $3 AND $3 <> '' AND tenant_id = $4 AND id <> $2
				AND `+listed+` ORDER BY published_at DESC, id DESC LIMIT $5)
			UNION
			(SELECT id FROM (SELECT id, required_skills FROM public.job_catalog WHERE `+listed+`
				ORDER BY published_at DESC, id DESC LIMIT $7) recent
				WHERE required_skills && $6::text[] AND id <> $2))
		SELECT `+jobSummaryColumns+` FROM public.job_catalog WHERE id IN (SELECT id FROM candidates)
		ORDER BY tenant_id = $4, published_at DESC, id DESC LIMIT $5`,
		s.now(), j.ID, j.CategorySlug, j.CompanyID, n, skills, similarSkillWindow)
	if err != nil {
		return nil, fmt.Errorf("catalog similar jobs: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(pgx.CollectableRow) (JobSummary, error) { return scanJobSummary(rows, nil) })
	if err != nil {
		return nil, fmt.Errorf("catalog similar jobs: %w", err)
	}
	return out, nil
}

// similarSkillWindow is how many of the newest listed jobs SimilarJobs
// looks through for shared skills.
const similarSkillWindow = 200
