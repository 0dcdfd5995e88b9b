package counts

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/zumodra/zumodra/internal/kind"
)

// CountViews wraps next, the detail page of one row of cat at a path whose
// "id" value starts with the row's public id ("45" or "45-its-slug"), and
// counts a view once next answered 200 or 304 to a Countable request:
// cached and revalidated pages count, redirects and errors do not, so only
// ids of rows that exist are ever held. A nil Counter counts nothing.
func (c *Counter) CountViews(cat kind.Catalog, next http.HandlerFunc) http.HandlerFunc {
	if c == nil {
		return next
	}
	return func(w http.ResponseWriter, r *http.Request) {
		if !Countable(r) {
			next.ServeHTTP(w, r)
			return
		}
		sw := &statusWriter{ResponseWriter: w}
		next.ServeHTTP(sw, r)
		if sw.status != http.StatusOK && sw.status != http.StatusNotModified {
			return
		}
		seg, _, _ := strings.Cut(r.PathValue("id"), "-")
		if id, err := strconv.ParseInt(seg, 10, 64); err == nil && id > 0 {
			c.Add(cat, id, View)
		}
	}
}

// statusWriter remembers the status a handler answered with.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 && code >= 200 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the connection's writer.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
