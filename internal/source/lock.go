package source

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/pgq"
)

// ErrRowGone is returned by LockJob and LockProvider for a source row that
// no longer exists.
var ErrRowGone = domain.Errorf(domain.CodeNotFound, "source row no longer exists")

// LockJob reads, FOR SHARE, the fields of a job that decide whether it is
// public, and the questions its applicants answer: the reverse path
// re-checks them under the lock it writes under. Only ID, Title, Status,
// PublishedOnCareerPage, IsInternalOnly, ApplicationDeadline, PublishedAt,
// CreatedAt and ApplicationQuestions are set.
func LockJob(ctx context.Context, q pgq.Querier, t domain.Tenant, id int64) (domain.JobPosting, error) {
	j := domain.JobPosting{ID: id}
	err := q.QueryRow(ctx, `SELECT title, status, published_on_career_page, is_internal_only, application_deadline,
		published_at, created_at, application_questions
		FROM `+table(t, "job_postings")+` WHERE id = $1 FOR SHARE`, id).
		Scan(&j.Title, &j.Status, &j.PublishedOnCareerPage, &j.IsInternalOnly, domain.ScanOptionalTime(&j.ApplicationDeadline),
			domain.ScanOptionalTime(&j.PublishedAt), domain.ScanTime(&j.CreatedAt), &j.ApplicationQuestions)
	if errors.Is(err, pgx.ErrNoRows) {
		return j, ErrRowGone
	}
	if err != nil {
		return j, fmt.Errorf("lock job %d in %s: %w", id, t.SchemaName, err)
	}
	return j, nil
}

// LockProvider is LockJob for a provider: only ID, DisplayName,
// MarketplaceEnabled, IsActive and UserIsActive are set.
func LockProvider(ctx context.Context, q pgq.Querier, t domain.Tenant, id int64) (domain.ServiceProvider, error) {
	p := domain.ServiceProvider{ID: id}
	err := q.QueryRow(ctx, `SELECT display_name, marketplace_enabled, is_active, user_is_active, published_at, created_at
		FROM `+table(t, "service_providers")+` WHERE id = $1 FOR SHARE`, id).
		Scan(&p.DisplayName, &p.MarketplaceEnabled, &p.IsActive, &p.UserIsActive,
			domain.ScanOptionalTime(&p.PublishedAt), domain.ScanTime(&p.CreatedAt))
	if errors.Is(err, pgx.ErrNoRows) {
		return p, ErrRowGone
	}
	if err != nil {
		return p, fmt.Errorf("lock provider %d in %s: %w", id, t.SchemaName, err)
	}
	return p, nil
}
