package source

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/pgq"
	"github.com/zumodra/zumodra/internal/projection"
)

const providerColumns = `id, display_name, provider_type, bio, tagline, avatar_url, cover_image_url,
	city, state, country, latitude, longitude, hourly_rate, minimum_budget, currency, rating_avg,
	total_reviews, completed_jobs_count, response_rate, avg_response_time_hours, availability_status,
	is_verified, is_featured, is_accepting_projects, can_work_remotely, can_work_onsite,
	marketplace_enabled, is_active, user_is_active, published_at, email, phone, bank_account,
	payment_account_id, private_notes, created_at, updated_at, version`

// ProvidersByID reads the providers with these ids with their skills and
// categories, in id order. Ids with no row are absent from the result.
func ProvidersByID(ctx context.Context, q pgq.Querier, t domain.Tenant, ids []int64) ([]projection.ProviderInput, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	sql := `SELECT ` + providerColumns + ` FROM ` + table(t, "service_providers") + ` WHERE id = ANY($1) ORDER BY id`
	return readProviders(ctx, q, t, sql, ids)
}

func readProviders(ctx context.Context, q pgq.Querier, t domain.Tenant, sql string, args ...any) ([]projection.ProviderInput, error) {
	rows, err := q.Query(ctx, sql, args...)
	if err != nil {
		return nil, fmt.Errorf("read providers of %s: %w", t.Slug, err)
	}
	ps, err := pgx.CollectRows(rows, scanProvider)
	if err != nil {
		return nil, fmt.Errorf("read providers of %s: %w", t.Slug, err)
	}
	return attachChildren(ctx, q, t, ps)
}

// attachChildren reads the skills and categories of a page of providers in
// two queries, whatever the page size (pipelined in one round trip when q
// can send batches).
func attachChildren(ctx context.Context, q pgq.Querier, t domain.Tenant, ps []domain.ServiceProvider) ([]projection.ProviderInput, error) {
	if len(ps) == 0 {
		return nil, nil
	}
	ids := make([]int64, len(ps))
	for i, p := range ps {
		ids[i] = p.ID
	}
	skills, cats, err := childrenOf(ctx, q, t, ids)
	if err != nil {
		return nil, err
	}
	out := make([]projection.ProviderInput, len(ps))
	for i, p := range ps {
		out[i] = projection.ProviderInput{Tenant: t, Provider: p, Skills: skills[p.ID], Categories: cats[p.ID]}
	}
	return out, nil
}

func skillsSQL(t domain.Tenant) string {
	return `SELECT id, provider_id, name, level, years_experience, version
		FROM ` + table(t, "provider_skills") + ` WHERE provider_id = ANY($1) ORDER BY provider_id, id`
}

func categoriesSQL(t domain.Tenant) string {
	return `SELECT l.provider_id, c.id, c.name, c.slug, c.created_at, c.updated_at, c.version
		FROM ` + table(t, "provider_category_links") + ` l JOIN ` + table(t, "provider_categories") + ` c ON c.id = l.category_id
		WHERE l.provider_id = ANY($1) ORDER BY l.provider_id, c.id`
}

func scanSkills(rows pgx.Rows, out map[int64][]domain.ProviderSkill) error {
	var s domain.ProviderSkill
	_, err := pgx.ForEachRow(rows, []any{&s.ID, &s.ProviderID, &s.Name, &s.Level, &s.YearsExperience, &s.Version}, func() error {
		out[s.ProviderID] = append(out[s.ProviderID], s)
		return nil
	})
	return err
}

func scanCategories(rows pgx.Rows, out map[int64][]domain.ProviderCategory) error {
	var pid int64
	var c domain.ProviderCategory
	_, err := pgx.ForEachRow(rows, []any{&pid, &c.ID, &c.Name, &c.Slug, domain.ScanTime(&c.CreatedAt), domain.ScanTime(&c.UpdatedAt), &c.Version}, func() error {
		out[pid] = append(out[pid], c)
		return nil
	})
	return err
}

// scanProvider reads the times through domain.ScanTime, like scanJob.
func scanProvider(r pgx.CollectableRow) (domain.ServiceProvider, error) {
	var p domain.ServiceProvider
	err := r.Scan(&p.ID, &p.DisplayName, &p.ProviderType, &p.Bio, &p.Tagline, &p.AvatarURL, &p.CoverImageURL,
		&p.City, &p.State, &p.Country, &p.Latitude, &p.Longitude, &p.HourlyRate, &p.MinimumBudget, &p.Currency,
		&p.RatingAvg, &p.TotalReviews, &p.CompletedJobsCount, &p.ResponseRate, &p.AvgResponseTimeHours,
		&p.AvailabilityStatus, &p.IsVerified, &p.IsFeatured, &p.IsAcceptingProjects, &p.CanWorkRemotely,
		&p.CanWorkOnsite, &p.MarketplaceEnabled, &p.IsActive, &p.UserIsActive, domain.ScanOptionalTime(&p.PublishedAt), &p.Email,
		&p.Phone, &p.BankAccount, &p.PaymentAccountID, &p.PrivateNotes, domain.ScanTime(&p.CreatedAt), domain.ScanTime(&p.UpdatedAt), &p.Version)
	return p, err
}
