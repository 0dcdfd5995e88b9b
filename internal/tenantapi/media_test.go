package tenantapi_test

import (
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/zumodra/zumodra/internal/tenantapi"
)

// A body that is not JSON is a 415 that says what would do; an oversized
// one a 413 under its RFC 9110 title; a refused key a 401 no cache keeps.
func TestStatusesOfBadBodiesAndKeys(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a := e.tenant("acme")
	r := e.do("POST", tp+"/job-categories", a.key, `name=x`, "Content-Type", "application/x-www-form-urlencoded")
	if r.status != http.StatusUnsupportedMediaType || r.header.Get("Accept-Post") != "application/json" ||
		r.json(t)["title"] != "Unsupported Media Type" {
		t.Errorf("form body: %d %v %s", r.status, r.header, r.body)
	}
	id, tag := e.create(a.key, tp+"/job-categories", map[string]any{"name": "Web", "slug": "web"})
	r = e.do("PATCH", tp+"/job-categories/"+strconv.FormatInt(id, 10), a.key, `{}`, "Content-Type", "text/plain", "If-Match", tag)
	if r.status != http.StatusUnsupportedMediaType || r.header.Get("Accept-Patch") != "application/json" {
		t.Errorf("text body: %d %v", r.status, r.header)
	}
	ok := e.do("POST", tp+"/job-categories", a.key, `{"name":"Data","slug":"data"}`, "Content-Type", "application/json; charset=utf-8")
	must(t, ok, http.StatusCreated)
	big := `{"name":"` + strings.Repeat("x", tenantapi.MaxBody) + `"}`
	r = e.do("POST", tp+"/job-categories", a.key, big)
	if r.status != http.StatusRequestEntityTooLarge || r.json(t)["title"] != "Content Too Large" {
		t.Errorf("big body: %d %s", r.status, r.body[:min(len(r.body), 200)])
	}
	r = e.do("GET", tp+"/jobs", "zmd_nope", nil)
	if r.status != http.StatusUnauthorized || r.header.Get("Cache-Control") != "no-store" {
		t.Errorf("bad key: %d Cache-Control %q", r.status, r.header.Get("Cache-Control"))
	}
}
