package intake

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/zumodra/zumodra/internal/catalog"
	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/kind"
	"github.com/zumodra/zumodra/internal/notify"
	"github.com/zumodra/zumodra/internal/projection"
	"github.com/zumodra/zumodra/internal/source"
)

// SubmitApplication stores an application for the job behind a catalog row
// in the schema of the tenant that owns it.
func (s *Service) SubmitApplication(ctx context.Context, catalogJobID int64, a Application) (Receipt, error) {
	a = a.normalised()
	if err := a.Validate(); err != nil {
		return Receipt{}, err
	}
	o, err := catalog.OriginOf(ctx, s.pool, kind.Jobs, catalogJobID)
	if err != nil {
		return Receipt{}, err
	}
	var r Receipt
	err = pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		r, err = s.insertApplication(ctx, tx, o, a)
		return err
	})
	if err != nil {
		return Receipt{}, s.failed(ctx, "application", catalogJobID, err)
	}
	s.counted(kind.Jobs, catalogJobID, r)
	s.log.InfoContext(ctx, "application stored", "tenant_id", o.TenantID, "job_id", o.SourceID, "application_id", r.ID, "repeat", r.repeat)
	return r, nil
}

func (s *Service) insertApplication(ctx context.Context, tx pgx.Tx, o catalog.Origin, a Application) (Receipt, error) {
	t, err := lockTenant(ctx, tx, o.TenantID)
	if err != nil {
		return Receipt{}, err
	}
	title, err := s.lockOpenJob(ctx, tx, t, o.SourceID)
	if err != nil {
		return Receipt{}, err
	}
	r := Receipt{TenantName: t.Name, Title: title}
	if r.ID, err = s.earlier(ctx, tx, t, applicationRepeat, o.SourceID, a.Email); err != nil || r.ID != 0 {
		r.repeat = true
		if err == nil {
			r.mailed, err = s.events.WillMail(ctx, tx, t.ID)
		}
		return r, err
	}
	d := notify.ApplicationData{JobID: o.SourceID, JobTitle: title, Name: a.Name, Email: a.Email, Phone: a.Phone,
		ResumeURL: a.ResumeURL, CoverLetter: a.CoverLetter}
	err = tx.QueryRow(ctx, `INSERT INTO `+tenantTable(t, "applications")+`
		(job_id, job_title, name, email, phone, resume_url, resume_text, cover_letter, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING id, status, created_at`,
		o.SourceID, title, a.Name, a.Email, a.Phone, a.ResumeURL, a.ResumeText, a.CoverLetter, s.now()).Scan(&r.ID, &d.Status, &d.CreatedAt)
	if err != nil {
		return Receipt{}, fmt.Errorf("insert application into %s: %w", t.SchemaName, err)
	}
	d.ID = r.ID
	return r, s.announce(ctx, tx, t, &r, notify.Event{Type: notify.ApplicationCreated, Data: notify.Submitted{Application: &d}})
}

// lockOpenJob locks the job row and checks, under that lock, every rule
// that makes a job public (projection.JobExclusion) and its clock rules
// (projection.JobTimeExclusion): a job unpublished, closed or made internal
// since the catalog was synced is gone, and one scheduled for later is
// refused as if it had never been public.
func (s *Service) lockOpenJob(ctx context.Context, tx pgx.Tx, t domain.Tenant, jobID int64) (string, error) {
	j, err := source.LockJob(ctx, tx, t, jobID)
	if errors.Is(err, source.ErrRowGone) {
		return "", errGone
	}
	if err != nil {
		return "", err
	}
	if projection.JobExclusion(projection.JobInput{Tenant: t, Job: j}) != projection.Public {
		return "", errGone
	}
	if err := timeRefusal(projection.JobTimeExclusion(j, s.now())); err != nil {
		return "", err
	}
	return j.Title, nil
}
