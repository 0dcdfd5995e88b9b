package publicapi

import "net/http"

// browse serves a list read without parameters (categories, locations,
// stats) as {"data": ...}.
func browse[T any](h *Handler, read func(*http.Request) (T, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if err := parseParams(r).Err(); err != nil {
			h.fail(w, r, err)
			return
		}
		v, err := read(r)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		h.writeJSON(w, r, map[string]any{"data": v})
	}
}
