package tenantapi

import (
	"encoding/json"
	"net/http"
	"strconv"

	"github.com/jackc/pgx/v5"

	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/httpx"
	"github.com/zumodra/zumodra/internal/notify"
)

// WithWebhooks sets how endpoints are checked (which addresses they may
// name) and how long a rotated secret still signs.
func WithWebhooks(e notify.Endpoints) Option { return func(h *Handler) { h.webhooks = e } }

const webhooksPath = "/api/v1/tenant/webhook-endpoints"

// webhookRoutes registers the endpoints, their deliveries and the
// notification settings.
func (h *Handler) webhookRoutes(mux *http.ServeMux) {
	mux.Handle("GET "+webhooksPath, h.authed(h.listEndpoints))
	mux.Handle("POST "+webhooksPath, h.authed(h.createEndpoint))
	mux.Handle("GET "+webhooksPath+"/{id}", h.authed(h.getEndpoint))
	mux.Handle("PATCH "+webhooksPath+"/{id}", h.authed(h.patchEndpoint))
	mux.Handle("DELETE "+webhooksPath+"/{id}", h.authed(h.deleteEndpoint))
	mux.Handle("POST "+webhooksPath+"/{id}/rotate-secret", h.authed(h.rotateSecret))
	mux.Handle("GET /api/v1/tenant/deliveries", h.authed(h.listDeliveries))
	mux.Handle("GET /api/v1/tenant/deliveries/{id}", h.authed(h.getDelivery))
	mux.Handle("POST /api/v1/tenant/deliveries/{id}/replay", h.authed(h.replayDelivery))
	mux.Handle("GET /api/v1/tenant/notification-settings", h.authed(h.getSettings))
	mux.Handle("PATCH /api/v1/tenant/notification-settings", h.authed(h.patchSettings))
}

func (h *Handler) listEndpoints(w http.ResponseWriter, r *http.Request, t domain.Tenant) {
	pg, err := readPage(r)
	var items []notify.Endpoint
	if err == nil {
		items, err = h.webhooks.List(r.Context(), h.pool, t.ID, pg.after, pg.limit+1)
	}
	if err != nil {
		h.writeErr(w, r, err)
		return
	}
	writePage(w, items, pg, func(e notify.Endpoint) int64 { return e.ID })
}

func (h *Handler) createEndpoint(w http.ResponseWriter, r *http.Request, t domain.Tenant) {
	var in notify.EndpointInput
	var raw json.RawMessage
	err := readBody(w, r, &raw)
	if err == nil {
		err = decodeStrict(raw, &in)
	}
	var s notify.Secret
	if err == nil {
		err = h.inTenant(r.Context(), t, func(tx pgx.Tx) (err error) {
			s, err = h.webhooks.Create(r.Context(), tx, t.ID, in)
			return semanticInvalid(err)
		})
	}
	if err != nil {
		h.writeErr(w, r, err)
		return
	}
	w.Header().Set("Location", webhooksPath+"/"+strconv.FormatInt(s.ID, 10))
	w.Header().Set("ETag", etag(s.Version))
	httpx.WriteJSON(w, http.StatusCreated, s)
}

func (h *Handler) getEndpoint(w http.ResponseWriter, r *http.Request, t domain.Tenant) {
	id, err := pathID(r)
	var e notify.Endpoint
	if err == nil {
		e, err = h.webhooks.Get(r.Context(), h.pool, t.ID, id)
	}
	h.writeVersioned(w, r, err, http.StatusOK, e, e.Version)
}

// patchEndpoint lays the body's fields over the endpoint: url,
// description, events (the whole list) and active.
func (h *Handler) patchEndpoint(w http.ResponseWriter, r *http.Request, t domain.Tenant) {
	id, err := pathID(r)
	if err != nil {
		h.writeErr(w, r, err)
		return
	}
	version, raw, ok := h.conditionalBody(w, r)
	if !ok {
		return
	}
	// A body of the wrong shape is refused (400) before anything is read;
	// only the values' rules are 422.
	if err := decodeStrict(raw, &notify.EndpointInput{}); err != nil {
		h.writeErr(w, r, err)
		return
	}
	var e notify.Endpoint
	err = h.inTenant(r.Context(), t, func(tx pgx.Tx) (err error) {
		e, err = h.webhooks.Update(r.Context(), tx, t.ID, id, version, func(in *notify.EndpointInput) error { return decodeStrict(raw, in) })
		return semanticInvalid(err)
	})
	h.writeVersioned(w, r, err, http.StatusOK, e, e.Version)
}

func (h *Handler) deleteEndpoint(w http.ResponseWriter, r *http.Request, t domain.Tenant) {
	id, err := pathID(r)
	if err != nil {
		h.writeErr(w, r, err)
		return
	}
	version, ok := ifMatch(w, r)
	if !ok {
		return
	}
	err = h.inTenant(r.Context(), t, func(tx pgx.Tx) error { return h.webhooks.Delete(r.Context(), tx, t.ID, id, version) })
	if err != nil {
		h.writeErr(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// rotateSecret answers the endpoint with its new secret, shown this once.
func (h *Handler) rotateSecret(w http.ResponseWriter, r *http.Request, t domain.Tenant) {
	id, err := pathID(r)
	if err != nil {
		h.writeErr(w, r, err)
		return
	}
	version, ok := ifMatch(w, r)
	if !ok {
		return
	}
	var s notify.Secret
	err = h.inTenant(r.Context(), t, func(tx pgx.Tx) (err error) {
		s, err = h.webhooks.Rotate(r.Context(), tx, t.ID, id, version)
		return err
	})
	h.writeVersioned(w, r, err, http.StatusOK, s, s.Version)
}

// writeVersioned answers body with its ETag, or err.
func (h *Handler) writeVersioned(w http.ResponseWriter, r *http.Request, err error, status int, body any, version int64) {
	if err != nil {
		h.writeErr(w, r, err)
		return
	}
	w.Header().Set("ETag", etag(version))
	httpx.WriteJSON(w, status, body)
}

// semanticInvalid marks a notify validation error as 422: the body was
// readable, its values are not.
func semanticInvalid(err error) error {
	if domain.ErrorCode(err) == domain.CodeInvalid {
		return semantic(err)
	}
	return err
}
