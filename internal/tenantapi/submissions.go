package tenantapi

import (
	"net/http"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/httpx"
	"github.com/zumodra/zumodra/internal/inbox"
)

// inboxFilter reads an inbox's query parameters: status (comma-separated),
// job_id or provider_id, since (RFC 3339) and the page.
func inboxFilter(r *http.Request, k inbox.Kind) (inbox.Filter, page, error) {
	pg, err := readPage(r)
	if err != nil {
		return inbox.Filter{}, pg, err
	}
	q := r.URL.Query()
	f := inbox.Filter{Before: pg.after, Limit: pg.limit + 1}
	if f.Statuses, err = k.ParseStatuses(q.Get("status")); err != nil {
		return f, pg, err
	}
	if v := q.Get(k.ParentField()); v != "" {
		if f.Parent, err = strconv.ParseInt(v, 10, 64); err != nil || f.Parent <= 0 {
			return f, pg, domain.FieldError(k.ParentField(), "must be a positive integer id")
		}
	}
	if v := q.Get("since"); v != "" {
		since, err := time.Parse(time.RFC3339, v)
		if err != nil {
			return f, pg, domain.FieldError("since", "must be an RFC 3339 date-time such as 2026-12-01T00:00:00Z")
		}
		f.Since = &since
	}
	return f, pg, nil
}

func listSubmissions[T any](h *Handler, w http.ResponseWriter, r *http.Request, t domain.Tenant, k inbox.Kind, id func(T) int64) {
	f, pg, err := inboxFilter(r, k)
	var items []T
	if err == nil {
		items, err = inbox.List[T](r.Context(), h.pool, t, k, f)
	}
	if err != nil {
		h.writeErr(w, r, err)
		return
	}
	writePage(w, items, pg, id)
}

func getSubmission[T any](h *Handler, w http.ResponseWriter, r *http.Request, t domain.Tenant, k inbox.Kind, version func(T) int64) {
	id, err := pathID(r)
	var item T
	if err == nil {
		item, err = inbox.Get[T](r.Context(), h.pool, t, k, id, false)
	}
	if err != nil {
		h.writeErr(w, r, err)
		return
	}
	w.Header().Set("ETag", etag(version(item)))
	httpx.WriteJSON(w, http.StatusOK, item)
}

func submissionHistory(h *Handler, w http.ResponseWriter, r *http.Request, t domain.Tenant, k inbox.Kind) {
	id, err := pathID(r)
	var items []inbox.HistoryEntry
	if err == nil {
		err = pgx.BeginFunc(r.Context(), h.pool, func(tx pgx.Tx) (err error) {
			items, err = inbox.History(r.Context(), tx, t, k, id)
			return err
		})
	}
	if err != nil {
		h.writeErr(w, r, err)
		return
	}
	if items == nil {
		items = []inbox.HistoryEntry{}
	}
	httpx.WriteJSON(w, http.StatusOK, historyBody{Items: items})
}

// historyBody is a submission's history, oldest move first.
type historyBody struct {
	Items []inbox.HistoryEntry `json:"items"`
}

func (h *Handler) listApplications(w http.ResponseWriter, r *http.Request, t domain.Tenant) {
	listSubmissions(h, w, r, t, inbox.Applications, func(a inbox.Application) int64 { return a.ID })
}

func (h *Handler) getApplication(w http.ResponseWriter, r *http.Request, t domain.Tenant) {
	getSubmission(h, w, r, t, inbox.Applications, func(a inbox.Application) int64 { return a.Version })
}

func (h *Handler) listInquiries(w http.ResponseWriter, r *http.Request, t domain.Tenant) {
	listSubmissions(h, w, r, t, inbox.Inquiries, func(q inbox.Inquiry) int64 { return q.ID })
}

func (h *Handler) getInquiry(w http.ResponseWriter, r *http.Request, t domain.Tenant) {
	getSubmission(h, w, r, t, inbox.Inquiries, func(q inbox.Inquiry) int64 { return q.Version })
}
