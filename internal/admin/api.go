package admin

import (
	"net/http"
	"net/url"

	"github.com/zumodra/zumodra/internal/httpx"
	"github.com/zumodra/zumodra/internal/outbox"
)

func (h *Handler) apiOverview(w http.ResponseWriter, r *http.Request, _ caller) {
	ov, err := h.overview(r.Context())
	if err != nil {
		httpx.WriteError(w, r, h.log, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, ov)
}

func (h *Handler) apiTenants(w http.ResponseWriter, r *http.Request, _ caller) {
	ts, err := h.tenantStats(r.Context())
	if err != nil {
		httpx.WriteError(w, r, h.log, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, map[string]any{"tenants": ts})
}

func (h *Handler) apiDeadLetters(w http.ResponseWriter, r *http.Request, _ caller) {
	dead, err := outbox.ListDead(r.Context(), h.pool, outbox.DeadFilter{Limit: 500})
	if err != nil {
		httpx.WriteError(w, r, h.log, err)
		return
	}
	if dead == nil {
		dead = []outbox.Entry{}
	}
	httpx.WriteJSON(w, http.StatusOK, map[string]any{"dead_letters": dead})
}

func (h *Handler) apiRetry(w http.ResponseWriter, r *http.Request, _ caller) {
	msg, err := h.retryDead(r.Context(), r.PathValue("id"))
	h.apiResult(w, r, msg, err)
}

func (h *Handler) apiReplay(w http.ResponseWriter, r *http.Request, _ caller) {
	msg, err := h.replayDelivery(r.Context(), r.PathValue("id"))
	h.apiResult(w, r, msg, err)
}

func (h *Handler) apiResync(w http.ResponseWriter, r *http.Request, _ caller) {
	msg, err := h.resyncTenant(r.Context(), r.PathValue("slug"))
	h.apiResult(w, r, msg, err)
}

func (h *Handler) apiVerify(w http.ResponseWriter, r *http.Request, _ caller) {
	rep, msg, err := h.verifyTenant(r.Context(), r.PathValue("slug"))
	if err != nil {
		httpx.WriteError(w, r, h.log, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, map[string]any{"message": msg, "report": rep})
}

func (h *Handler) apiResult(w http.ResponseWriter, r *http.Request, msg string, err error) {
	if err != nil {
		httpx.WriteError(w, r, h.log, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, map[string]string{"message": msg})
}

func urlQueryEscape(s string) string { return url.QueryEscape(s) }
