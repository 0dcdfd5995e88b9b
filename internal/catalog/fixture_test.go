package catalog_test

import (
	"cmp"
	"context"
	"encoding/json"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/zumodra/zumodra/internal/catalog"
	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/tenants"
	"github.com/zumodra/zumodra/internal/testdb"
)

// base is the fixed "now" of the tests: published times and deadlines are
// placed around it and the store's clock returns it.
var base = time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)

var sourceIDs atomic.Int64

// fixture is a fresh catalog database with a store reading it.
type fixture struct {
	t     *testing.T
	pool  *pgxpool.Pool
	store *catalog.Store
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	t.Parallel()
	pool := testdb.New(t)
	return &fixture{t: t, pool: pool, store: catalog.New(pool, catalog.Options{
		Now: func() time.Time { return base }, CacheTTL: -1,
	})}
}

func (f *fixture) tenant(slug, name string) domain.Tenant {
	f.t.Helper()
	tn, _, err := tenants.New(f.pool).Create(context.Background(), tenants.CreateParams{Slug: slug, Name: name})
	if err != nil {
		f.t.Fatalf("create tenant %s: %v", slug, err)
	}
	return tn
}

// jobRow is a catalog job row with defaults; tests override what they test.
type jobRow struct {
	Title, Description, CategorySlug, CategoryName string
	JobType, Level, Remote, Country, City          string
	SalaryMin, SalaryMax                           *float64
	Currency, Period                               string // EUR, yearly when empty
	Featured                                       bool
	Deadline                                       *time.Time
	PublishedAt                                    time.Time
	Skills                                         []string
}

func money(v float64) *float64 { return &v }

// yearly is the catalog's yearly equivalent of an amount, by the one rule.
func yearly(v *float64, period string) *float64 {
	if v == nil {
		return nil
	}
	y, _ := domain.Yearly(*v, period)
	return &y
}

func (f *fixture) job(tn domain.Tenant, over func(*jobRow)) int64 {
	f.t.Helper()
	r := jobRow{Title: "Software Engineer", Description: "<p>Build things.</p>", CategorySlug: "engineering",
		CategoryName: "Engineering", JobType: "full_time", Level: "mid", Remote: "on_site",
		Country: "Germany", City: "Berlin", PublishedAt: base.Add(-time.Hour), Skills: []string{"Go"}}
	if over != nil {
		over(&r)
	}
	show := r.SalaryMin != nil || r.SalaryMax != nil
	var cur, period *string
	var yearlyMin, yearlyMax *float64
	if show {
		c, p := cmp.Or(r.Currency, "EUR"), cmp.Or(r.Period, "yearly")
		cur, period = &c, &p
		yearlyMin, yearlyMax = yearly(r.SalaryMin, p), yearly(cmp.Or(r.SalaryMax, r.SalaryMin), p)
	}
	var id int64
	err := f.pool.QueryRow(context.Background(), `INSERT INTO public.job_catalog
		(tenant_id, source_id, source_version, content_hash, title, category_slug, category_name,
		 job_type, experience_level, remote_policy, country, city, description_html, show_salary,
		 salary_min, salary_max, salary_currency, salary_period, required_skills, company_name,
		 company_slug, is_featured, application_deadline, published_at, salary_yearly_min, salary_yearly_max)
		VALUES ($1, $2, 1, '\x00', $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17,
		 $18, $19, $20, $21, $22, $23, $24) RETURNING id`,
		tn.ID, sourceIDs.Add(1), r.Title, r.CategorySlug, r.CategoryName, r.JobType, r.Level, r.Remote,
		r.Country, r.City, r.Description, show, r.SalaryMin, r.SalaryMax, cur, period, r.Skills,
		tn.Name, tn.Slug, r.Featured, r.Deadline, r.PublishedAt, yearlyMin, yearlyMax).Scan(&id)
	if err != nil {
		f.t.Fatalf("insert job: %v", err)
	}
	return id
}

// providerRow is a catalog provider row with defaults.
type providerRow struct {
	Name, Tagline, Bio, Country, City, Availability string
	CategorySlugs, CategoryNames, SkillNames        []string
	HourlyRate                                      *float64
	Rating                                          float64
	Reviews                                         int
	Verified, Accepting, Remote                     bool
	PublishedAt                                     time.Time
}

func (f *fixture) provider(tn domain.Tenant, over func(*providerRow)) int64 {
	f.t.Helper()
	r := providerRow{Name: "Ada Lovelace", Tagline: "Analytical engines", Bio: "<p>Notes.</p>",
		Country: "Germany", City: "Berlin", Availability: "available", CategorySlugs: []string{"development"},
		CategoryNames: []string{"Development"}, SkillNames: []string{"Go"}, HourlyRate: money(80),
		Rating: 4.5, Reviews: 10, Accepting: true, Remote: true, PublishedAt: base.Add(-time.Hour)}
	if over != nil {
		over(&r)
	}
	skills := make([]catalog.Skill, len(r.SkillNames))
	for i, s := range r.SkillNames {
		skills[i] = catalog.Skill{Name: s, Level: "expert", Years: 5}
	}
	skillJSON, _ := json.Marshal(skills)
	var id int64
	err := f.pool.QueryRow(context.Background(), `INSERT INTO public.provider_catalog
		(tenant_id, source_id, source_version, content_hash, display_name, provider_type, tagline, bio_html,
		 country, city, category_slugs, category_names, skill_names, skills, hourly_rate, rating_avg,
		 total_reviews, availability_status, is_verified, is_accepting_projects, can_work_remotely,
		 company_name, company_slug, published_at, rating_score)
		VALUES ($1, $2, 1, '\x00', $3, 'individual', $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15,
		 $16, $17, $18, $19, $20, $21, $22) RETURNING id`,
		tn.ID, sourceIDs.Add(1), r.Name, r.Tagline, r.Bio, r.Country, r.City, r.CategorySlugs,
		r.CategoryNames, r.SkillNames, skillJSON, r.HourlyRate, r.Rating, r.Reviews, r.Availability,
		r.Verified, r.Accepting, r.Remote, tn.Name, tn.Slug, r.PublishedAt, domain.BayesianRating(r.Rating, r.Reviews)).Scan(&id)
	if err != nil {
		f.t.Fatalf("insert provider: %v", err)
	}
	return id
}

func (f *fixture) jobs(q catalog.JobQuery) catalog.JobPage {
	f.t.Helper()
	p, err := f.store.SearchJobs(context.Background(), q)
	if err != nil {
		f.t.Fatalf("SearchJobs(%+v): %v", q, err)
	}
	return p
}

func (f *fixture) providers(q catalog.ProviderQuery) catalog.ProviderPage {
	f.t.Helper()
	p, err := f.store.SearchProviders(context.Background(), q)
	if err != nil {
		f.t.Fatalf("SearchProviders(%+v): %v", q, err)
	}
	return p
}

func jobIDs(p catalog.JobPage) []int64 {
	out := make([]int64, len(p.Jobs))
	for i, j := range p.Jobs {
		out[i] = j.ID
	}
	return out
}

func providerIDs(p catalog.ProviderPage) []int64 {
	out := make([]int64, len(p.Providers))
	for i, j := range p.Providers {
		out[i] = j.ID
	}
	return out
}

// warm loads the typo-correction vocabularies from the rows inserted so far.
func (f *fixture) warm() {
	f.t.Helper()
	if err := f.store.Warm(context.Background()); err != nil {
		f.t.Fatal(err)
	}
}
