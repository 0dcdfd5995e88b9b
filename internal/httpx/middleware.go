package httpx

import (
	"cmp"
	"context"
	"log/slog"
	"net/http"
	"runtime/debug"
	"strconv"
	"time"

	"github.com/zumodra/zumodra/internal/metrics"
)

// Middleware wraps a handler.
type Middleware func(http.Handler) http.Handler

// Chain applies middlewares so that the first one listed runs first.
func Chain(h http.Handler, mws ...Middleware) http.Handler {
	for i := len(mws) - 1; i >= 0; i-- {
		h = mws[i](h)
	}
	return h
}

// statusWriter remembers the status a handler wrote.
type statusWriter struct {
	http.ResponseWriter
	status int
	bytes  int
}

func (w *statusWriter) WriteHeader(code int) {
	w.status = cmp.Or(w.status, code)
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	w.status = cmp.Or(w.status, http.StatusOK)
	n, err := w.ResponseWriter.Write(b)
	w.bytes += n
	return n, err
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// Recover turns a panic into a 500 problem and a log line with the stack,
// instead of a dropped connection.
func Recover(log *slog.Logger) Middleware {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			defer func() {
				if v := recover(); v != nil {
					if v == http.ErrAbortHandler {
						panic(v)
					}
					log.ErrorContext(r.Context(), "panic serving request", "method", r.Method, "path", r.URL.Path,
						"panic", v, "stack", string(debug.Stack()))
					WriteProblem(w, Problem{Status: http.StatusInternalServerError, Detail: "internal error"})
				}
			}()
			next.ServeHTTP(w, r)
		})
	}
}

// Observe logs each request and records its duration by route pattern. The
// pattern (not the raw path) keeps metric cardinality bounded; requests that
// matched no route are recorded as "unmatched". The mux sets the pattern on
// the request it was given, which a middleware between (Deadline, with its
// own context) has copied: Routed reports it back through the context.
func Observe(log *slog.Logger) Middleware {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			start := time.Now()
			sw := &statusWriter{ResponseWriter: w}
			var pattern string
			next.ServeHTTP(sw, r.WithContext(context.WithValue(r.Context(), patternKey{}, &pattern)))
			sw.status = cmp.Or(sw.status, http.StatusOK)
			elapsed := time.Since(start)
			route := cmp.Or(pattern, r.Pattern, "unmatched")
			metrics.HTTPRequestSeconds.WithLabelValues(route, MethodLabel(r.Method), strconv.Itoa(sw.status)).Observe(elapsed.Seconds())
			level := slog.LevelDebug
			switch {
			case sw.status == http.StatusServiceUnavailable: // shed or not ready yet: the answer says when to retry
				level = slog.LevelWarn
			case sw.status >= 500:
				level = slog.LevelError
			}
			// Query strings are left out: they may carry search terms
			// visitors would not want in logs.
			log.Log(r.Context(), level, "http request", "method", r.Method, "path", r.URL.Path, "route", route,
				"status", sw.status, "bytes", sw.bytes, "duration_ms", float64(elapsed.Microseconds())/1000)
		})
	}
}

// patternKey holds, in a request's context, where Routed writes the
// pattern of the route that took the request, for Observe.
type patternKey struct{}

// notePattern tells Observe, if it runs outside, the route that took r.
func notePattern(r *http.Request, pattern string) {
	if p, ok := r.Context().Value(patternKey{}).(*string); ok {
		*p = pattern
	}
}

// MethodLabel is method when it is a standard HTTP method and "other" for
// anything a client invents, so that no request can add a metric series.
func MethodLabel(method string) string {
	switch method {
	case http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch,
		http.MethodDelete, http.MethodOptions, http.MethodConnect, http.MethodTrace:
		return method
	}
	return "other"
}

// DefaultCSP allows only the site's own scripts, styles and fonts; images may
// come from https (tenant logos, avatars); no inline code, no framing.
const DefaultCSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' https: data:; " +
	"font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// SecurityHeaders sets the usual security headers on every response. csp ""
// means DefaultCSP.
func SecurityHeaders(csp string) Middleware {
	csp = cmp.Or(csp, DefaultCSP)
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			h := w.Header()
			h.Set("Content-Security-Policy", csp)
			h.Set("X-Content-Type-Options", "nosniff")
			h.Set("X-Frame-Options", "DENY")
			h.Set("Referrer-Policy", "strict-origin-when-cross-origin")
			h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()")
			h.Set("Cross-Origin-Opener-Policy", "same-origin")
			if IsHTTPS(r) {
				h.Set("Strict-Transport-Security", "max-age=63072000; includeSubDomains")
			}
			next.ServeHTTP(w, r)
		})
	}
}

// Deadline bounds each request's context by d, so that a request waiting
// for a database connection (pgxpool has no acquire timeout) or a statement
// ends when d runs out; the handlers answer such an error 503 with
// Retry-After (pgq.Unavailable). Requests for which long(r) holds, such as
// live streams, are left unbounded; d <= 0 bounds nothing.
func Deadline(d time.Duration, long func(*http.Request) bool) Middleware {
	return func(next http.Handler) http.Handler {
		if d <= 0 {
			return next
		}
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if long != nil && long(r) {
				next.ServeHTTP(w, r)
				return
			}
			ctx, cancel := context.WithTimeout(r.Context(), d)
			defer cancel()
			next.ServeHTTP(w, r.WithContext(ctx))
		})
	}
}
