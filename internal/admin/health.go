package admin

import (
	"context"
	"net/http"
	"time"

	"github.com/zumodra/zumodra/internal/httpx"
	"github.com/zumodra/zumodra/internal/migrate"
)

// readinessTTL is how often RunReadiness re-reads the migration status of
// every schema (one query per tenant schema); after a failed read it tries
// again every readinessRetry. /readyz only reads the result, so neither the
// load on the site nor a failure makes a probe wait for that read.
const (
	readinessTTL   = 30 * time.Second
	readinessRetry = 2 * time.Second
)

// readyTimeout bounds the probe's one query: a load balancer's probe must
// get its answer well within its own timeout.
const readyTimeout = time.Second

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

// ReadyCheck is one more dependency /readyz reports under Name: Check
// returns what to show, or the reason the process is not ready.
type ReadyCheck struct {
	Name  string
	Check func(context.Context) (any, error)
}

// readyz says whether this process can serve: the database answers a short
// query on the readiness pool (which nothing else uses, so a busy site does
// not delay it), the last migration status read found nothing pending, and
// every ReadyCheck passes.
func (h *Handler) readyz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), readyTimeout)
	defer cancel()
	if err := h.readyPool.Ping(ctx); err != nil {
		h.notReady(w, r, "database unreachable")
		return
	}
	st := h.migrations(ctx)
	switch {
	case st.err != nil:
		h.notReady(w, r, "migration status unreadable")
	case st.pending > 0:
		h.notReady(w, r, "migrations pending: run zumodra migrate")
	default:
		h.readyChecks(w, r)
	}
}

func (h *Handler) readyChecks(w http.ResponseWriter, r *http.Request) {
	out := map[string]any{"status": "ready", "database": "ok", "migrations": "current"}
	for _, c := range h.checks {
		v, err := c.Check(r.Context())
		if err != nil {
			h.notReady(w, r, c.Name+": "+err.Error())
			return
		}
		out[c.Name] = v
	}
	httpx.WriteJSON(w, http.StatusOK, out)
}

func (h *Handler) notReady(w http.ResponseWriter, r *http.Request, detail string) {
	httpx.WriteProblem(w, httpx.Problem{Status: http.StatusServiceUnavailable, Detail: detail, Instance: r.URL.Path})
}

// migrations is the last status read; only the very first probe of a
// process, before RunReadiness has read anything, reads it itself.
func (h *Handler) migrations(ctx context.Context) readiness {
	h.readyMu.Lock()
	defer h.readyMu.Unlock()
	if h.ready.at.IsZero() {
		h.ready = h.readMigrations(ctx)
	}
	return h.ready
}

// RunReadiness keeps the migration status fresh until ctx ends.
func (h *Handler) RunReadiness(ctx context.Context) {
	for {
		st := h.refreshReadiness(ctx)
		wait := readinessTTL
		if st.err != nil {
			wait = readinessRetry
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return
		case <-t.C:
		}
	}
}

func (h *Handler) refreshReadiness(ctx context.Context) readiness {
	st := h.readMigrations(ctx)
	if st.err != nil && ctx.Err() == nil {
		h.log.WarnContext(ctx, "readiness: migration status unreadable", "error", st.err)
	}
	h.readyMu.Lock()
	h.ready = st
	h.readyMu.Unlock()
	return st
}

func (h *Handler) readMigrations(ctx context.Context) readiness {
	shared, tenants, err := migrate.Status(ctx, h.pool, nil)
	st := readiness{at: h.now(), err: err, pending: shared.Pending()}
	for _, t := range tenants {
		st.pending += t.Pending()
	}
	return st
}
