package tenantapi

import (
	"context"
	"net/http"
	"strings"

	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/httpx"
	"github.com/zumodra/zumodra/internal/tenants"
)

// tenantHandler serves one authenticated request for tenant t.
type tenantHandler func(w http.ResponseWriter, r *http.Request, t domain.Tenant)

// authed resolves the Bearer key to its tenant before calling fn. Every
// failure (no header, another scheme, malformed, unknown or revoked key)
// gets the same 401, so a caller learns nothing about which keys exist.
func (h *Handler) authed(fn tenantHandler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t, key, err := h.authenticate(r.Context(), r.Header.Get("Authorization"))
		if domain.ErrorCode(err) == domain.CodeUnauthorized {
			w.Header().Set("WWW-Authenticate", `Bearer realm="zumodra"`)
			// A refusal is about these credentials: no cache may keep it.
			w.Header().Set("Cache-Control", "no-store")
			httpx.WriteProblem(w, httpx.Problem{Status: http.StatusUnauthorized,
				Detail: "a valid API key is required: Authorization: Bearer <key>", Instance: r.URL.Path})
			return
		}
		if err != nil {
			httpx.WriteError(w, r, h.log, err)
			return
		}
		w.Header().Set("Cache-Control", "no-store")
		h.idempotent(w, r.WithContext(context.WithValue(r.Context(), keyContext{}, key)), t, fn)
	})
}

func (h *Handler) authenticate(ctx context.Context, header string) (domain.Tenant, tenants.KeyInfo, error) {
	scheme, secret, ok := strings.Cut(header, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") || secret == "" || strings.ContainsAny(secret, " \t") {
		return domain.Tenant{}, tenants.KeyInfo{}, tenants.ErrBadKey
	}
	t, key, err := h.tenants.AuthenticateKey(ctx, secret)
	if err != nil {
		return t, key, err
	}
	// Defence in depth: the schema is used as an identifier, so it must
	// derive from a valid slug even if someone edited the row by hand.
	if domain.ValidateSlug(t.Slug) != nil || t.SchemaName != domain.SchemaName(t.Slug) {
		h.log.ErrorContext(ctx, "tenant row has an invalid schema name", "tenant_id", t.ID)
		return domain.Tenant{}, tenants.KeyInfo{}, tenants.ErrBadKey
	}
	return t, key, nil
}

type keyContext struct{}

// actor names the API key that made the request, for the records of who
// did what: its public prefix and its name, never its secret.
func actor(r *http.Request) string {
	k, _ := r.Context().Value(keyContext{}).(tenants.KeyInfo)
	a := "api key " + k.Prefix
	if k.Name != "" {
		a += " (" + k.Name + ")"
	}
	return a
}
