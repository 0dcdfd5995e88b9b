package source

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/pgq"
	"github.com/zumodra/zumodra/internal/projection"
)

const jobColumns = `j.id, j.category_id, j.title, j.slug, j.reference_code, j.job_type, j.experience_level,
	j.remote_policy, j.location_city, j.location_state, j.location_country, j.latitude, j.longitude,
	j.description, j.responsibilities, j.requirements, j.nice_to_have, j.benefits, j.salary_min,
	j.salary_max, j.salary_currency, j.salary_period, j.show_salary, j.required_skills,
	j.preferred_skills, j.positions_count, j.team, j.is_featured, j.application_deadline, j.status,
	j.published_on_career_page, j.is_internal_only, j.published_at, j.meta_title, j.meta_description,
	j.hiring_manager_email, j.internal_notes, j.application_email, j.custom_questions, j.created_at,
	j.updated_at, j.version, j.street_address, j.postal_code, j.application_questions,
	c.id, c.name, c.slug, c.description, c.created_at, c.updated_at, c.version`

func jobQuery(t domain.Tenant, where string) string {
	return `SELECT ` + jobColumns + ` FROM ` + table(t, "job_postings") + ` j
		LEFT JOIN ` + table(t, "job_categories") + ` c ON c.id = j.category_id ` + where
}

// JobsByID reads the jobs with these ids, in id order. Ids with no row
// (deleted jobs) are simply absent from the result.
func JobsByID(ctx context.Context, q pgq.Querier, t domain.Tenant, ids []int64) ([]projection.JobInput, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	return readJobs(ctx, q, t, jobQuery(t, `WHERE j.id = ANY($1) ORDER BY j.id`), ids)
}

func readJobs(ctx context.Context, q pgq.Querier, t domain.Tenant, sql string, args ...any) ([]projection.JobInput, error) {
	rows, err := q.Query(ctx, sql, args...)
	if err != nil {
		return nil, fmt.Errorf("read jobs of %s: %w", t.Slug, err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (projection.JobInput, error) {
		return scanJob(r, t)
	})
	if err != nil {
		return nil, fmt.Errorf("read jobs of %s: %w", t.Slug, err)
	}
	return out, nil
}

// nullCategory holds the LEFT JOINed category columns, all NULL for a job
// without a category.
type nullCategory struct {
	ID                   *int64
	Name, Slug, Desc     *string
	CreatedAt, UpdatedAt *time.Time
	Version              *int64
}

func (c nullCategory) category() *domain.JobCategory {
	if c.ID == nil {
		return nil
	}
	return &domain.JobCategory{ID: *c.ID, Name: *c.Name, Slug: *c.Slug, Description: *c.Desc,
		CreatedAt: *c.CreatedAt, UpdatedAt: *c.UpdatedAt, Version: *c.Version}
}

// scanJob reads the times through domain.ScanTime: a hostile 'infinity'
// then reaches the projection, which refuses it for that row alone, instead
// of failing the read of every row beside it.
func scanJob(r pgx.Row, t domain.Tenant) (projection.JobInput, error) {
	var j domain.JobPosting
	var c nullCategory
	err := r.Scan(&j.ID, &j.CategoryID, &j.Title, &j.Slug, &j.ReferenceCode, &j.JobType, &j.ExperienceLevel,
		&j.RemotePolicy, &j.LocationCity, &j.LocationState, &j.LocationCountry, &j.Latitude, &j.Longitude,
		&j.Description, &j.Responsibilities, &j.Requirements, &j.NiceToHave, &j.Benefits, &j.SalaryMin,
		&j.SalaryMax, &j.SalaryCurrency, &j.SalaryPeriod, &j.ShowSalary, &j.RequiredSkills,
		&j.PreferredSkills, &j.PositionsCount, &j.Team, &j.IsFeatured, domain.ScanOptionalTime(&j.ApplicationDeadline), &j.Status,
		&j.PublishedOnCareerPage, &j.IsInternalOnly, domain.ScanOptionalTime(&j.PublishedAt), &j.MetaTitle, &j.MetaDescription,
		&j.HiringManagerEmail, &j.InternalNotes, &j.ApplicationEmail, &j.CustomQuestions, domain.ScanTime(&j.CreatedAt),
		domain.ScanTime(&j.UpdatedAt), &j.Version, &j.StreetAddress, &j.PostalCode, &j.ApplicationQuestions,
		&c.ID, &c.Name, &c.Slug, &c.Desc, domain.ScanOptionalTime(&c.CreatedAt), domain.ScanOptionalTime(&c.UpdatedAt), &c.Version)
	if err != nil {
		return projection.JobInput{}, err
	}
	return projection.JobInput{Tenant: t, Job: j, Category: c.category()}, nil
}
