package httpx

import (
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"

	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/metrics"
)

func TestProblemForMapsCodesAndHidesInternals(t *testing.T) {
	cases := []struct {
		err        error
		status     int
		detailHint string
	}{
		{domain.FieldError("email", "must be an email address"), 400, "email: must be an email address"},
		{domain.Errorf(domain.CodeNotFound, "job 7 not found"), 404, "job 7 not found"},
		{domain.Errorf(domain.CodeGone, "no longer public"), 410, "no longer public"},
		{domain.Errorf(domain.CodePrecondition, "stale"), 412, "stale"},
		{errors.New("pq: password=hunter2 relation t_x.jobs"), 500, "internal error"},
	}
	for _, c := range cases {
		r := httptest.NewRequest("GET", "/x", nil)
		p := ProblemFor(r, c.err)
		if p.Status != c.status || p.Detail != c.detailHint {
			t.Errorf("ProblemFor(%v) = %d %q, want %d %q", c.err, p.Status, p.Detail, c.status, c.detailHint)
		}
	}
}

func TestWriteErrorBodyIsProblemJSON(t *testing.T) {
	w := httptest.NewRecorder()
	WriteError(w, httptest.NewRequest("GET", "/api/x", nil), slog.New(slog.DiscardHandler), domain.FieldError("page_size", "must be at most 100"))
	if w.Code != 400 || w.Header().Get("Content-Type") != ProblemContentType {
		t.Fatalf("got %d %q", w.Code, w.Header().Get("Content-Type"))
	}
	var p Problem
	if err := json.Unmarshal(w.Body.Bytes(), &p); err != nil {
		t.Fatal(err)
	}
	if len(p.Errors) != 1 || p.Errors[0].Field != "page_size" || p.Instance != "/api/x" {
		t.Fatalf("problem = %+v", p)
	}
}

func TestDecodeJSON(t *testing.T) {
	type body struct {
		Name  string `json:"name"`
		Count int    `json:"count"`
	}
	cases := []struct {
		name, in, field, msg string
		tooLarge             bool
	}{
		{name: "ok", in: `{"name":"a","count":2}`},
		{name: "unknown field", in: `{"name":"a","evil":1}`, field: "evil"},
		{name: "wrong type", in: `{"count":"two"}`, field: "count"},
		{name: "empty", in: ``, msg: "must not be empty"},
		{name: "two objects", in: `{"name":"a"}{"name":"b"}`, msg: "single JSON object"},
		{name: "malformed", in: `{"name":`, msg: "malformed"},
		{name: "invalid utf8", in: "{\"name\":\"\xff\"}", msg: "UTF-8"},
		{name: "too large", in: `{"name":"` + strings.Repeat("x", 200) + `"}`, tooLarge: true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := httptest.NewRequest("POST", "/", strings.NewReader(c.in))
			var b body
			err := DecodeJSON(httptest.NewRecorder(), r, &b, 100)
			var de *domain.Error
			switch {
			case c.field == "" && c.msg == "" && !c.tooLarge:
				if err != nil || b.Name != "a" {
					t.Fatalf("err = %v, body %+v", err, b)
				}
			case !errors.As(err, &de) || de.Code != domain.CodeInvalid:
				t.Fatalf("err = %v, want invalid", err)
			case c.field != "" && de.Field != c.field:
				t.Fatalf("field = %q, want %q", de.Field, c.field)
			case c.msg != "" && !strings.Contains(de.Message, c.msg):
				t.Fatalf("message = %q, want %q", de.Message, c.msg)
			case c.tooLarge != IsBodyTooLarge(err):
				t.Fatalf("too large = %v", IsBodyTooLarge(err))
			}
		})
	}
}

func TestRateLimiterPerClient(t *testing.T) {
	l := NewRateLimiter(60, 3)
	h := l.Limit(nil)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(204) }))
	hit := func(addr string) int {
		r := httptest.NewRequest("GET", "/", nil)
		r.RemoteAddr = addr
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		return w.Code
	}
	for i := range 3 {
		if c := hit("10.0.0.1:1234"); c != 204 {
			t.Fatalf("request %d: %d", i, c)
		}
	}
	if c := hit("10.0.0.1:999"); c != 429 {
		t.Fatalf("4th request from same IP: %d, want 429", c)
	}
	if c := hit("10.0.0.2:1234"); c != 204 {
		t.Fatalf("other client: %d", c)
	}
	// Two addresses of one IPv6 /64 share a bucket.
	for range 3 {
		hit("[2001:db8::1]:1")
	}
	if c := hit("[2001:db8::ffff]:1"); c != 429 {
		t.Fatalf("same /64: %d, want 429", c)
	}
}

func TestForwardedOnlyFromTrustedProxies(t *testing.T) {
	ps, err := ParseProxies("10.0.0.0/8, 192.0.2.7")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ParseProxies("10.0.0.0/8,nonsense"); err == nil || !strings.Contains(err.Error(), "nonsense") {
		t.Fatalf("a bad entry must be named: %v", err)
	}
	l := NewRateLimiter(60, 1)
	var key string
	var https bool
	h := RealClient(ps)(http.HandlerFunc(func(_ http.ResponseWriter, r *http.Request) {
		key, https = l.ClientKey(r), IsHTTPS(r)
	}))
	for _, tc := range []struct {
		name, remote, xff, proto string
		key                      string
		https                    bool
	}{
		{"direct client forging headers", "203.0.113.50:5", "198.51.100.1", "https", "203.0.113.50", false},
		// The client forged the first entry; our two proxies appended the rest.
		{"behind two trusted proxies", "10.1.1.1:5", "198.51.100.1, 203.0.113.9, 192.0.2.7", "https", "203.0.113.9", true},
		{"trusted proxy, plain http", "192.0.2.7:80", "203.0.113.10", "http", "203.0.113.10", false},
		{"trusted proxy, garbage header", "10.1.1.1:5", "not-an-ip", "", "10.1.1.1", false},
	} {
		r := httptest.NewRequest("GET", "/", nil)
		r.RemoteAddr = tc.remote
		r.Header.Set("X-Forwarded-For", tc.xff)
		r.Header.Set("X-Forwarded-Proto", tc.proto)
		h.ServeHTTP(httptest.NewRecorder(), r)
		if key != tc.key || https != tc.https {
			t.Errorf("%s: client %q https %v, want %q %v", tc.name, key, https, tc.key, tc.https)
		}
	}
}

func requestCount(t *testing.T, route, status string) uint64 {
	t.Helper()
	var m dto.Metric
	obs := metrics.HTTPRequestSeconds.WithLabelValues(route, "GET", status)
	if err := obs.(prometheus.Metric).Write(&m); err != nil {
		t.Fatal(err)
	}
	return m.GetHistogram().GetSampleCount()
}

func TestObserveRecordsRoutePatternAndRecoverCatchesPanics(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /things/{id}", func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "ok") })
	mux.HandleFunc("GET /boom", func(w http.ResponseWriter, r *http.Request) { panic("kaboom") })
	log := slog.New(slog.DiscardHandler)
	// As serve chains them: Deadline gives the mux a copy of the request.
	h := Chain(Routed(mux, nil), Observe(log), Recover(log), Deadline(time.Second, nil), SecurityHeaders(""))

	before := requestCount(t, "GET /things/{id}", "200")
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest("GET", "/things/42", nil))
	if w.Code != 200 || w.Header().Get("Content-Security-Policy") != DefaultCSP || w.Header().Get("X-Frame-Options") != "DENY" {
		t.Fatalf("got %d, headers %v", w.Code, w.Header())
	}
	if got := requestCount(t, "GET /things/{id}", "200"); got != before+1 {
		t.Fatalf("route count %d, want %d: the pattern, not the path, must label the metric", got, before+1)
	}

	w = httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest("GET", "/boom", nil))
	if w.Code != 500 || strings.Contains(w.Body.String(), "kaboom") {
		t.Fatalf("panic: %d %q", w.Code, w.Body.String())
	}
}
