package httpx

import (
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"strings"
)

// etagged are the media types ETag tags: pages and XML documents, whose
// handlers have no version of their own to name.
var etagged = map[string]bool{"text/html": true, "application/xml": true, "application/rss+xml": true, "application/atom+xml": true}

// ETag gives a GET or HEAD 200 page that has no ETag a weak one, a hash
// of its body, and answers If-None-Match with 304 when it matches: a
// visitor's browser revalidates a page it has without downloading it
// again. Weak, because the body is the page as rendered, not a byte
// range anyone could ask for. Responses that stream (a flush, an event
// stream) or say no-store pass through as they are.
func ETag() Middleware {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.Method != http.MethodGet && r.Method != http.MethodHead {
				next.ServeHTTP(w, r)
				return
			}
			ew := &etagWriter{ResponseWriter: w}
			next.ServeHTTP(ew, r)
			ew.finish(r)
		})
	}
}

// etagWriter holds a taggable body until the handler returns.
type etagWriter struct {
	http.ResponseWriter
	status  int
	holding bool
	buf     []byte
}

func (w *etagWriter) WriteHeader(code int) {
	if w.status != 0 {
		return
	}
	if code >= 100 && code < 200 {
		w.ResponseWriter.WriteHeader(code)
		return
	}
	w.status = code
	h := w.Header()
	w.holding = code == http.StatusOK && h.Get("ETag") == "" && etagged[mediaType(h)] &&
		!strings.Contains(h.Get("Cache-Control"), "no-store")
	if !w.holding {
		w.ResponseWriter.WriteHeader(code)
	}
}

func (w *etagWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		if w.Header().Get("Content-Type") == "" {
			w.Header().Set("Content-Type", http.DetectContentType(b))
		}
		w.WriteHeader(http.StatusOK)
	}
	if !w.holding {
		return w.ResponseWriter.Write(b)
	}
	w.buf = append(w.buf, b...)
	return len(b), nil
}

// Flush means the handler streams: what is held goes out untagged.
func (w *etagWriter) Flush() {
	if w.status == 0 {
		w.WriteHeader(http.StatusOK)
	}
	w.release()
	_ = http.NewResponseController(w.ResponseWriter).Flush()
}

func (w *etagWriter) release() {
	if !w.holding {
		return
	}
	w.holding = false
	w.ResponseWriter.WriteHeader(w.status)
	_, _ = w.ResponseWriter.Write(w.buf)
	w.buf = nil
}

// finish tags the held body and sends it, or a 304.
func (w *etagWriter) finish(r *http.Request) {
	if !w.holding {
		return
	}
	sum := sha256.Sum256(w.buf)
	tag := `W/"` + base64.RawURLEncoding.EncodeToString(sum[:18]) + `"`
	w.Header().Set("ETag", tag)
	if NoneMatch(r.Header.Get("If-None-Match"), tag) {
		w.holding = false
		h := w.Header()
		h.Del("Content-Type")
		h.Del("Content-Length")
		w.ResponseWriter.WriteHeader(http.StatusNotModified)
		return
	}
	w.release()
}

// NoneMatch reports whether If-None-Match's value names tag under the
// weak comparison (RFC 9110 13.1.2): W/ prefixes are ignored, * matches.
func NoneMatch(header, tag string) bool {
	want := strings.TrimPrefix(tag, "W/")
	for v := range strings.SplitSeq(header, ",") {
		v = strings.TrimSpace(v)
		if v == "*" || strings.TrimPrefix(v, "W/") == want {
			return true
		}
	}
	return false
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (w *etagWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
