package projection

import (
	"encoding/json"
	"time"

	"github.com/zumodra/zumodra/internal/domain"
)

// ProviderInput is everything the projection needs to decide one provider's
// catalog row: the provider, its skills and its linked categories.
type ProviderInput struct {
	Tenant     domain.Tenant
	Provider   domain.ServiceProvider
	Skills     []domain.ProviderSkill
	Categories []domain.ProviderCategory
	Prior      *Prior // the catalog's HTML of this row, when the apply step has it
}

// ProviderRow is one public.provider_catalog row as the projection decides
// it: every column except id, synced_at, view_count and search, in table
// order, with db tags naming the columns. Skills is the jsonb column in
// PostgreSQL's own text form (see skillsJSON), so bytes compare equal after a
// round trip through jsonb.
type ProviderRow struct {
	TenantID             int64           `db:"tenant_id"`
	SourceID             int64           `db:"source_id"`
	SourceVersion        int64           `db:"source_version"`
	ContentHash          []byte          `db:"content_hash"`
	DisplayName          string          `db:"display_name"`
	ProviderType         string          `db:"provider_type"`
	BioHTML              string          `db:"bio_html"`
	Tagline              string          `db:"tagline"`
	AvatarURL            string          `db:"avatar_url"`
	CoverImageURL        string          `db:"cover_image_url"`
	City                 string          `db:"city"`
	State                string          `db:"state"`
	Country              string          `db:"country"`
	Latitude             *float64        `db:"latitude"`
	Longitude            *float64        `db:"longitude"`
	CategoryNames        []string        `db:"category_names"`
	CategorySlugs        []string        `db:"category_slugs"`
	SkillNames           []string        `db:"skill_names"`
	Skills               json.RawMessage `db:"skills"`
	HourlyRate           *float64        `db:"hourly_rate"`
	MinimumBudget        *float64        `db:"minimum_budget"`
	Currency             string          `db:"currency"`
	RatingAvg            float64         `db:"rating_avg"`
	TotalReviews         int             `db:"total_reviews"`
	CompletedJobsCount   int             `db:"completed_jobs_count"`
	ResponseRate         int             `db:"response_rate"`
	AvgResponseTimeHours *float64        `db:"avg_response_time_hours"`
	AvailabilityStatus   string          `db:"availability_status"`
	IsVerified           bool            `db:"is_verified"`
	IsFeatured           bool            `db:"is_featured"`
	IsAcceptingProjects  bool            `db:"is_accepting_projects"`
	CanWorkRemotely      bool            `db:"can_work_remotely"`
	CanWorkOnsite        bool            `db:"can_work_onsite"`
	CompanyName          string          `db:"company_name"`
	CompanySlug          string          `db:"company_slug"`
	PublishedAt          time.Time       `db:"published_at"`
	RatingScore          float64         `db:"rating_score"`
	HTMLDigests          []byte          `db:"html_digests"`
}

var providerColumns = columnsOf(ProviderRow{})

// ProviderColumns returns the provider_catalog column names in the order
// Values uses.
func ProviderColumns() []string { return append([]string(nil), providerColumns...) }

// Values returns the row's column values in ProviderColumns order.
func (r ProviderRow) Values() []any { return valuesOf(r) }

// Provider projects one service provider. When the provider is not public it
// returns the reason and a row holding only its identity.
func Provider(in ProviderInput) (ProviderRow, Reason) {
	row := ProviderRow{TenantID: in.Tenant.ID, SourceID: in.Provider.ID, SourceVersion: in.Provider.Version}
	if r := ProviderExclusion(in); r != Public {
		return row, r
	}
	if ProviderValueError(in) != nil {
		return row, ReasonInvalid
	}
	projectProvider(&row, in)
	row.ContentHash = row.Hash()
	return row, Public
}

func projectProvider(row *ProviderRow, in ProviderInput) {
	p := &in.Provider
	row.DisplayName = plainText(p.DisplayName, maxName)
	row.ProviderType = plainText(p.ProviderType, maxEnum)
	var html []string
	html, row.HTMLDigests = sanitizeFields(in.Prior, p.Bio)
	row.BioHTML = html[0]
	row.Tagline = plainText(p.Tagline, maxTagline)
	row.AvatarURL = cleanImageURL(p.AvatarURL)
	row.CoverImageURL = cleanImageURL(p.CoverImageURL)
	row.City = plainText(p.City, maxPlace)
	row.State = plainText(p.State, maxPlace)
	row.Country = plainText(p.Country, maxPlace)
	row.Latitude, row.Longitude = place(p.Latitude, p.Longitude, row.City, row.State, row.Country)
	row.CategoryNames, row.CategorySlugs = providerCategories(in.Categories)
	row.SkillNames, row.Skills = providerSkills(in.Skills)
	row.HourlyRate = optionalAmount(p.HourlyRate)
	row.MinimumBudget = optionalAmount(p.MinimumBudget)
	row.Currency = plainText(p.Currency, maxEnum)
	row.RatingAvg = finiteOrZero(p.RatingAvg)
	row.TotalReviews = max(p.TotalReviews, 0)
	row.RatingScore = domain.BayesianRating(row.RatingAvg, row.TotalReviews)
	row.CompletedJobsCount = max(p.CompletedJobsCount, 0)
	row.ResponseRate = min(max(p.ResponseRate, 0), 100)
	row.AvgResponseTimeHours = optionalAmount(p.AvgResponseTimeHours)
	row.AvailabilityStatus = plainText(p.AvailabilityStatus, maxEnum)
	row.IsVerified = p.IsVerified
	row.IsFeatured = p.IsFeatured
	row.IsAcceptingProjects = p.IsAcceptingProjects
	row.CanWorkRemotely = p.CanWorkRemotely
	row.CanWorkOnsite = p.CanWorkOnsite
	row.CompanyName, row.CompanySlug, _ = company(in.Tenant)
	row.PublishedAt = publishedAt(p.PublishedAt, p.CreatedAt)
}
