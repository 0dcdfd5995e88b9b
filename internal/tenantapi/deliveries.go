package tenantapi

import (
	"net/http"
	"slices"
	"strconv"

	"github.com/jackc/pgx/v5"

	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/httpx"
	"github.com/zumodra/zumodra/internal/notify"
)

// deliveryStates are the states a delivery list may be filtered by.
var deliveryStates = []string{notify.StatePending, notify.StateDelivered, notify.StateDead}

// listDeliveries serves the tenant's deliveries, newest first, filtered
// by endpoint_id and state.
func (h *Handler) listDeliveries(w http.ResponseWriter, r *http.Request, t domain.Tenant) {
	pg, err := readPage(r)
	f := notify.DeliveryFilter{Before: pg.after, Limit: pg.limit + 1, State: r.URL.Query().Get("state")}
	if err == nil && f.State != "" && !slices.Contains(deliveryStates, f.State) {
		err = domain.FieldError("state", "must be one of pending, delivered, dead")
	}
	if v := r.URL.Query().Get("endpoint_id"); err == nil && v != "" {
		if f.Endpoint, err = strconv.ParseInt(v, 10, 64); err != nil || f.Endpoint <= 0 {
			err = domain.FieldError("endpoint_id", "must be a positive integer id")
		}
	}
	var items []notify.Delivery
	if err == nil {
		items, err = notify.Deliveries(r.Context(), h.pool, t.ID, f)
	}
	if err != nil {
		h.writeErr(w, r, err)
		return
	}
	writePage(w, items, pg, func(d notify.Delivery) int64 { return d.ID })
}

// getDelivery serves one delivery with the log of its attempts.
func (h *Handler) getDelivery(w http.ResponseWriter, r *http.Request, t domain.Tenant) {
	id, err := pathID(r)
	var d notify.DeliveryLog
	if err == nil {
		d, err = notify.DeliveryWithLog(r.Context(), h.pool, t.ID, id)
	}
	if err != nil {
		h.writeErr(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, d)
}

// replayDelivery makes a delivery due now, whatever its state: the same
// event (same webhook-id) goes out again, freshly signed.
func (h *Handler) replayDelivery(w http.ResponseWriter, r *http.Request, t domain.Tenant) {
	id, err := pathID(r)
	var d notify.DeliveryLog
	if err == nil {
		err = h.inTenant(r.Context(), t, func(tx pgx.Tx) (err error) {
			d, err = notify.Replay(r.Context(), tx, t.ID, id)
			return err
		})
	}
	if err != nil {
		h.writeErr(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusAccepted, d)
}

// getSettings serves the tenant's notification settings.
func (h *Handler) getSettings(w http.ResponseWriter, r *http.Request, t domain.Tenant) {
	s, err := notify.GetSettings(r.Context(), h.pool, t.ID)
	h.writeVersioned(w, r, err, http.StatusOK, s, s.Version)
}

// patchSettings changes the notification address under If-Match.
func (h *Handler) patchSettings(w http.ResponseWriter, r *http.Request, t domain.Tenant) {
	version, raw, ok := h.conditionalBody(w, r)
	if !ok {
		return
	}
	var s notify.Settings
	err := h.inTenant(r.Context(), t, func(tx pgx.Tx) error {
		cur, err := notify.GetSettings(r.Context(), tx, t.ID)
		if err != nil {
			return err
		}
		in := notify.SettingsInput{Email: cur.Email}
		if err := decodeStrict(raw, &in); err != nil {
			return err
		}
		s, err = notify.UpdateSettings(r.Context(), tx, t.ID, version, in)
		return semanticInvalid(err)
	})
	h.writeVersioned(w, r, err, http.StatusOK, s, s.Version)
}
