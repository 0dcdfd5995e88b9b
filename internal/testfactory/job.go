package testfactory

import (
	"context"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/source"
)

// JobOpts override the defaults of Job. Zero values keep the default; the
// pointer fields exist where the zero value is a meaningful override.
type JobOpts struct {
	Title               string // default "Senior Go Engineer <n>"
	Slug                string
	CategoryID          *int64
	JobType             string // default full_time
	ExperienceLevel     string // default senior
	RemotePolicy        string // default hybrid
	City, Country       string // default Berlin, Germany
	StreetAddress       string
	PostalCode          string
	Description         string // default a paragraph of HTML
	Status              string // default open
	Published           *bool  // published_on_career_page, default true
	InternalOnly        bool
	ShowSalary          bool
	SalaryMin           *float64 // default 70000
	SalaryMax           *float64 // default 95000
	RequiredSkills      []string // default Go, PostgreSQL
	IsFeatured          bool
	ApplicationDeadline *time.Time
	Questions           string // application_questions as JSON, default none
}

// Job inserts a job posting, public by default, and returns it as read back
// from the tenant schema (with its version and timestamps).
func Job(t testing.TB, pool *pgxpool.Pool, tn domain.Tenant, o *JobOpts) domain.JobPosting {
	t.Helper()
	if o == nil {
		o = &JobOpts{}
	}
	title := or(o.Title, "Senior Go Engineer "+next())
	id := insertRow(t, pool, tn, "job_postings", map[string]any{
		"title": title, "slug": o.Slug, "category_id": o.CategoryID,
		"job_type": or(o.JobType, "full_time"), "experience_level": or(o.ExperienceLevel, "senior"),
		"remote_policy": or(o.RemotePolicy, "hybrid"),
		"location_city": or(o.City, "Berlin"), "location_country": or(o.Country, "Germany"),
		"street_address": o.StreetAddress, "postal_code": o.PostalCode,
		"description":      or(o.Description, "<p>Build the <strong>sync engine</strong> of a marketplace.</p>"),
		"responsibilities": "<ul><li>Design</li><li>Ship</li></ul>", "requirements": "<p>5 years of Go</p>",
		"status": or(o.Status, "open"), "published_on_career_page": orPtr(o.Published, true),
		"is_internal_only": o.InternalOnly, "show_salary": o.ShowSalary,
		"salary_min": orPtr(o.SalaryMin, 70000), "salary_max": orPtr(o.SalaryMax, 95000),
		"salary_currency": "EUR", "salary_period": "yearly",
		"required_skills": or2(o.RequiredSkills, []string{"Go", "PostgreSQL"}), "preferred_skills": []string{"Kubernetes"},
		"is_featured": o.IsFeatured, "application_deadline": o.ApplicationDeadline,
		"published_at": Published(), "team": "Platform",
		"hiring_manager_email": "PRIVATE-manager@example.com", "internal_notes": "PRIVATE-notes",
		"application_email": "PRIVATE-apply@example.com", "custom_questions": `[{"q": "PRIVATE-question"}]`,
		"application_questions": or(o.Questions, "[]"),
	})
	return ReadJob(t, pool, tn, id)
}

// ReadJob reads a job posting back from the tenant schema.
func ReadJob(t testing.TB, pool *pgxpool.Pool, tn domain.Tenant, id int64) domain.JobPosting {
	t.Helper()
	in, err := source.JobsByID(context.Background(), pool, tn, []int64{id})
	if err != nil || len(in) != 1 {
		t.Fatalf("testfactory: read job %d back: %v (%d rows)", id, err, len(in))
	}
	return in[0].Job
}

func or2(v, def []string) []string {
	if v == nil {
		return def
	}
	return v
}
