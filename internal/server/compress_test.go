package server

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// Pages and the API document go out compressed, with an ETag per encoding
// that revalidates.
func TestTheSiteIsCompressed(t *testing.T) {
	t.Parallel()
	s, ln := newServer(t, nil)
	ln.Close()
	h, err := s.Handler()
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/careers/", "/browse-freelancers/", "/api/openapi.json"} {
		for _, enc := range []string{"br", "gzip"} {
			r := httptest.NewRequest("GET", path, nil)
			r.Header.Set("Accept-Encoding", enc)
			w := httptest.NewRecorder()
			h.ServeHTTP(w, r)
			tag := w.Header().Get("ETag")
			if w.Code != http.StatusOK || w.Header().Get("Content-Encoding") != enc || w.Header().Get("Vary") == "" ||
				!strings.HasSuffix(tag, "-"+enc+`"`) {
				t.Errorf("%s %s: %d %v", path, enc, w.Code, w.Header())
				continue
			}
			// A browser revalidates with the tag it holds and gets a 304.
			r.Header.Set("If-None-Match", tag)
			w = httptest.NewRecorder()
			h.ServeHTTP(w, r)
			if w.Code != http.StatusNotModified || w.Header().Get("ETag") != tag || w.Body.Len() != 0 {
				t.Errorf("%s %s revalidation: %d %v", path, enc, w.Code, w.Header())
			}
		}
	}
}
