package catalog

import (
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/zumodra/zumodra/internal/money"
	"github.com/zumodra/zumodra/internal/questions"
)

// JobSummary is a job as lists, the feed and search results show it.
type JobSummary struct {
	ID              int64    `json:"id"`
	Title           string   `json:"title"`
	Slug            string   `json:"slug"`
	CompanyName     string   `json:"company_name"`
	CompanySlug     string   `json:"company_slug"`
	CompanyLogoURL  string   `json:"company_logo_url"`
	CompanyID       int64    `json:"company_id"` // the company's public id (GET /api/v1/companies/{id})
	CategoryName    string   `json:"category_name"`
	CategorySlug    string   `json:"category_slug"`
	JobType         string   `json:"job_type"`
	ExperienceLevel string   `json:"experience_level"`
	RemotePolicy    string   `json:"remote_policy"`
	City            string   `json:"city"`
	State           string   `json:"state"`
	Country         string   `json:"country"`
	ShowSalary      bool     `json:"show_salary"`
	SalaryMin       *float64 `json:"salary_min"`
	SalaryMax       *float64 `json:"salary_max"`
	SalaryCurrency  *string  `json:"salary_currency"`
	SalaryPeriod    *string  `json:"salary_period"`
	// SalaryYearlyMin and SalaryYearlyMax are the shown range's yearly
	// equivalents (hour x 2,080, day x 260, week x 52, month x 12), in
	// SalaryCurrency; the top is the maximum, or the minimum alone.
	SalaryYearlyMin *float64 `json:"salary_yearly_min"`
	SalaryYearlyMax *float64 `json:"salary_yearly_max"`
	// SalaryText is the salary as the pages show it ("$60,000 – $80,000 a
	// year", CLDR symbols and digits); "" when none is shown.
	SalaryText          string     `json:"salary_text"`
	RequiredSkills      []string   `json:"required_skills"`
	PreferredSkills     []string   `json:"preferred_skills"`
	IsFeatured          bool       `json:"is_featured"`
	ApplicationDeadline *time.Time `json:"application_deadline"`
	PublishedAt         time.Time  `json:"published_at"`
	UpdatedAt           time.Time  `json:"updated_at"` // when the catalog row last changed
	// Excerpt is the start of the description as plain text (tags removed,
	// entities decoded): escape it like any other text.
	Excerpt string `json:"excerpt"`
	// Latitude and Longitude place the job (the tenant's, or its city's
	// from the gazetteer); nil when neither is known, as for a remote job
	// without a city.
	Latitude  *float64 `json:"latitude"`
	Longitude *float64 `json:"longitude"`
	// Distance is the kilometres from the centre of a nearby search;
	// null otherwise (and on a single job or provider).
	Distance *float64 `json:"distance"`
}

// Job is one public job with everything the detail page shows.
type Job struct {
	JobSummary
	ReferenceCode        string `json:"reference_code"`
	StreetAddress        string `json:"street_address"`
	PostalCode           string `json:"postal_code"`
	DescriptionHTML      string `json:"description_html"` // sanitised by the projection
	ResponsibilitiesHTML string `json:"responsibilities_html"`
	RequirementsHTML     string `json:"requirements_html"`
	NiceToHaveHTML       string `json:"nice_to_have_html"`
	BenefitsHTML         string `json:"benefits_html"`
	PositionsCount       int    `json:"positions_count"`
	Team                 string `json:"team"`
	MetaTitle            string `json:"meta_title"`
	MetaDescription      string `json:"meta_description"`
	// ApplicationQuestions are what the apply form asks besides the
	// standard fields, as the catalog last copied them: intake checks
	// answers against the source row's.
	ApplicationQuestions []questions.Question `json:"application_questions"`
}

// JobPage is one page of a job list.
type JobPage struct {
	Jobs []JobSummary
	Page int    // 1 for the first page
	Next string // cursor of the next page, "" on the last
	Prev string // cursor of the previous page, "" on the first
	// Total counts the matching jobs: exactly when the search index
	// answers; from PostgreSQL exactly up to CountCap, above it Total is
	// CountCap and TotalExact is false ("10,000+"). A ranked search
	// visits every match anyway and counts them all exactly. Later pages
	// repeat the first page's count, carried by the cursor.
	Total      int
	TotalExact bool
	Sort       string // the sort applied (the default resolved)
	// Search is the search text applied. It differs from the query's when
	// few jobs matched and misspelt words were corrected (Corrected).
	Search    string
	Corrected bool
	// SalaryCurrency is the currency the minimum salary and the salary
	// sort compared in: the query's, or the one most matching jobs show.
	// "" when neither needed one (or no matching job shows a salary).
	SalaryCurrency string
	// Near is the place and radius of a nearby search; nil otherwise.
	Near *Near
}

// Pages is the number of pages of size n that Total fills (a lower bound
// when the total is capped).
func (p JobPage) Pages(n int) int { return pages(p.Total, n) }

func pages(total, n int) int {
	if n <= 0 {
		n = DefaultPageSize
	}
	if total == 0 {
		return 1
	}
	return (total + n - 1) / n
}

const excerptSource = 600 // bytes of description read for an excerpt
const excerptLen = 240    // runes of excerpt kept

const jobSummaryColumns = `id, title, slug, company_name, company_slug, company_logo_url, tenant_id,
	category_name, category_slug, job_type, experience_level, remote_policy, city, state, country,
	show_salary, salary_min::float8, salary_max::float8, salary_currency, salary_period,
	salary_yearly_min, salary_yearly_max,
	required_skills, preferred_skills, is_featured, application_deadline, published_at, synced_at,
	left(description_html, 600), latitude, longitude`

func scanJobSummary(row pgx.Rows, extra []any) (JobSummary, error) {
	var j JobSummary
	var desc string
	dests := append(j.dests(&desc), extra...)
	err := row.Scan(dests...)
	j.finish(desc)
	return j, err
}

// finish derives the fields computed from the scanned columns.
func (j *JobSummary) finish(desc string) {
	j.Excerpt = excerpt(desc, excerptLen)
	if j.ShowSalary && j.SalaryCurrency != nil && j.SalaryPeriod != nil {
		j.SalaryText = money.Range(j.SalaryMin, j.SalaryMax, *j.SalaryCurrency, *j.SalaryPeriod)
	}
}

func (j *JobSummary) dests(desc *string) []any {
	return []any{&j.ID, &j.Title, &j.Slug, &j.CompanyName, &j.CompanySlug, &j.CompanyLogoURL, &j.CompanyID,
		&j.CategoryName, &j.CategorySlug, &j.JobType, &j.ExperienceLevel, &j.RemotePolicy,
		&j.City, &j.State, &j.Country, &j.ShowSalary, &j.SalaryMin, &j.SalaryMax,
		&j.SalaryCurrency, &j.SalaryPeriod, &j.SalaryYearlyMin, &j.SalaryYearlyMax, &j.RequiredSkills, &j.PreferredSkills,
		&j.IsFeatured, &j.ApplicationDeadline, &j.PublishedAt, &j.UpdatedAt, desc, &j.Latitude, &j.Longitude}
}
