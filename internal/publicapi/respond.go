package publicapi

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/httpx"
	"github.com/zumodra/zumodra/internal/viewcache"
)

// allowAnyOrigin lets pages on any site read the API: it is public data and
// no request carries credentials.
func allowAnyOrigin(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Access-Control-Allow-Origin", "*")
		h.Set("Access-Control-Expose-Headers", "ETag, Link, Retry-After")
		next.ServeHTTP(w, r)
	})
}

// preflight answers a CORS preflight for the GET routes.
func preflight(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Access-Control-Allow-Methods", "GET, HEAD, OPTIONS")
	h.Set("Access-Control-Allow-Headers", "Accept, Accept-Language, Content-Language, If-None-Match")
	h.Set("Access-Control-Max-Age", "86400")
	h.Set("Allow", "GET, HEAD, OPTIONS")
	w.WriteHeader(http.StatusNoContent)
}

// writeJSON writes v as a 200 JSON body. The views around the routes
// (internal/viewcache) add the ETag, answer 304 and keep the body for the
// next identical request of the same catalog version.
func (h *Handler) writeJSON(w http.ResponseWriter, r *http.Request, v any) {
	buf := httpx.GetBuffer()
	defer httpx.PutBuffer(buf)
	if err := json.NewEncoder(buf).Encode(v); err != nil { // Encode ends the body with a newline
		h.fail(w, r, fmt.Errorf("encode response: %w", err))
		return
	}
	hd := w.Header()
	hd.Set("Cache-Control", viewcache.CacheControl)
	hd.Set("Content-Type", "application/json")
	hd.Set("X-Content-Type-Options", "nosniff")
	_, _ = w.Write(buf.Bytes())
}

// notFound is the error for a well-formed id with no public row.
func notFound(what string) error {
	return domain.Errorf(domain.CodeNotFound, "%s not found", what)
}

// getOne answers a GET of one catalog row by public id: what the job and
// provider detail routes share, load being the store's lookup.
func getOne[T any](h *Handler, w http.ResponseWriter, r *http.Request, kind string, load func(context.Context, int64) (T, error)) {
	if err := parseParams(r).Err(); err != nil {
		h.fail(w, r, err)
		return
	}
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	row, err := load(r.Context(), id)
	if domain.IsNotFound(err) {
		err = notFound(kind)
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.writeJSON(w, r, map[string]any{"data": row})
}
