package intake

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/zumodra/zumodra/internal/catalog"
	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/intake/check"
	"github.com/zumodra/zumodra/internal/kind"
	"github.com/zumodra/zumodra/internal/notify"
	"github.com/zumodra/zumodra/internal/projection"
	"github.com/zumodra/zumodra/internal/questions"
	"github.com/zumodra/zumodra/internal/resume"
	"github.com/zumodra/zumodra/internal/source"
)

// SubmitApplication stores an application for the job behind a catalog row
// in the schema of the tenant that owns it, with its answers and résumé
// file. Bad fields and bad answers are reported together; the answers are
// judged by the job's questions as its source row has them in the same
// transaction, since the catalog's copy may lag a change.
func (s *Service) SubmitApplication(ctx context.Context, catalogJobID int64, a Application) (Receipt, error) {
	a = a.normalised()
	file, invalid := a.checked()
	o, err := catalog.OriginOf(ctx, s.pool, kind.Jobs, catalogJobID)
	if err != nil {
		if invalid != nil {
			return Receipt{}, invalid
		}
		return Receipt{}, err
	}
	var r Receipt
	err = pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		r, err = s.insertApplication(ctx, tx, o, a, file, invalid)
		return err
	})
	if err != nil {
		return Receipt{}, s.failed(ctx, "application", catalogJobID, err)
	}
	s.counted(kind.Jobs, catalogJobID, r)
	s.log.InfoContext(ctx, "application stored", "tenant_id", o.TenantID, "job_id", o.SourceID, "application_id", r.ID,
		"repeat", r.repeat, "resume_file", file != nil)
	return r, nil
}

func (s *Service) insertApplication(ctx context.Context, tx pgx.Tx, o catalog.Origin, a Application, file *resume.File, invalid error) (Receipt, error) {
	t, err := lockTenant(ctx, tx, o.TenantID)
	if err != nil {
		return Receipt{}, err
	}
	j, err := s.lockOpenJob(ctx, tx, t, o.SourceID)
	if err != nil {
		return Receipt{}, err
	}
	answers, err := checkAnswers(j, a.Answers, invalid)
	if err != nil {
		return Receipt{}, err
	}
	r := Receipt{TenantName: t.Name, Title: j.Title}
	if r.ID, err = s.earlier(ctx, tx, t, applicationRepeat, o.SourceID, a.Email); err != nil || r.ID != 0 {
		r.repeat = true
		if err == nil {
			r.mailed, err = s.events.WillMail(ctx, tx, t.ID)
		}
		return r, err
	}
	d := notify.ApplicationData{JobID: o.SourceID, JobTitle: j.Title, Name: a.Name, Email: a.Email, Phone: a.Phone,
		ResumeURL: a.ResumeURL, CoverLetter: a.CoverLetter}
	err = tx.QueryRow(ctx, `INSERT INTO `+tenantTable(t, "applications")+`
		(job_id, job_title, name, email, phone, resume_url, resume_text, cover_letter, answers, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id, status, created_at`,
		o.SourceID, j.Title, a.Name, a.Email, a.Phone, a.ResumeURL, a.ResumeText, a.CoverLetter, answers, s.now()).Scan(&r.ID, &d.Status, &d.CreatedAt)
	if err != nil {
		return Receipt{}, fmt.Errorf("insert application into %s: %w", t.SchemaName, err)
	}
	d.ID = r.ID
	if file != nil {
		if err := resume.Store(ctx, tx, t, r.ID, *file, s.now()); err != nil {
			return Receipt{}, err
		}
	}
	return r, s.announce(ctx, tx, t, &r, notify.Event{Type: notify.ApplicationCreated, Data: notify.Submitted{Application: &d}})
}

// checkAnswers judges the answers by the job's questions, joining what is
// wrong with them to what was wrong with the other fields, and returns them
// in their stored form. Questions written by SQL that do not parse make the
// job unfit for the catalog (a row error), so it takes no application.
func checkAnswers(j domain.JobPosting, a questions.Answers, invalid error) (json.RawMessage, error) {
	qs, err := questions.Parse(j.ApplicationQuestions)
	if err != nil {
		return nil, errGone
	}
	checked, err := questions.Check(qs, a)
	var l check.List
	l.Add(invalid)
	l.Add(err)
	if err := l.Err(); err != nil {
		return nil, err
	}
	return json.Marshal(checked)
}

// lockOpenJob locks the job row and checks, under that lock, every rule
// that makes a job public (projection.JobExclusion) and its clock rules
// (projection.JobTimeExclusion): a job unpublished, closed or made internal
// since the catalog was synced is gone, and one scheduled for later is
// refused as if it had never been public.
func (s *Service) lockOpenJob(ctx context.Context, tx pgx.Tx, t domain.Tenant, jobID int64) (domain.JobPosting, error) {
	j, err := source.LockJob(ctx, tx, t, jobID)
	if errors.Is(err, source.ErrRowGone) {
		return j, errGone
	}
	if err != nil {
		return j, err
	}
	if projection.JobExclusion(projection.JobInput{Tenant: t, Job: j}) != projection.Public {
		return j, errGone
	}
	if err := timeRefusal(projection.JobTimeExclusion(j, s.now())); err != nil {
		return j, err
	}
	return j, nil
}
