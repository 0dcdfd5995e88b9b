package httpx

import (
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"sync"

	"github.com/andybalholm/brotli"
	"github.com/klauspost/compress/gzip"
)

// compressMin is the smallest body worth compressing: below it the
// encoding's framing costs more than it saves.
const compressMin = 512

// compressible are the media types compressed: text the site writes.
// text/event-stream is left out on purpose: a stream must reach the
// client event by event, never held in an encoder's buffer.
var compressible = map[string]bool{
	"text/html": true, "text/css": true, "text/javascript": true, "application/javascript": true,
	"application/json": true, "application/problem+json": true, "application/xml": true, "text/xml": true,
	"application/rss+xml": true, "application/atom+xml": true, "image/svg+xml": true, "text/plain": true,
	"application/manifest+json": true,
}

var (
	gzipPool   = sync.Pool{New: func() any { w, _ := gzip.NewWriterLevel(io.Discard, 5); return w }}
	brotliPool = sync.Pool{New: func() any { return brotli.NewWriterLevel(io.Discard, 4) }}
)

// Compress encodes text responses with brotli or gzip, whichever the
// client prefers (brotli on a tie), and says Vary: Accept-Encoding on
// every response whose encoding could differ. An ETag names one encoded
// form: it gets a suffix ("abc" becomes "abc-br"), and an If-None-Match
// naming that suffix is handed on without it, so the handler's own
// comparison still finds its tag and a 304 names the client's copy.
// Ranges, HEAD, bodies under 512 bytes and streams pass through as they
// are.
func Compress() Middleware {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			enc := negotiate(r.Header.Get("Accept-Encoding"))
			if enc == "" || r.Method == http.MethodHead || r.Header.Get("Range") != "" {
				next.ServeHTTP(&varyWriter{ResponseWriter: w}, r)
				return
			}
			stripped := stripETagSuffix(r, enc)
			cw := &compressWriter{ResponseWriter: w, enc: enc, stripped: stripped}
			next.ServeHTTP(cw, r)
			// Not deferred: after a panic, Recover answers on the
			// writer underneath, and nothing held here may go out first.
			cw.close()
		})
	}
}

// negotiate picks "br", "gzip" or "" (identity) from Accept-Encoding
// (RFC 9110 12.5.3): the highest q wins, brotli on a tie, q=0 refuses.
func negotiate(accept string) string {
	best, bestQ := "", 0.0
	for part := range strings.SplitSeq(accept, ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		q := 1.0
		if v, ok := strings.CutPrefix(strings.TrimSpace(params), "q="); ok {
			f, err := strconv.ParseFloat(v, 64)
			if err != nil {
				continue
			}
			q = f
		}
		for _, enc := range codingsOf(strings.ToLower(strings.TrimSpace(name))) {
			if q > bestQ || (q == bestQ && q > 0 && enc == "br") {
				best, bestQ = enc, q
			}
		}
	}
	return best
}

func codingsOf(name string) []string {
	switch name {
	case "br", "gzip":
		return []string{name}
	case "x-gzip":
		return []string{"gzip"}
	case "*":
		return []string{"br"}
	}
	return nil
}

// etagSuffix marks an entity tag as naming the enc-encoded form.
func etagSuffix(enc string) string { return "-" + enc + `"` }

// stripETagSuffix removes enc's suffix from the request's If-None-Match
// tags and reports whether it did.
func stripETagSuffix(r *http.Request, enc string) bool {
	inm := r.Header.Get("If-None-Match")
	suffix := etagSuffix(enc)
	if !strings.Contains(inm, suffix) {
		return false
	}
	r.Header.Set("If-None-Match", strings.ReplaceAll(inm, suffix, `"`))
	return true
}

// suffixETag gives the response's ETag enc's suffix.
func suffixETag(h http.Header, enc string) {
	if tag := h.Get("ETag"); strings.HasSuffix(tag, `"`) && !strings.HasSuffix(tag, etagSuffix(enc)) {
		h.Set("ETag", strings.TrimSuffix(tag, `"`)+etagSuffix(enc))
	}
}

func mediaType(h http.Header) string {
	mt, _, _ := mime.ParseMediaType(h.Get("Content-Type"))
	return mt
}

// addVary adds Accept-Encoding to Vary for compressible responses, even
// uncompressed ones: a cache must not hand them to a client that asked
// for another encoding.
func addVary(h http.Header) {
	if !compressible[mediaType(h)] {
		return
	}
	for _, v := range h.Values("Vary") {
		for f := range strings.SplitSeq(v, ",") {
			if f = strings.TrimSpace(f); strings.EqualFold(f, "Accept-Encoding") || f == "*" {
				return
			}
		}
	}
	h.Add("Vary", "Accept-Encoding")
}

// varyWriter only adds Vary, for requests that get no encoding.
type varyWriter struct {
	http.ResponseWriter
	wrote bool
}

func (w *varyWriter) WriteHeader(code int) {
	if !w.wrote {
		w.wrote = true
		addVary(w.Header())
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *varyWriter) Write(b []byte) (int, error) {
	if !w.wrote {
		w.WriteHeader(http.StatusOK)
	}
	return w.ResponseWriter.Write(b)
}

func (w *varyWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// compressWriter decides at the first byte (or flush) whether to encode:
// the status and media type must allow it and the body must reach
// compressMin, so it holds up to that much before deciding.
type compressWriter struct {
	http.ResponseWriter
	enc      string
	stripped bool // If-None-Match named our encoded form
	status   int  // 0 until the handler wrote a header
	buf      []byte
	encoder  io.WriteCloser
	passing  bool // decided: no encoding, bytes go straight through
	sent     bool // the header has gone out
}

func (w *compressWriter) WriteHeader(code int) {
	if w.status != 0 || w.sent {
		return
	}
	if code >= 100 && code < 200 {
		w.ResponseWriter.WriteHeader(code)
		return
	}
	w.status = code
	h := w.Header()
	addVary(h)
	switch {
	case code == http.StatusNotModified:
		if w.stripped {
			suffixETag(h, w.enc)
		}
		w.pass()
	case code < 200 || code == http.StatusNoContent || code == http.StatusPartialContent,
		h.Get("Content-Encoding") != "", !compressible[mediaType(h)]:
		w.pass()
	}
}

// pass sends the header unchanged; the body follows as it comes.
func (w *compressWriter) pass() {
	w.passing, w.sent = true, true
	w.ResponseWriter.WriteHeader(w.status)
}

func (w *compressWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		if w.Header().Get("Content-Type") == "" {
			w.Header().Set("Content-Type", http.DetectContentType(b))
		}
		w.WriteHeader(http.StatusOK)
	}
	switch {
	case w.passing:
		return w.ResponseWriter.Write(b)
	case w.encoder != nil:
		return w.encoder.Write(b)
	}
	w.buf = append(w.buf, b...)
	if len(w.buf) >= compressMin {
		if err := w.startEncoding(); err != nil {
			return 0, err
		}
	}
	return len(b), nil
}

// startEncoding sends the header of the encoded form and what is held.
func (w *compressWriter) startEncoding() error {
	h := w.Header()
	h.Set("Content-Encoding", w.enc)
	h.Del("Content-Length")
	h.Del("Accept-Ranges") // ranges would count bytes of the identity form
	suffixETag(h, w.enc)
	w.sent = true
	w.ResponseWriter.WriteHeader(w.status)
	if w.enc == "br" {
		bw := brotliPool.Get().(*brotli.Writer)
		bw.Reset(w.ResponseWriter)
		w.encoder = bw
	} else {
		gw := gzipPool.Get().(*gzip.Writer)
		gw.Reset(w.ResponseWriter)
		w.encoder = gw
	}
	_, err := w.encoder.Write(w.buf)
	w.buf = nil
	return err
}

// Flush sends what is held: the encoded form if the handler flushes
// before the body is known to be small, since it wants bytes out now.
func (w *compressWriter) Flush() {
	if w.status == 0 {
		w.WriteHeader(http.StatusOK)
	}
	if !w.passing && w.encoder == nil {
		_ = w.startEncoding()
	}
	if f, ok := w.encoder.(interface{ Flush() error }); ok {
		_ = f.Flush()
	}
	_ = http.NewResponseController(w.ResponseWriter).Flush()
}

// close ends the response: a short body goes out as it is.
func (w *compressWriter) close() {
	switch {
	case w.encoder != nil:
		_ = w.encoder.Close()
		if bw, ok := w.encoder.(*brotli.Writer); ok {
			brotliPool.Put(bw)
		} else if gw, ok := w.encoder.(*gzip.Writer); ok {
			gzipPool.Put(gw)
		}
	case w.passing:
	case w.status == 0 && len(w.buf) == 0:
		// The handler wrote nothing at all: net/http sends its 200.
	default:
		w.passing, w.sent = true, true
		w.ResponseWriter.WriteHeader(cmpStatus(w.status))
		_, _ = w.ResponseWriter.Write(w.buf)
	}
}

func cmpStatus(s int) int {
	if s == 0 {
		return http.StatusOK
	}
	return s
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (w *compressWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
