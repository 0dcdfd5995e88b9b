package server

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

// The whole site is compressed: pages, the API, its document, assets.
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
			if w.Code != http.StatusOK || w.Header().Get("Content-Encoding") != enc || w.Header().Get("Vary") == "" {
				t.Errorf("%s %s: %d %v", path, enc, w.Code, w.Header())
			}
		}
	}
}
