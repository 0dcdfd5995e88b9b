package httpx

import (
	"bufio"
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"
	"github.com/klauspost/compress/gzip"
)

func TestNegotiate(t *testing.T) {
	for accept, want := range map[string]string{
		"": "", "identity": "", "gzip": "gzip", "br": "br", "gzip, deflate, br": "br",
		"gzip;q=1.0, br;q=0.5": "gzip", "br;q=0, gzip": "gzip", "*": "br", "x-gzip": "gzip",
		"deflate": "", "gzip;q=0": "", "BR;Q=0.9": "br", "gzip;q=abc": "",
	} {
		if got := negotiate(accept); got != want {
			t.Errorf("negotiate(%q) = %q, want %q", accept, got, want)
		}
	}
}

var page = strings.Repeat("<p>Go engineer in Berlin</p>\n", 100)

// pageHandler serves page with a strong ETag and answers If-None-Match
// itself, as the site's handlers do.
func pageHandler(contentType string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", contentType)
		w.Header().Set("ETag", `"abc"`)
		if r.Header.Get("If-None-Match") == `"abc"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		_, _ = io.WriteString(w, page)
	})
}

func get(t *testing.T, h http.Handler, headers ...string) *http.Response {
	t.Helper()
	r := httptest.NewRequest("GET", "/", nil)
	for i := 0; i+1 < len(headers); i += 2 {
		r.Header.Set(headers[i], headers[i+1])
	}
	w := httptest.NewRecorder()
	Compress()(h).ServeHTTP(w, r)
	return w.Result()
}

func decoded(t *testing.T, res *http.Response) string {
	t.Helper()
	var rd io.Reader = res.Body
	switch res.Header.Get("Content-Encoding") {
	case "br":
		rd = brotli.NewReader(res.Body)
	case "gzip":
		gz, err := gzip.NewReader(res.Body)
		if err != nil {
			t.Fatal(err)
		}
		rd = gz
	}
	b, err := io.ReadAll(rd)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestCompressNegotiatesAndKeepsETagsRight(t *testing.T) {
	for _, c := range []struct{ accept, enc, etag string }{
		{"gzip, deflate, br", "br", `"abc-br"`}, {"gzip", "gzip", `"abc-gzip"`}, {"", "", `"abc"`},
	} {
		for _, ct := range []string{"text/html; charset=utf-8", "application/json", "text/css; charset=utf-8",
			"text/javascript; charset=utf-8", "application/xml", "application/problem+json"} {
			res := get(t, pageHandler(ct), "Accept-Encoding", c.accept)
			if res.Header.Get("Content-Encoding") != c.enc || res.Header.Get("ETag") != c.etag ||
				res.Header.Get("Vary") != "Accept-Encoding" || res.Header.Get("Content-Length") != "" && c.enc != "" {
				t.Errorf("%s %q: %v", ct, c.accept, res.Header)
			}
			if body := decoded(t, res); body != page {
				t.Errorf("%s %q: body of %d bytes differs", ct, c.accept, len(body))
			}
			if c.enc == "" {
				continue
			}
			// The client sends back the tag it got; the handler sees its own.
			res = get(t, pageHandler(ct), "Accept-Encoding", c.accept, "If-None-Match", c.etag)
			if res.StatusCode != http.StatusNotModified || res.Header.Get("ETag") != c.etag {
				t.Errorf("%s revalidation: %d %v", ct, res.StatusCode, res.Header)
			}
			// A tag of another encoding is another representation.
			res = get(t, pageHandler(ct), "Accept-Encoding", c.accept, "If-None-Match", `"abc-zstd"`)
			if res.StatusCode != http.StatusOK {
				t.Errorf("%s: foreign tag answered %d", ct, res.StatusCode)
			}
		}
	}
}

func TestCompressLeavesAlone(t *testing.T) {
	small := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"ok":true}`)
	})
	res := get(t, small, "Accept-Encoding", "br")
	if res.Header.Get("Content-Encoding") != "" || decoded(t, res) != `{"ok":true}` || res.Header.Get("Vary") != "Accept-Encoding" {
		t.Errorf("small body: %v", res.Header)
	}
	png := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/png")
		_, _ = w.Write(bytes.Repeat([]byte{1}, 4096))
	})
	if res := get(t, png, "Accept-Encoding", "br"); res.Header.Get("Content-Encoding") != "" || res.Header.Get("Vary") != "" {
		t.Errorf("png: %v", res.Header)
	}
	if res := get(t, pageHandler("text/html"), "Accept-Encoding", "br", "Range", "bytes=0-10"); res.Header.Get("Content-Encoding") != "" {
		t.Errorf("range: %v", res.Header)
	}
	pre := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		w.Header().Set("Content-Encoding", "gzip")
		_, _ = w.Write(bytes.Repeat([]byte{2}, 4096))
	})
	if res := get(t, pre, "Accept-Encoding", "br"); res.Header.Get("Content-Encoding") != "gzip" {
		t.Errorf("already encoded: %v", res.Header)
	}
}

// An event stream reaches the client event by event: the handler waits
// for the client to have read the first event before it sends the next.
func TestCompressNeverHoldsAnEventStream(t *testing.T) {
	read := make(chan struct{})
	srv := httptest.NewServer(Compress()(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		_, _ = io.WriteString(w, "data: one\n\n")
		_ = http.NewResponseController(w).Flush()
		<-read
		_, _ = io.WriteString(w, "data: two\n\n")
	})))
	defer srv.Close()
	req, _ := http.NewRequest("GET", srv.URL, nil)
	req.Header.Set("Accept-Encoding", "br, gzip")
	res, err := (&http.Client{Transport: &http.Transport{DisableCompression: true}}).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if res.Header.Get("Content-Encoding") != "" {
		t.Fatalf("stream encoded: %v", res.Header)
	}
	line, err := bufio.NewReader(res.Body).ReadString('\n')
	close(read)
	if err != nil || line != "data: one\n" {
		t.Fatalf("first event %q %v", line, err)
	}
}

// A handler that flushes wants its bytes out: the encoded form starts
// then, and the client can decode what came so far.
func TestCompressFlushSendsWhatIsHeld(t *testing.T) {
	read := make(chan struct{})
	srv := httptest.NewServer(Compress()(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		_, _ = io.WriteString(w, "<p>first</p>\n")
		_ = http.NewResponseController(w).Flush()
		<-read
		_, _ = io.WriteString(w, page)
	})))
	defer srv.Close()
	req, _ := http.NewRequest("GET", srv.URL, nil)
	req.Header.Set("Accept-Encoding", "gzip")
	res, err := (&http.Client{Transport: &http.Transport{DisableCompression: true}}).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	gz, err := gzip.NewReader(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	line, err := bufio.NewReader(gz).ReadString('\n')
	close(read)
	if err != nil || line != "<p>first</p>\n" {
		t.Fatalf("first line %q %v", line, err)
	}
}
