package tenantapi

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/httpx"
)

// application is a visitor's job application as the tenant reads it.
type application struct {
	ID          int64     `json:"id" db:"id"`
	JobID       *int64    `json:"job_id" db:"job_id"`
	JobTitle    string    `json:"job_title" db:"job_title"`
	Name        string    `json:"name" db:"name"`
	Email       string    `json:"email" db:"email"`
	Phone       string    `json:"phone" db:"phone"`
	ResumeURL   string    `json:"resume_url" db:"resume_url"`
	ResumeText  string    `json:"resume_text" db:"resume_text"`
	CoverLetter string    `json:"cover_letter" db:"cover_letter"`
	Status      string    `json:"status" db:"status"`
	CreatedAt   time.Time `json:"created_at" db:"created_at"`
}

// inquiry is a visitor's project inquiry as the tenant reads it.
type inquiry struct {
	ID           int64     `json:"id" db:"id"`
	ProviderID   *int64    `json:"provider_id" db:"provider_id"`
	ProviderName string    `json:"provider_name" db:"provider_name"`
	Name         string    `json:"name" db:"name"`
	Email        string    `json:"email" db:"email"`
	Message      string    `json:"message" db:"message"`
	Budget       *float64  `json:"budget" db:"budget"`
	Currency     string    `json:"currency" db:"currency"`
	Status       string    `json:"status" db:"status"`
	CreatedAt    time.Time `json:"created_at" db:"created_at"`
}

const (
	applicationColumns = `id, job_id, job_title, name, email, phone, resume_url, resume_text, cover_letter, status, created_at`
	inquiryColumns     = `id, provider_id, provider_name, name, email, message, budget, currency, status, created_at`
)

// submissionKind is one of the two inbox tables: newest first, optionally
// filtered by the job or provider they were sent to.
type submissionKind[T any] struct {
	table, columns, parent, noun string
}

var (
	applications = submissionKind[application]{"applications", applicationColumns, "job_id", "application"}
	inquiries    = submissionKind[inquiry]{"project_inquiries", inquiryColumns, "provider_id", "inquiry"}
)

func (k submissionKind[T]) list(ctx context.Context, tx pgx.Tx, pg page, parent int64) ([]T, error) {
	rows, err := tx.Query(ctx, `SELECT `+k.columns+` FROM `+k.table+`
		WHERE ($1::bigint = 0 OR id < $1::bigint) AND ($2::bigint = 0 OR `+k.parent+` = $2::bigint) ORDER BY id DESC LIMIT $3`,
		pg.after, parent, pg.limit+1)
	if err != nil {
		return nil, translate(err, k.table)
	}
	items, err := pgx.CollectRows(rows, pgx.RowToStructByName[T])
	return items, translate(err, k.table)
}

func (k submissionKind[T]) get(ctx context.Context, tx pgx.Tx, id int64) (T, error) {
	rows, err := tx.Query(ctx, `SELECT `+k.columns+` FROM `+k.table+` WHERE id = $1`, id)
	if err != nil {
		var zero T
		return zero, translate(err, k.table)
	}
	item, err := pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[T])
	if err == pgx.ErrNoRows {
		return item, domain.Errorf(domain.CodeNotFound, "%s %d not found", k.noun, id)
	}
	return item, translate(err, k.table)
}

func listSubmissions[T any](h *Handler, w http.ResponseWriter, r *http.Request, t domain.Tenant, k submissionKind[T], id func(T) int64) {
	pg, err := readPage(r)
	var parent int64
	if v := r.URL.Query().Get(k.parent); err == nil && v != "" {
		if parent, err = strconv.ParseInt(v, 10, 64); err != nil || parent <= 0 {
			err = domain.FieldError(k.parent, "must be a positive integer id")
		}
	}
	var items []T
	if err == nil {
		err = h.inTenant(r.Context(), t, func(tx pgx.Tx) (err error) {
			items, err = k.list(r.Context(), tx, pg, parent)
			return err
		})
	}
	if err != nil {
		h.writeErr(w, r, err)
		return
	}
	writePage(w, items, pg, id)
}

func getSubmission[T any](h *Handler, w http.ResponseWriter, r *http.Request, t domain.Tenant, k submissionKind[T]) {
	id, err := pathID(r)
	var item T
	if err == nil {
		err = h.inTenant(r.Context(), t, func(tx pgx.Tx) (err error) {
			item, err = k.get(r.Context(), tx, id)
			return err
		})
	}
	if err != nil {
		h.writeErr(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, item)
}

func (h *Handler) listApplications(w http.ResponseWriter, r *http.Request, t domain.Tenant) {
	listSubmissions(h, w, r, t, applications, func(a application) int64 { return a.ID })
}

func (h *Handler) getApplication(w http.ResponseWriter, r *http.Request, t domain.Tenant) {
	getSubmission(h, w, r, t, applications)
}

func (h *Handler) listInquiries(w http.ResponseWriter, r *http.Request, t domain.Tenant) {
	listSubmissions(h, w, r, t, inquiries, func(q inquiry) int64 { return q.ID })
}

func (h *Handler) getInquiry(w http.ResponseWriter, r *http.Request, t domain.Tenant) {
	getSubmission(h, w, r, t, inquiries)
}
