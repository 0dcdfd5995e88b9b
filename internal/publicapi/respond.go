package publicapi

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	"github.com/zumodra/zumodra/internal/domain"
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

// serveCached answers from the body cache when it holds this request URI,
// and reports whether it did.
func (h *Handler) serveCached(w http.ResponseWriter, r *http.Request) bool {
	b, ok := h.bodies.Get(r.URL.RequestURI())
	if ok {
		h.writeBody(w, r, b)
	}
	return ok
}

// writeCached writes v as JSON with a strong ETag over the exact body and a
// short public Cache-Control, or 304 when the client already holds it.
func (h *Handler) writeCached(w http.ResponseWriter, r *http.Request, v any) {
	body, err := json.Marshal(v)
	if err != nil {
		h.fail(w, r, fmt.Errorf("encode response: %w", err))
		return
	}
	body = append(body, '\n')
	sum := sha256.Sum256(body)
	b := cachedBody{body: body, etag: `"` + base64.RawURLEncoding.EncodeToString(sum[:18]) + `"`}
	h.bodies.Put(r.URL.RequestURI(), b)
	h.writeBody(w, r, b)
}

func (h *Handler) writeBody(w http.ResponseWriter, r *http.Request, b cachedBody) {
	hd := w.Header()
	hd.Set("ETag", b.etag)
	hd.Set("Cache-Control", h.cacheControl)
	if etagMatches(r.Header.Get("If-None-Match"), b.etag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	hd.Set("Content-Type", "application/json")
	hd.Set("X-Content-Type-Options", "nosniff")
	_, _ = w.Write(b.body)
}

// etagMatches applies If-None-Match's weak comparison (RFC 9110 13.1.2):
// "*" or any listed tag equal to ours once W/ is ignored.
func etagMatches(header, etag string) bool {
	if header == "" {
		return false
	}
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimPrefix(strings.TrimSpace(t), "W/")
		if t == "*" || t == etag {
			return true
		}
	}
	return false
}

// notFound is the error for a well-formed id with no public row.
func notFound(what string) error {
	return domain.Errorf(domain.CodeNotFound, "%s not found", what)
}

// getOne answers a GET of one catalog row by public id: what the job and
// provider detail routes share, load being the store's lookup.
func getOne[T any](h *Handler, w http.ResponseWriter, r *http.Request, kind string, load func(context.Context, int64) (T, error)) {
	if h.serveCached(w, r) {
		return
	}
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
	h.writeCached(w, r, map[string]any{"data": row})
}
