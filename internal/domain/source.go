package domain

import "time"

// The source rows of a tenant schema, as read by the sync and written by the
// tenant API. Fields marked private never reach the catalog; the projection
// (internal/projection) is the only code that decides what does.

// JobCategory is a tenant's job category (job_categories).
type JobCategory struct {
	ID          int64     `json:"id"`
	Name        string    `json:"name"`
	Slug        string    `json:"slug"`
	Description string    `json:"description"`
	CreatedAt   time.Time `json:"created_at"`
	UpdatedAt   time.Time `json:"updated_at"`
	Version     int64     `json:"version"`
}

// JobPosting is one row of job_postings.
type JobPosting struct {
	ID                    int64      `json:"id"`
	CategoryID            *int64     `json:"category_id"`
	Title                 string     `json:"title"`
	Slug                  string     `json:"slug"`
	ReferenceCode         string     `json:"reference_code"`
	JobType               string     `json:"job_type"`
	ExperienceLevel       string     `json:"experience_level"`
	RemotePolicy          string     `json:"remote_policy"`
	LocationCity          string     `json:"location_city"`
	LocationState         string     `json:"location_state"`
	LocationCountry       string     `json:"location_country"`
	StreetAddress         string     `json:"street_address"`
	PostalCode            string     `json:"postal_code"`
	ApplicationQuestions  []byte     `json:"application_questions"`
	Latitude              *float64   `json:"latitude"`
	Longitude             *float64   `json:"longitude"`
	Description           string     `json:"description"`
	Responsibilities      string     `json:"responsibilities"`
	Requirements          string     `json:"requirements"`
	NiceToHave            string     `json:"nice_to_have"`
	Benefits              string     `json:"benefits"`
	SalaryMin             *float64   `json:"salary_min"`
	SalaryMax             *float64   `json:"salary_max"`
	SalaryCurrency        string     `json:"salary_currency"`
	SalaryPeriod          string     `json:"salary_period"`
	ShowSalary            bool       `json:"show_salary"`
	RequiredSkills        []string   `json:"required_skills"`
	PreferredSkills       []string   `json:"preferred_skills"`
	PositionsCount        int        `json:"positions_count"`
	Team                  string     `json:"team"`
	IsFeatured            bool       `json:"is_featured"`
	ApplicationDeadline   *time.Time `json:"application_deadline"`
	Status                string     `json:"status"`
	PublishedOnCareerPage bool       `json:"published_on_career_page"`
	IsInternalOnly        bool       `json:"is_internal_only"`
	PublishedAt           *time.Time `json:"published_at"`
	MetaTitle             string     `json:"meta_title"`
	MetaDescription       string     `json:"meta_description"`
	HiringManagerEmail    string     `json:"hiring_manager_email"` // private
	InternalNotes         string     `json:"internal_notes"`       // private
	ApplicationEmail      string     `json:"application_email"`    // private
	CustomQuestions       []byte     `json:"custom_questions"`     // private, JSON
	CreatedAt             time.Time  `json:"created_at"`
	UpdatedAt             time.Time  `json:"updated_at"`
	Version               int64      `json:"version"`
}

// ProviderCategory is a tenant's service category (provider_categories).
type ProviderCategory struct {
	ID        int64     `json:"id"`
	Name      string    `json:"name"`
	Slug      string    `json:"slug"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
	Version   int64     `json:"version"`
}

// ProviderSkill is one row of provider_skills.
type ProviderSkill struct {
	ID              int64  `json:"id"`
	ProviderID      int64  `json:"provider_id"`
	Name            string `json:"name"`
	Level           string `json:"level"`
	YearsExperience int    `json:"years_experience"`
	Version         int64  `json:"version"`
}

// ServiceProvider is one row of service_providers.
type ServiceProvider struct {
	ID                   int64      `json:"id"`
	DisplayName          string     `json:"display_name"`
	ProviderType         string     `json:"provider_type"`
	Bio                  string     `json:"bio"`
	Tagline              string     `json:"tagline"`
	AvatarURL            string     `json:"avatar_url"`
	CoverImageURL        string     `json:"cover_image_url"`
	City                 string     `json:"city"`
	State                string     `json:"state"`
	Country              string     `json:"country"`
	Latitude             *float64   `json:"latitude"`
	Longitude            *float64   `json:"longitude"`
	HourlyRate           *float64   `json:"hourly_rate"`
	MinimumBudget        *float64   `json:"minimum_budget"`
	Currency             string     `json:"currency"`
	RatingAvg            float64    `json:"rating_avg"`
	TotalReviews         int        `json:"total_reviews"`
	CompletedJobsCount   int        `json:"completed_jobs_count"`
	ResponseRate         int        `json:"response_rate"`
	AvgResponseTimeHours *float64   `json:"avg_response_time_hours"`
	AvailabilityStatus   string     `json:"availability_status"`
	IsVerified           bool       `json:"is_verified"`
	IsFeatured           bool       `json:"is_featured"`
	IsAcceptingProjects  bool       `json:"is_accepting_projects"`
	CanWorkRemotely      bool       `json:"can_work_remotely"`
	CanWorkOnsite        bool       `json:"can_work_onsite"`
	MarketplaceEnabled   bool       `json:"marketplace_enabled"`
	IsActive             bool       `json:"is_active"`
	UserIsActive         bool       `json:"user_is_active"`
	PublishedAt          *time.Time `json:"published_at"`
	Email                string     `json:"email"`              // private
	Phone                string     `json:"phone"`              // private
	BankAccount          string     `json:"bank_account"`       // private
	PaymentAccountID     string     `json:"payment_account_id"` // private
	PrivateNotes         string     `json:"private_notes"`      // private
	CreatedAt            time.Time  `json:"created_at"`
	UpdatedAt            time.Time  `json:"updated_at"`
	Version              int64      `json:"version"`
}
