package demo

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/zumodra/zumodra/internal/domain"
)

const insertProviderSQL = `INSERT INTO service_providers (
	display_name, provider_type, bio, tagline, avatar_url, cover_image_url, city, state, country, latitude, longitude,
	hourly_rate, minimum_budget, currency, rating_avg, total_reviews, completed_jobs_count, response_rate,
	avg_response_time_hours, availability_status, is_verified, is_featured, is_accepting_projects,
	can_work_remotely, can_work_onsite, marketplace_enabled, is_active, user_is_active, published_at,
	email, phone, bank_account, payment_account_id, private_notes)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23,
	$24, $25, $26, $27, $28, $29, $30, $31, $32, $33, $34)
RETURNING id`

func insertProviders(ctx context.Context, tx pgx.Tx, t tenantSpec, now time.Time) error {
	names := make([]string, len(t.Providers))
	for i, p := range t.Providers {
		names[i] = p.Category
	}
	cats, err := insertCategories(ctx, tx, "provider_categories", names)
	if err != nil {
		return err
	}
	for i, p := range t.Providers {
		var id int64
		if err := tx.QueryRow(ctx, insertProviderSQL, providerArgs(t, p, i, now)...).Scan(&id); err != nil {
			return fmt.Errorf("insert provider %q: %w", p.Name, err)
		}
		if err := insertProviderChildren(ctx, tx, id, cats[p.Category], p.Skills); err != nil {
			return fmt.Errorf("provider %q: %w", p.Name, err)
		}
	}
	return nil
}

func insertProviderChildren(ctx context.Context, tx pgx.Tx, providerID, categoryID int64, skills []skillSpec) error {
	if _, err := tx.Exec(ctx, `INSERT INTO provider_category_links (provider_id, category_id) VALUES ($1, $2)`,
		providerID, categoryID); err != nil {
		return err
	}
	for _, s := range skills {
		if _, err := tx.Exec(ctx, `INSERT INTO provider_skills (provider_id, name, level, years_experience) VALUES ($1, $2, $3, $4)`,
			providerID, s.Name, s.Level, s.Years); err != nil {
			return fmt.Errorf("skill %q: %w", s.Name, err)
		}
	}
	return nil
}

func providerArgs(t tenantSpec, p providerSpec, i int, now time.Time) []any {
	pl := places[p.Place]
	var budget, hours any
	if p.Budget > 0 {
		budget = p.Budget
	}
	if p.ResponseHours > 0 {
		hours = p.ResponseHours
	}
	publishedAt := now.Add(-time.Duration(30+i*53) * time.Hour)
	local := strings.ReplaceAll(domain.Slugify(p.Name), "-", ".")
	return []any{
		p.Name, p.Type, p.Bio, p.Tagline, "", "", pl.City, pl.State, pl.Country, pl.Lat, pl.Lon,
		p.Rate, budget, orDefault(p.Currency, pl.Currency), p.Rating, p.Reviews, p.Jobs, p.ResponseRate,
		hours, p.Availability, p.Verified, p.Featured, p.Availability == "available",
		true, p.OnSite, p.Hidden != hiddenMarketplace, p.Hidden != hiddenInactive, p.Hidden != hiddenUserGone, publishedAt,
		// Private: these must never reach the catalog.
		local + "@" + t.Domain, fmt.Sprintf("+1-555-01%02d", i), fmt.Sprintf("DE89 3704 0044 0532 01%02d 00", i),
		fmt.Sprintf("acct_demo_%s_%02d", t.Slug, i), "Pays on time; negotiated a 10% discount for long projects.",
	}
}
