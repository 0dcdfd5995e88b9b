package tenantapi_test

import (
	"net/http"
	"strconv"
	"testing"
)

// An optional URL or e-mail reads back as null when empty, whether it was
// cleared with null, "" or left out, and a value survives a PATCH that
// does not name it.
func TestOptionalURLsAndEmailsAreNullWhenEmpty(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a := e.tenant("acme")
	id, tag := e.create(a.key, tp+"/providers", map[string]any{"display_name": "Ada", "avatar_url": ""})
	path := tp + "/providers/" + strconv.FormatInt(id, 10)
	m := must(t, e.do("GET", path, a.key, nil), http.StatusOK).json(t)
	for _, f := range []string{"avatar_url", "cover_image_url", "email"} {
		if v, ok := m[f]; !ok || v != nil {
			t.Errorf("%s = %#v, want null", f, v)
		}
	}
	r := must(t, e.do("PATCH", path, a.key, map[string]any{"email": "ada@example.com", "avatar_url": "https://example.com/a.png"},
		"If-Match", tag), http.StatusOK)
	r = must(t, e.do("PATCH", path, a.key, map[string]any{"avatar_url": nil}, "If-Match", r.header.Get("ETag")), http.StatusOK)
	if m := r.json(t); m["avatar_url"] != nil || m["email"] != "ada@example.com" {
		t.Errorf("after clearing avatar_url: %v %v", m["avatar_url"], m["email"])
	}
	job, _ := e.create(a.key, tp+"/jobs", map[string]any{"title": "Go", "application_email": nil})
	m = must(t, e.do("GET", tp+"/jobs/"+strconv.FormatInt(job, 10), a.key, nil), http.StatusOK).json(t)
	if m["application_email"] != nil || m["hiring_manager_email"] != nil {
		t.Errorf("job e-mails %v %v, want null", m["application_email"], m["hiring_manager_email"])
	}
}
