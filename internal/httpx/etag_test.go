package httpx

import (
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
)

func serveETag(t *testing.T, h http.HandlerFunc, method string, headers ...string) *httptest.ResponseRecorder {
	t.Helper()
	r := httptest.NewRequest(method, "/", nil)
	for i := 0; i+1 < len(headers); i += 2 {
		r.Header.Set(headers[i], headers[i+1])
	}
	w := httptest.NewRecorder()
	ETag()(h).ServeHTTP(w, r)
	return w
}

func TestETagTagsPagesAndAnswers304(t *testing.T) {
	html := func(body string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			_, _ = io.WriteString(w, body)
		}
	}
	first := serveETag(t, html("<p>one</p>"), "GET")
	tag := first.Header().Get("ETag")
	if first.Code != 200 || len(tag) < 10 || tag[:3] != `W/"` || first.Body.String() != "<p>one</p>" {
		t.Fatalf("first: %d %q %q", first.Code, tag, first.Body)
	}
	if again := serveETag(t, html("<p>one</p>"), "GET", "If-None-Match", tag); again.Code != http.StatusNotModified || again.Body.Len() != 0 ||
		again.Header().Get("ETag") != tag {
		t.Errorf("revalidation: %d %v", again.Code, again.Header())
	}
	if changed := serveETag(t, html("<p>two</p>"), "GET", "If-None-Match", tag); changed.Code != 200 || changed.Header().Get("ETag") == tag {
		t.Errorf("changed page: %d %v", changed.Code, changed.Header())
	}
	if head := serveETag(t, html("<p>one</p>"), "HEAD"); head.Header().Get("ETag") != tag {
		t.Errorf("HEAD: %v", head.Header())
	}
}

func TestETagLeavesAlone(t *testing.T) {
	own := serveETag(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Header().Set("ETag", `"v3"`)
		_, _ = io.WriteString(w, "x")
	}, "GET")
	if own.Header().Get("ETag") != `"v3"` {
		t.Errorf("own tag replaced: %v", own.Header())
	}
	for name, h := range map[string]http.HandlerFunc{
		"no-store": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			w.Header().Set("Cache-Control", "no-store")
			_, _ = io.WriteString(w, "x")
		},
		"error": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			w.WriteHeader(http.StatusNotFound)
			_, _ = io.WriteString(w, "x")
		},
		"stream": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/event-stream")
			_, _ = io.WriteString(w, "data: x\n\n")
		},
		"flushed": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			_, _ = io.WriteString(w, "x")
			_ = http.NewResponseController(w).Flush()
		},
	} {
		if w := serveETag(t, h, "GET"); w.Header().Get("ETag") != "" || w.Body.String() == "" {
			t.Errorf("%s: tagged %v %q", name, w.Header(), w.Body)
		}
	}
	if post := serveETag(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		_, _ = io.WriteString(w, "x")
	}, "POST"); post.Header().Get("ETag") != "" {
		t.Errorf("POST tagged")
	}
}

func TestNoneMatch(t *testing.T) {
	for _, c := range []struct {
		header, tag string
		want        bool
	}{
		{`W/"a"`, `W/"a"`, true}, {`"a"`, `W/"a"`, true}, {`"b", W/"a"`, `"a"`, true}, {`*`, `"a"`, true},
		{`"b"`, `"a"`, false}, {``, `"a"`, false}, {`"a-br"`, `"a"`, false},
	} {
		if got := NoneMatch(c.header, c.tag); got != c.want {
			t.Errorf("NoneMatch(%q, %q) = %v", c.header, c.tag, got)
		}
	}
}
