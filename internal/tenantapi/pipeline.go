package tenantapi

import (
	"encoding/json"
	"net/http"

	"github.com/jackc/pgx/v5"

	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/httpx"
	"github.com/zumodra/zumodra/internal/inbox"
)

// moveSubmission serves POST .../{id}/status: {"status": ..., "note": ...}
// with If-Match naming the version the move was decided on. It answers the
// submission as it is after the move, with its new ETag.
func moveSubmission[T any](h *Handler, w http.ResponseWriter, r *http.Request, t domain.Tenant, k inbox.Kind) {
	id, err := pathID(r)
	if err != nil {
		h.writeErr(w, r, err)
		return
	}
	version, ok := ifMatch(w, r)
	if !ok {
		return
	}
	var m inbox.Move
	var raw json.RawMessage
	if err = readBody(w, r, &raw); err == nil {
		err = decodeStrict(raw, &m)
	}
	if err != nil {
		h.writeErr(w, r, err)
		return
	}
	m.Version, m.Actor = version, actor(r)
	var item T
	var moved inbox.Moved
	// inTenant, so an Idempotency-Key is claimed with the move and its
	// answer recorded, as on every other write.
	err = h.inTenant(r.Context(), t, func(tx pgx.Tx) error {
		if moved, err = inbox.ChangeStatus(r.Context(), tx, t, k, id, m); err != nil {
			return err
		}
		item, err = inbox.Get[T](r.Context(), tx, t, k, id, false)
		return err
	})
	if err != nil {
		h.writeErr(w, r, semantic(err))
		return
	}
	w.Header().Set("ETag", etag(moved.Version))
	httpx.WriteJSON(w, http.StatusOK, item)
}

func (h *Handler) moveApplication(w http.ResponseWriter, r *http.Request, t domain.Tenant) {
	moveSubmission[inbox.Application](h, w, r, t, inbox.Applications)
}

func (h *Handler) moveInquiry(w http.ResponseWriter, r *http.Request, t domain.Tenant) {
	moveSubmission[inbox.Inquiry](h, w, r, t, inbox.Inquiries)
}

func (h *Handler) applicationHistory(w http.ResponseWriter, r *http.Request, t domain.Tenant) {
	submissionHistory(h, w, r, t, inbox.Applications)
}

func (h *Handler) inquiryHistory(w http.ResponseWriter, r *http.Request, t domain.Tenant) {
	submissionHistory(h, w, r, t, inbox.Inquiries)
}
