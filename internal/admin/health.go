package admin

import (
	"context"
	"net/http"
	"time"

	"github.com/zumodra/zumodra/internal/httpx"
	"github.com/zumodra/zumodra/internal/migrate"
)

// readinessTTL bounds how often /readyz reads the migration status of every
// schema (one query per tenant schema); the database ping is never cached.
const readinessTTL = 30 * time.Second

type readiness struct {
	at      time.Time
	pending int // migrations pending over all schemas
	err     error
}

// healthz says the process is up: no dependency is checked, so a database
// outage does not get the process restarted.
func (h *Handler) healthz(w http.ResponseWriter, _ *http.Request) {
	httpx.WriteJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}

// readyz says whether this process can serve: the database answers and no
// migration is pending.
func (h *Handler) readyz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 3*time.Second)
	defer cancel()
	if err := h.pool.Ping(ctx); err != nil {
		h.notReady(w, r, "database unreachable")
		return
	}
	st := h.migrations(ctx)
	switch {
	case st.err != nil:
		h.log.WarnContext(ctx, "readyz: migration status", "error", st.err)
		h.notReady(w, r, "migration status unreadable")
	case st.pending > 0:
		h.notReady(w, r, "migrations pending: run zumodra migrate")
	default:
		httpx.WriteJSON(w, http.StatusOK, map[string]string{"status": "ready", "database": "ok", "migrations": "current"})
	}
}

func (h *Handler) notReady(w http.ResponseWriter, r *http.Request, detail string) {
	httpx.WriteProblem(w, httpx.Problem{Status: http.StatusServiceUnavailable, Detail: detail, Instance: r.URL.Path})
}

func (h *Handler) migrations(ctx context.Context) readiness {
	h.readyMu.Lock()
	defer h.readyMu.Unlock()
	if h.ready.err == nil && !h.ready.at.IsZero() && h.ready.pending == 0 && h.now().Sub(h.ready.at) < readinessTTL {
		return h.ready
	}
	shared, tenants, err := migrate.Status(ctx, h.pool, nil)
	st := readiness{at: h.now(), err: err, pending: shared.Pending()}
	for _, t := range tenants {
		st.pending += t.Pending()
	}
	h.ready = st
	return st
}
