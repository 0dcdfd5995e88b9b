package bench

import (
	"context"
	"fmt"
	"strings"
	"sync"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/zumodra/zumodra/internal/domain"
)

// The limit: one set-based INSERT ... SELECT ... ON CONFLICT per tenant and
// catalog, straight from the tenant tables into the catalog, with the
// eligibility rules in the WHERE clause and no Go in between (no
// sanitising, a trivial content hash). It writes the same rows into the
// same table with the same indexes as the real sync, so its rate is what
// PostgreSQL itself allows. This and perrow.go's baseline are the only
// catalog writes outside apply, on purpose: they measure other strategies
// than apply's, so they cannot go through it.

const limitJobsSQL = `INSERT INTO public.job_catalog (tenant_id, source_id, source_version, content_hash,
	title, slug, reference_code, category_name, category_slug, job_type, experience_level, remote_policy,
	city, state, country, latitude, longitude, description_html, responsibilities_html, requirements_html,
	nice_to_have_html, benefits_html, show_salary, salary_min, salary_max, salary_currency, salary_period,
	required_skills, preferred_skills, positions_count, team, company_name, company_slug, company_logo_url,
	is_featured, application_deadline, published_at, meta_title, meta_description)
SELECT t.id, j.id, j.version, sha256(convert_to(j.id || ':' || j.version, 'UTF8')),
	j.title, j.slug, j.reference_code, coalesce(c.name, ''), coalesce(c.slug, ''), j.job_type,
	j.experience_level, j.remote_policy, j.location_city, j.location_state, j.location_country,
	j.latitude, j.longitude, j.description, j.responsibilities, j.requirements, j.nice_to_have, j.benefits,
	j.show_salary, CASE WHEN j.show_salary THEN j.salary_min END, CASE WHEN j.show_salary THEN j.salary_max END,
	CASE WHEN j.show_salary THEN j.salary_currency END, CASE WHEN j.show_salary THEN j.salary_period END,
	j.required_skills, j.preferred_skills, j.positions_count, j.team, t.name, t.slug, t.logo_url,
	j.is_featured, j.application_deadline, coalesce(j.published_at, j.created_at), j.meta_title, j.meta_description
FROM %[1]s.job_postings j
LEFT JOIN %[1]s.job_categories c ON c.id = j.category_id
CROSS JOIN public.tenants t
WHERE t.id = $1 AND t.status = 'active'
	AND j.published_on_career_page AND NOT j.is_internal_only AND j.status = 'open'
ON CONFLICT (tenant_id, source_id) DO UPDATE SET %[2]s
WHERE job_catalog.content_hash IS DISTINCT FROM EXCLUDED.content_hash`

const limitProvidersSQL = `INSERT INTO public.provider_catalog (tenant_id, source_id, source_version,
	content_hash, display_name, provider_type, bio_html, tagline, avatar_url, cover_image_url, city, state,
	country, latitude, longitude, category_names, category_slugs, skill_names, skills, hourly_rate,
	minimum_budget, currency, rating_avg, total_reviews, completed_jobs_count, response_rate,
	avg_response_time_hours, availability_status, is_verified, is_featured, is_accepting_projects,
	can_work_remotely, can_work_onsite, company_name, company_slug, published_at)
SELECT t.id, p.id, p.version, sha256(convert_to(p.id || ':' || p.version, 'UTF8')),
	p.display_name, p.provider_type, p.bio, p.tagline, p.avatar_url, p.cover_image_url, p.city, p.state,
	p.country, p.latitude, p.longitude, coalesce(cats.names, '{}'), coalesce(cats.slugs, '{}'),
	coalesce(sk.names, '{}'), coalesce(sk.detail, '[]'), p.hourly_rate, p.minimum_budget, p.currency,
	p.rating_avg, p.total_reviews, p.completed_jobs_count, p.response_rate, p.avg_response_time_hours,
	p.availability_status, p.is_verified, p.is_featured, p.is_accepting_projects, p.can_work_remotely,
	p.can_work_onsite, t.name, t.slug, coalesce(p.published_at, p.created_at)
FROM %[1]s.service_providers p
CROSS JOIN public.tenants t
LEFT JOIN LATERAL (SELECT array_agg(c.name ORDER BY c.id) AS names, array_agg(c.slug ORDER BY c.id) AS slugs
	FROM %[1]s.provider_category_links l JOIN %[1]s.provider_categories c ON c.id = l.category_id
	WHERE l.provider_id = p.id) cats ON true
LEFT JOIN LATERAL (SELECT array_agg(s.name ORDER BY s.id) AS names,
	jsonb_agg(jsonb_build_object('name', s.name, 'level', s.level, 'years', s.years_experience) ORDER BY s.id) AS detail
	FROM %[1]s.provider_skills s WHERE s.provider_id = p.id) sk ON true
WHERE t.id = $1 AND t.status = 'active' AND p.marketplace_enabled AND p.is_active AND p.user_is_active
ON CONFLICT (tenant_id, source_id) DO UPDATE SET %[2]s
WHERE provider_catalog.content_hash IS DISTINCT FROM EXCLUDED.content_hash`

// limitSQL fills in the tenant's schema (a quoted identifier) and the SET
// list of the upsert, built from the INSERT's own column list.
func limitSQL(tmpl string, t domain.Tenant) string {
	q := fmt.Sprintf(tmpl, pgx.Identifier{t.SchemaName}.Sanitize(), "%[2]s")
	open := strings.IndexByte(q, '(')
	cols := strings.Fields(strings.NewReplacer(",", " ").Replace(q[open+1 : strings.IndexByte(q, ')')]))
	var set []string
	for _, c := range cols[2:] { // not tenant_id, source_id
		set = append(set, c+" = EXCLUDED."+c)
	}
	return fmt.Sprintf(q, "", strings.Join(append(set, "synced_at = now()"), ", "))
}

// runLimit runs the set-based statements, concurrency tenants at a time,
// each tenant's two statements in one transaction, and returns the rows
// written.
func runLimit(ctx context.Context, pool *pgxpool.Pool, ts []domain.Tenant, concurrency int) (int, error) {
	var mu sync.Mutex
	total := 0
	err := forEachTenant(ctx, ts, concurrency, func(t domain.Tenant) error {
		n := 0
		err := pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error {
			for _, tmpl := range []string{limitJobsSQL, limitProvidersSQL} {
				tag, err := tx.Exec(ctx, limitSQL(tmpl, t), t.ID)
				if err != nil {
					return fmt.Errorf("limit %s: %w", t.Slug, err)
				}
				n += int(tag.RowsAffected())
			}
			return nil
		})
		mu.Lock()
		total += n
		mu.Unlock()
		return err
	})
	return total, err
}

// forEachTenant runs fn for every tenant, concurrency at a time, and
// returns the first error (the others still finish their tenant).
func forEachTenant(ctx context.Context, ts []domain.Tenant, concurrency int, fn func(domain.Tenant) error) error {
	var mu sync.Mutex
	var first error
	next := make(chan domain.Tenant)
	var wg sync.WaitGroup
	for range max(concurrency, 1) {
		wg.Go(func() {
			for t := range next {
				if err := fn(t); err != nil {
					mu.Lock()
					first = cmpErr(first, err)
					mu.Unlock()
				}
			}
		})
	}
	for _, t := range ts {
		if ctx.Err() != nil {
			break
		}
		mu.Lock()
		stop := first != nil
		mu.Unlock()
		if stop {
			break
		}
		next <- t
	}
	close(next)
	wg.Wait()
	return cmpErr(first, ctx.Err())
}

func cmpErr(a, b error) error {
	if a != nil {
		return a
	}
	return b
}
