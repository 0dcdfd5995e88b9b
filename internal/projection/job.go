package projection

import (
	"encoding/json"
	"time"

	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/questions"
)

// JobInput is everything the projection needs to decide one job's catalog row.
type JobInput struct {
	Tenant   domain.Tenant
	Job      domain.JobPosting
	Category *domain.JobCategory // nil when the job has no category
	Prior    *Prior              // the catalog's HTML of this row, when the apply step has it
}

// JobRow is one public.job_catalog row as the projection decides it: every
// column except id, synced_at, view_count and search, in table order. The db
// tags are the column names (pgx.RowToStructByName can scan into it); field
// order is the order of JobColumns and Values. Private source fields have no
// field here on purpose.
type JobRow struct {
	TenantID             int64      `db:"tenant_id"`
	SourceID             int64      `db:"source_id"`
	SourceVersion        int64      `db:"source_version"`
	ContentHash          []byte     `db:"content_hash"`
	Title                string     `db:"title"`
	Slug                 string     `db:"slug"`
	ReferenceCode        string     `db:"reference_code"`
	CategoryName         string     `db:"category_name"`
	CategorySlug         string     `db:"category_slug"`
	JobType              string     `db:"job_type"`
	ExperienceLevel      string     `db:"experience_level"`
	RemotePolicy         string     `db:"remote_policy"`
	City                 string     `db:"city"`
	State                string     `db:"state"`
	Country              string     `db:"country"`
	Latitude             *float64   `db:"latitude"`
	Longitude            *float64   `db:"longitude"`
	DescriptionHTML      string     `db:"description_html"`
	ResponsibilitiesHTML string     `db:"responsibilities_html"`
	RequirementsHTML     string     `db:"requirements_html"`
	NiceToHaveHTML       string     `db:"nice_to_have_html"`
	BenefitsHTML         string     `db:"benefits_html"`
	ShowSalary           bool       `db:"show_salary"`
	SalaryMin            *float64   `db:"salary_min"`
	SalaryMax            *float64   `db:"salary_max"`
	SalaryCurrency       *string    `db:"salary_currency"`
	SalaryPeriod         *string    `db:"salary_period"`
	RequiredSkills       []string   `db:"required_skills"`
	PreferredSkills      []string   `db:"preferred_skills"`
	PositionsCount       int        `db:"positions_count"`
	Team                 string     `db:"team"`
	CompanyName          string     `db:"company_name"`
	CompanySlug          string     `db:"company_slug"`
	CompanyLogoURL       string     `db:"company_logo_url"`
	IsFeatured           bool       `db:"is_featured"`
	ApplicationDeadline  *time.Time `db:"application_deadline"`
	PublishedAt          time.Time  `db:"published_at"`
	MetaTitle            string     `db:"meta_title"`
	MetaDescription      string     `db:"meta_description"`
	SalaryYearlyMin      *float64   `db:"salary_yearly_min"`
	SalaryYearlyMax      *float64   `db:"salary_yearly_max"`
	StreetAddress        string     `db:"street_address"`
	PostalCode           string     `db:"postal_code"`
	// ApplicationQuestions is the form's questions in canonical form
	// (questions.JSON): what intake checks answers against is the source
	// row's, this copy only shows them.
	ApplicationQuestions json.RawMessage `db:"application_questions"`
	HTMLDigests          []byte          `db:"html_digests"`
}

var jobColumns = columnsOf(JobRow{})

// JobColumns returns the job_catalog column names in the order Values uses.
func JobColumns() []string { return append([]string(nil), jobColumns...) }

// Values returns the row's column values in JobColumns order, ready for
// INSERT, COPY or a column-by-column comparison.
func (r JobRow) Values() []any { return valuesOf(r) }

// Job projects one job posting. When the job is not public it returns the
// reason and a row holding only its identity (tenant, source id, version),
// which is what the apply code needs to delete the catalog row. A row the
// tenant keeps private is never invalid, whatever it holds: ReasonInvalid
// comes only after every other rule has passed.
func Job(in JobInput) (JobRow, Reason) {
	row := JobRow{TenantID: in.Tenant.ID, SourceID: in.Job.ID, SourceVersion: in.Job.Version}
	if r := JobExclusion(in); r != Public {
		return row, r
	}
	if JobValueError(in) != nil {
		return row, ReasonInvalid
	}
	projectJob(&row, in)
	row.ContentHash = row.Hash()
	return row, Public
}

func projectJob(row *JobRow, in JobInput) {
	j := &in.Job
	row.Title = plainText(j.Title, maxTitle)
	row.Slug = plainText(j.Slug, maxSlug)
	row.ReferenceCode = plainText(j.ReferenceCode, maxReferenceCode)
	row.CategoryName, row.CategorySlug = jobCategory(in.Category)
	row.JobType = plainText(j.JobType, maxEnum)
	row.ExperienceLevel = plainText(j.ExperienceLevel, maxEnum)
	row.RemotePolicy = plainText(j.RemotePolicy, maxEnum)
	row.City = plainText(j.LocationCity, maxPlace)
	row.State = plainText(j.LocationState, maxPlace)
	row.Country = plainText(j.LocationCountry, maxPlace)
	row.StreetAddress = plainText(j.StreetAddress, maxStreet)
	row.PostalCode = plainText(j.PostalCode, maxPostalCode)
	qs, _ := questions.Parse(j.ApplicationQuestions) // JobValueError refused a row whose questions do not parse
	row.ApplicationQuestions = questions.JSON(qs)
	row.Latitude, row.Longitude = place(j.Latitude, j.Longitude, row.City, row.State, row.Country)
	var html []string
	html, row.HTMLDigests = sanitizeFields(in.Prior, j.Description, j.Responsibilities, j.Requirements, j.NiceToHave, j.Benefits)
	row.DescriptionHTML, row.ResponsibilitiesHTML, row.RequirementsHTML, row.NiceToHaveHTML, row.BenefitsHTML = html[0], html[1], html[2], html[3], html[4]
	projectSalary(row, j)
	row.RequiredSkills = skillList(j.RequiredSkills)
	row.PreferredSkills = skillList(j.PreferredSkills)
	row.PositionsCount = max(j.PositionsCount, 1)
	row.Team = plainText(j.Team, maxTeam)
	row.CompanyName, row.CompanySlug, row.CompanyLogoURL = company(in.Tenant)
	row.IsFeatured = j.IsFeatured
	row.ApplicationDeadline = optionalTime(j.ApplicationDeadline)
	row.PublishedAt = publishedAt(j.PublishedAt, j.CreatedAt)
	row.MetaTitle = plainText(j.MetaTitle, maxMetaTitle)
	row.MetaDescription = plainText(j.MetaDescription, maxMetaDescription)
}

// projectSalary copies the salary columns only when the tenant shows the
// salary; otherwise they stay NULL, as the catalog's CHECKs demand.
func projectSalary(row *JobRow, j *domain.JobPosting) {
	if !j.ShowSalary {
		return
	}
	row.ShowSalary = true
	row.SalaryMin = optionalAmount(j.SalaryMin)
	row.SalaryMax = optionalAmount(j.SalaryMax)
	row.SalaryCurrency = new(plainText(j.SalaryCurrency, maxEnum))
	row.SalaryPeriod = new(plainText(j.SalaryPeriod, maxEnum))
	row.SalaryYearlyMin, row.SalaryYearlyMax = yearlyRange(row.SalaryMin, row.SalaryMax, *row.SalaryPeriod)
}

// yearlyRange is the yearly equivalent of a shown range. The top is the
// maximum, or the minimum when no maximum is given: what the job can pay,
// which the minimum-salary filter and the salary sort compare. An unknown
// period gives no yearly figure rather than a wrong one.
func yearlyRange(lo, hi *float64, period string) (*float64, *float64) {
	yearly := func(v *float64) *float64 {
		if v == nil {
			return nil
		}
		y, ok := domain.Yearly(*v, period)
		if !ok {
			return nil
		}
		return &y
	}
	top := hi
	if top == nil {
		top = lo
	}
	return yearly(lo), yearly(top)
}

func jobCategory(c *domain.JobCategory) (name, slug string) {
	if c == nil {
		return "", ""
	}
	return plainText(c.Name, maxCategory), plainText(c.Slug, maxCategory)
}

func company(t domain.Tenant) (name, slug, logo string) {
	return plainText(t.Name, maxName), plainText(t.Slug, maxSlug), cleanImageURL(t.LogoURL)
}
