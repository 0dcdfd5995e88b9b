package admin

import (
	"context"
	"fmt"
	"net/http"
	"strconv"

	"github.com/jackc/pgx/v5"

	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/httpx"
	"github.com/zumodra/zumodra/internal/notify"
	"github.com/zumodra/zumodra/internal/ops"
	"github.com/zumodra/zumodra/internal/outbox"
	"github.com/zumodra/zumodra/internal/source"
)

// The actions, shared by the form and JSON routes. Each returns a short
// message for the operator.

// retryDead makes one dead letter pending again.
func (h *Handler) retryDead(ctx context.Context, idText string) (string, error) {
	id, err := strconv.ParseInt(idText, 10, 64)
	if err != nil || id <= 0 {
		return "", domain.FieldError("id", "not a dead letter id")
	}
	n, err := outbox.RetryDead(ctx, h.pool, 0, []int64{id})
	if err != nil {
		return "", err
	}
	if n == 0 {
		return "", domain.Errorf(domain.CodeNotFound, "dead letter %d not found (already retried?)", id)
	}
	h.log.InfoContext(ctx, "admin: dead letter retried", "outbox_id", id)
	return fmt.Sprintf("Dead letter %d queued again.", id), nil
}

// replayDelivery sends a notification delivery of any tenant again.
func (h *Handler) replayDelivery(ctx context.Context, idText string) (string, error) {
	id, err := strconv.ParseInt(idText, 10, 64)
	if err != nil || id <= 0 {
		return "", domain.FieldError("id", "not a delivery id")
	}
	tenantID, err := notify.ReplayAny(ctx, h.pool, id)
	if err != nil {
		return "", err
	}
	h.log.InfoContext(ctx, "admin: delivery replayed", "delivery_id", id, "tenant_id", tenantID)
	return fmt.Sprintf("Delivery %d queued again.", id), nil
}

// resyncTenant queues a full resync of the tenant's catalogs for the
// workers, as sync-public-catalogs --async does.
func (h *Handler) resyncTenant(ctx context.Context, slug string) (string, error) {
	t, err := h.tenant(ctx, slug)
	if err != nil {
		return "", err
	}
	err = pgx.BeginFunc(ctx, h.pool, func(tx pgx.Tx) error {
		for _, e := range []outbox.Entity{outbox.EntityTenantJobs, outbox.EntityTenantProviders} {
			if err := outbox.Enqueue(ctx, tx, t.ID, e, 0); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return "", err
	}
	h.log.InfoContext(ctx, "admin: tenant resync queued", "tenant", t.Slug)
	return fmt.Sprintf("Resync of %s queued for the workers.", t.Name), nil
}

// verifyTenant verifies one tenant now and records the result.
func (h *Handler) verifyTenant(ctx context.Context, slug string) (ops.Report, string, error) {
	t, err := h.tenant(ctx, slug)
	if err != nil {
		return ops.Report{}, "", err
	}
	rep, err := (&ops.Verifier{Pool: h.pool, Log: h.log}).Verify(ctx, ops.VerifyOptions{TenantSlugs: []string{t.Slug}})
	if err != nil {
		return rep, "", err
	}
	return rep, fmt.Sprintf("Verified %s: %d discrepancies.", t.Name, rep.Discrepancies()), nil
}

func (h *Handler) tenant(ctx context.Context, slug string) (domain.Tenant, error) {
	if err := domain.ValidateSlug(slug); err != nil {
		return domain.Tenant{}, domain.Errorf(domain.CodeNotFound, "tenant %q not found", slug)
	}
	return source.LoadTenantBySlug(ctx, h.pool, slug)
}

// Form handlers: act, then back to the page with the outcome as a flash.

func (h *Handler) formRetry(w http.ResponseWriter, r *http.Request, _ caller) {
	msg, err := h.retryDead(r.Context(), r.PathValue("id"))
	h.redirectWith(w, r, msg, err)
}

func (h *Handler) formReplay(w http.ResponseWriter, r *http.Request, _ caller) {
	msg, err := h.replayDelivery(r.Context(), r.PathValue("id"))
	h.redirectWith(w, r, msg, err)
}

func (h *Handler) formResync(w http.ResponseWriter, r *http.Request, _ caller) {
	msg, err := h.resyncTenant(r.Context(), r.PathValue("slug"))
	h.redirectWith(w, r, msg, err)
}

func (h *Handler) formVerify(w http.ResponseWriter, r *http.Request, _ caller) {
	_, msg, err := h.verifyTenant(r.Context(), r.PathValue("slug"))
	h.redirectWith(w, r, msg, err)
}

// redirectWith sends the browser back to the page (POST-redirect-GET) with
// a short message in the query string, which the page shows as text.
func (h *Handler) redirectWith(w http.ResponseWriter, r *http.Request, msg string, err error) {
	if err != nil {
		switch httpx.CodeOf(err) {
		case domain.CodeUnavailable:
			h.log.WarnContext(r.Context(), "admin action: database unavailable", "path", r.URL.Path, "error", err)
			msg = "Failed: the database is busy or unreachable; try again in a few seconds"
		case domain.CodeInternal:
			h.log.ErrorContext(r.Context(), "admin action failed", "path", r.URL.Path, "error", err)
			msg = "Failed: " + domain.ErrorMessage(err)
		default:
			msg = "Failed: " + domain.ErrorMessage(err)
		}
	}
	http.Redirect(w, r, "/admin/?flash="+urlQueryEscape(msg), http.StatusSeeOther)
}
