package web

import (
	"net/http"
)

// The page cache keeps at most maxCachedPages responses and
// maxCachedPageBytes of them: a page is 20 to 80 KB, a sitemap file over a
// megabyte.
const (
	maxCachedPages     = 256
	maxCachedPageBytes = 16 << 20
)

// writeHTML writes a page. internal/viewcache around the GET pages adds
// the ETag, answers 304 and keeps a 200 for the next identical request of
// the same catalog version.
func writeHTML(w http.ResponseWriter, status int, body []byte) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if w.Header().Get("Cache-Control") == "" {
		w.Header().Set("Cache-Control", cacheControl(status))
	}
	w.WriteHeader(status)
	_, _ = w.Write(body)
}
