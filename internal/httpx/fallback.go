package httpx

import (
	"net/http"
	"strings"
)

// Routed serves mux, and answers what none of its routes take in the site's
// own terms: ServeMux's 404 and 405 are plain text, so an unknown path or a
// wrong method gets a problem document under /api/ (and /admin/api/), or
// page's HTML for every other path, with the Allow header the mux computed
// from its routes. An OPTIONS of a path that exists is answered 204 with
// Allow. A nil page answers problem documents everywhere.
func Routed(mux *http.ServeMux, page func(http.ResponseWriter, *http.Request, int)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h, pattern := mux.Handler(r)
		if pattern != "" { // a route, or the mux's redirect to a clean path
			notePattern(r, pattern)
			mux.ServeHTTP(w, r)
			return
		}
		status, allow := unmatched(h, r)
		if allow != "" {
			w.Header().Set("Allow", allow)
		}
		switch {
		case r.Method == http.MethodOptions && status == http.StatusMethodNotAllowed:
			w.WriteHeader(http.StatusNoContent) // OPTIONS asks which methods a path takes: Allow says
		case page == nil || isAPI(r.URL.Path):
			WriteProblem(w, Problem{Status: status, Instance: r.URL.Path, Detail: unroutedDetail(status, allow)})
		default:
			page(w, r, status)
		}
	})
}

// unmatched runs the mux's own answer to a request no route took into a
// recorder, for its status (404 or 405) and Allow header.
func unmatched(h http.Handler, r *http.Request) (status int, allow string) {
	rec := &statusRecorder{header: http.Header{}, status: http.StatusOK}
	h.ServeHTTP(rec, r)
	return rec.status, rec.header.Get("Allow")
}

// isAPI tells the JSON paths, whose clients read problem documents, from
// the pages.
func isAPI(path string) bool {
	return strings.HasPrefix(path, "/api/") || strings.HasPrefix(path, "/admin/api/")
}

func unroutedDetail(status int, allow string) string {
	if status == http.StatusMethodNotAllowed {
		return "this path takes only " + allow
	}
	return "no such API path; the operations are listed in /api/openapi.json"
}

// statusRecorder keeps a handler's status and headers and drops its body.
type statusRecorder struct {
	header http.Header
	status int
}

func (s *statusRecorder) Header() http.Header         { return s.header }
func (s *statusRecorder) Write(b []byte) (int, error) { return len(b), nil }
func (s *statusRecorder) WriteHeader(code int)        { s.status = code }
