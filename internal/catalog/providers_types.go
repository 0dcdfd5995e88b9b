package catalog

import (
	"time"

	"github.com/jackc/pgx/v5"
)

// ProviderSummary is a provider as lists and search results show it.
type ProviderSummary struct {
	ID            int64    `json:"id"`
	DisplayName   string   `json:"display_name"`
	ProviderType  string   `json:"provider_type"`
	Tagline       string   `json:"tagline"`
	AvatarURL     string   `json:"avatar_url"`
	City          string   `json:"city"`
	State         string   `json:"state"`
	Country       string   `json:"country"`
	CategoryNames []string `json:"category_names"`
	CategorySlugs []string `json:"category_slugs"`
	SkillNames    []string `json:"skill_names"`
	HourlyRate    *float64 `json:"hourly_rate"`
	Currency      string   `json:"currency"`
	RatingAvg     float64  `json:"rating_avg"`
	TotalReviews  int      `json:"total_reviews"`
	// RatingScore is what sort=rating ranks by: the Bayesian average of
	// RatingAvg with 10 prior reviews of 3.5 stars.
	RatingScore         float64   `json:"rating_score"`
	CompletedJobs       int       `json:"completed_jobs_count"`
	AvailabilityStatus  string    `json:"availability_status"`
	IsVerified          bool      `json:"is_verified"`
	IsFeatured          bool      `json:"is_featured"`
	IsAcceptingProjects bool      `json:"is_accepting_projects"`
	CanWorkRemotely     bool      `json:"can_work_remotely"`
	CanWorkOnsite       bool      `json:"can_work_onsite"`
	CompanyName         string    `json:"company_name"`
	CompanySlug         string    `json:"company_slug"`
	CompanyID           int64     `json:"company_id"` // the company's public id (GET /api/v1/companies/{id})
	PublishedAt         time.Time `json:"published_at"`
	UpdatedAt           time.Time `json:"updated_at"`
	// Latitude and Longitude place the provider (its own, or its city's
	// from the gazetteer); nil when neither is known.
	Latitude  *float64 `json:"latitude"`
	Longitude *float64 `json:"longitude"`
	// Distance is the kilometres from the centre of a nearby search;
	// null otherwise (and on a single job or provider).
	Distance *float64 `json:"distance"`
}

// Available reports whether the provider takes new work now.
func (p ProviderSummary) Available() bool {
	return p.IsAcceptingProjects && p.AvailabilityStatus == "available"
}

// Skill is one skill of a provider.
type Skill struct {
	Name  string `json:"name"`
	Level string `json:"level"`
	Years int    `json:"years"`
}

// Provider is one public provider with everything the profile page shows.
type Provider struct {
	ProviderSummary
	BioHTML              string   `json:"bio_html"` // sanitised by the projection
	CoverImageURL        string   `json:"cover_image_url"`
	Skills               []Skill  `json:"skills"`
	MinimumBudget        *float64 `json:"minimum_budget"`
	ResponseRate         int      `json:"response_rate"`
	AvgResponseTimeHours *float64 `json:"avg_response_time_hours"`
}

// ProviderPage is one page of a provider list; fields as in JobPage.
type ProviderPage struct {
	Providers  []ProviderSummary
	Page       int
	Next       string
	Prev       string
	Total      int
	TotalExact bool
	Sort       string
	Search     string
	Corrected  bool
	Near       *Near
}

// Pages is the number of pages of size n that Total fills.
func (p ProviderPage) Pages(n int) int { return pages(p.Total, n) }

const providerSummaryColumns = `id, display_name, provider_type, tagline, avatar_url, city, state, country,
	category_names, category_slugs, skill_names, hourly_rate::float8, currency, rating_avg::float8,
	total_reviews, rating_score, completed_jobs_count, availability_status, is_verified, is_featured,
	is_accepting_projects, can_work_remotely, can_work_onsite, company_name, company_slug, tenant_id,
	published_at, synced_at, latitude, longitude`

func (p *ProviderSummary) dests() []any {
	return []any{&p.ID, &p.DisplayName, &p.ProviderType, &p.Tagline, &p.AvatarURL, &p.City, &p.State,
		&p.Country, &p.CategoryNames, &p.CategorySlugs, &p.SkillNames, &p.HourlyRate, &p.Currency,
		&p.RatingAvg, &p.TotalReviews, &p.RatingScore, &p.CompletedJobs, &p.AvailabilityStatus, &p.IsVerified,
		&p.IsFeatured, &p.IsAcceptingProjects, &p.CanWorkRemotely, &p.CanWorkOnsite,
		&p.CompanyName, &p.CompanySlug, &p.CompanyID, &p.PublishedAt, &p.UpdatedAt, &p.Latitude, &p.Longitude}
}

func scanProviderSummary(row pgx.Rows, extra []any) (ProviderSummary, error) {
	var p ProviderSummary
	err := row.Scan(append(p.dests(), extra...)...)
	return p, err
}
