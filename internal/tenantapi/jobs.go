package tenantapi

import (
	"encoding/json"
	"time"

	"github.com/zumodra/zumodra/internal/inbox"
	"github.com/zumodra/zumodra/internal/kind"
)

// jobFields are the writable fields of a job posting, private ones
// included: the API serves the tenant its own data. Column names follow
// tenant/0001_model.sql.
type jobFields struct {
	CategoryID            *int64          `json:"category_id" db:"category_id"`
	Title                 string          `json:"title" db:"title"`
	Slug                  string          `json:"slug" db:"slug"`
	ReferenceCode         string          `json:"reference_code" db:"reference_code"`
	JobType               string          `json:"job_type" db:"job_type"`
	ExperienceLevel       string          `json:"experience_level" db:"experience_level"`
	RemotePolicy          string          `json:"remote_policy" db:"remote_policy"`
	LocationCity          string          `json:"location_city" db:"location_city"`
	LocationState         string          `json:"location_state" db:"location_state"`
	LocationCountry       string          `json:"location_country" db:"location_country"`
	StreetAddress         string          `json:"street_address" db:"street_address"`
	PostalCode            string          `json:"postal_code" db:"postal_code"`
	Latitude              *float64        `json:"latitude" db:"latitude"`
	Longitude             *float64        `json:"longitude" db:"longitude"`
	Description           string          `json:"description" db:"description"`
	Responsibilities      string          `json:"responsibilities" db:"responsibilities"`
	Requirements          string          `json:"requirements" db:"requirements"`
	NiceToHave            string          `json:"nice_to_have" db:"nice_to_have"`
	Benefits              string          `json:"benefits" db:"benefits"`
	SalaryMin             *float64        `json:"salary_min" db:"salary_min"`
	SalaryMax             *float64        `json:"salary_max" db:"salary_max"`
	SalaryCurrency        string          `json:"salary_currency" db:"salary_currency"`
	SalaryPeriod          string          `json:"salary_period" db:"salary_period"`
	ShowSalary            bool            `json:"show_salary" db:"show_salary"`
	RequiredSkills        []string        `json:"required_skills" db:"required_skills"`
	PreferredSkills       []string        `json:"preferred_skills" db:"preferred_skills"`
	PositionsCount        int             `json:"positions_count" db:"positions_count"`
	Team                  string          `json:"team" db:"team"`
	IsFeatured            bool            `json:"is_featured" db:"is_featured"`
	ApplicationDeadline   *time.Time      `json:"application_deadline" db:"application_deadline"`
	Status                string          `json:"status" db:"status"`
	PublishedOnCareerPage bool            `json:"published_on_career_page" db:"published_on_career_page"`
	IsInternalOnly        bool            `json:"is_internal_only" db:"is_internal_only"`
	PublishedAt           *time.Time      `json:"published_at" db:"published_at"`
	MetaTitle             string          `json:"meta_title" db:"meta_title"`
	MetaDescription       string          `json:"meta_description" db:"meta_description"`
	HiringManagerEmail    OptionalText    `json:"hiring_manager_email" db:"hiring_manager_email"`
	InternalNotes         string          `json:"internal_notes" db:"internal_notes"`
	ApplicationEmail      OptionalText    `json:"application_email" db:"application_email"`
	CustomQuestions       json.RawMessage `json:"custom_questions" db:"custom_questions"`
	ApplicationQuestions  json.RawMessage `json:"application_questions" db:"application_questions"`
}

// newJob holds the column defaults of job_postings.
func newJob() jobFields {
	return jobFields{
		JobType: "full_time", ExperienceLevel: "mid", RemotePolicy: "on_site",
		SalaryCurrency: "USD", SalaryPeriod: "yearly", PositionsCount: 1, Status: "draft",
		RequiredSkills: []string{}, PreferredSkills: []string{}, CustomQuestions: json.RawMessage("[]"),
		ApplicationQuestions: json.RawMessage("[]"),
	}
}

var jobs = newResource(resource[jobFields]{
	table:    "job_postings",
	noun:     "job",
	defaults: newJob,
	prepare:  prepareJob,
	counted:  &counted{catalog: kind.Jobs, inbox: inbox.Applications, field: "application_count"},
})
