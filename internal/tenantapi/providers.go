package tenantapi

import (
	"time"

	"github.com/zumodra/zumodra/internal/inbox"
	"github.com/zumodra/zumodra/internal/kind"
)

// providerFields are the writable fields of a service provider, private
// ones included, with its skills and category ids nested: the provider is
// one document with one version, so a change to its skills is guarded by
// the same If-Match as a change to its name.
type providerFields struct {
	DisplayName          string       `json:"display_name" db:"display_name"`
	ProviderType         string       `json:"provider_type" db:"provider_type"`
	Bio                  string       `json:"bio" db:"bio"`
	Tagline              string       `json:"tagline" db:"tagline"`
	AvatarURL            OptionalText `json:"avatar_url" db:"avatar_url"`
	CoverImageURL        OptionalText `json:"cover_image_url" db:"cover_image_url"`
	City                 string       `json:"city" db:"city"`
	State                string       `json:"state" db:"state"`
	Country              string       `json:"country" db:"country"`
	Latitude             *float64     `json:"latitude" db:"latitude"`
	Longitude            *float64     `json:"longitude" db:"longitude"`
	HourlyRate           *float64     `json:"hourly_rate" db:"hourly_rate"`
	MinimumBudget        *float64     `json:"minimum_budget" db:"minimum_budget"`
	Currency             string       `json:"currency" db:"currency"`
	RatingAvg            float64      `json:"rating_avg" db:"rating_avg"`
	TotalReviews         int          `json:"total_reviews" db:"total_reviews"`
	CompletedJobsCount   int          `json:"completed_jobs_count" db:"completed_jobs_count"`
	ResponseRate         int          `json:"response_rate" db:"response_rate"`
	AvgResponseTimeHours *float64     `json:"avg_response_time_hours" db:"avg_response_time_hours"`
	AvailabilityStatus   string       `json:"availability_status" db:"availability_status"`
	IsVerified           bool         `json:"is_verified" db:"is_verified"`
	IsFeatured           bool         `json:"is_featured" db:"is_featured"`
	IsAcceptingProjects  bool         `json:"is_accepting_projects" db:"is_accepting_projects"`
	CanWorkRemotely      bool         `json:"can_work_remotely" db:"can_work_remotely"`
	CanWorkOnsite        bool         `json:"can_work_onsite" db:"can_work_onsite"`
	MarketplaceEnabled   bool         `json:"marketplace_enabled" db:"marketplace_enabled"`
	IsActive             bool         `json:"is_active" db:"is_active"`
	UserIsActive         bool         `json:"user_is_active" db:"user_is_active"`
	PublishedAt          *time.Time   `json:"published_at" db:"published_at"`
	Email                OptionalText `json:"email" db:"email"`
	Phone                string       `json:"phone" db:"phone"`
	BankAccount          string       `json:"bank_account" db:"bank_account"`
	PaymentAccountID     string       `json:"payment_account_id" db:"payment_account_id"`
	PrivateNotes         string       `json:"private_notes" db:"private_notes"`
	Skills               []skill      `json:"skills" db:"-"`
	CategoryIDs          []int64      `json:"category_ids" db:"-"`
}

// skill is one of a provider's skills; names are unique per provider,
// ignoring case.
type skill struct {
	Name            string `json:"name"`
	Level           string `json:"level"`
	YearsExperience int    `json:"years_experience"`
}

// newProvider holds the column defaults of service_providers.
func newProvider() providerFields {
	return providerFields{
		ProviderType: "individual", Currency: "USD", AvailabilityStatus: "available",
		IsAcceptingProjects: true, CanWorkRemotely: true, IsActive: true, UserIsActive: true,
		Skills: []skill{}, CategoryIDs: []int64{},
	}
}

var providers = newResource(resource[providerFields]{
	table:    "service_providers",
	noun:     "provider",
	defaults: newProvider,
	prepare:  prepareProvider,
	children: providerChildren{},
	counted:  &counted{catalog: kind.Providers, inbox: inbox.Inquiries, field: "inquiry_count"},
})
