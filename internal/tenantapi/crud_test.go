package tenantapi_test

import (
	"net/http"
	"strconv"
	"testing"
)

func TestJobCategoryLifecycle(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a := e.tenant("acme")
	id, tag := e.create(a.key, tp+"/job-categories", map[string]any{"name": " Engineering ", "slug": "engineering"})
	if tag != `"v1"` {
		t.Fatalf("ETag %s", tag)
	}
	path := tp + "/job-categories/" + strconv.FormatInt(id, 10)
	got := must(t, e.do("GET", path, a.key, nil), http.StatusOK)
	if got.json(t)["name"] != "Engineering" || got.header.Get("ETag") != `"v1"` {
		t.Fatalf("got %s etag %s", got.body, got.header.Get("ETag"))
	}

	must(t, e.do("PATCH", path, a.key, map[string]any{"name": "Eng"}), http.StatusPreconditionRequired)
	must(t, e.do("PATCH", path, a.key, map[string]any{"name": "Eng"}, "If-Match", "*"), http.StatusPreconditionRequired)
	upd := must(t, e.do("PATCH", path, a.key, map[string]any{"name": "Eng"}, "If-Match", `"v1"`), http.StatusOK)
	m := upd.json(t)
	if m["name"] != "Eng" || m["slug"] != "engineering" || upd.header.Get("ETag") != `"v2"` {
		t.Fatalf("patched %s etag %s", upd.body, upd.header.Get("ETag"))
	}
	stale := must(t, e.do("PUT", path, a.key, map[string]any{"name": "X", "slug": "x"}, "If-Match", `"v1"`), http.StatusPreconditionFailed)
	_ = stale
	put := must(t, e.do("PUT", path, a.key, map[string]any{"name": "Platform", "slug": "platform"}, "If-Match", `"v2"`), http.StatusOK)
	if put.json(t)["description"] != "" || put.json(t)["slug"] != "platform" {
		t.Fatalf("put %s", put.body)
	}

	e.create(a.key, tp+"/job-categories", map[string]any{"name": "Sales", "slug": "sales"})
	dup := must(t, e.do("POST", tp+"/job-categories", a.key, map[string]any{"name": "Other", "slug": "sales"}), http.StatusConflict)
	if f := dup.fields(t); len(f) != 1 || f[0] != "slug" {
		t.Fatalf("conflict fields %v: %s", f, dup.body)
	}

	must(t, e.do("DELETE", path, a.key, nil, "If-Match", `"v2"`), http.StatusPreconditionFailed)
	must(t, e.do("DELETE", path, a.key, nil), http.StatusPreconditionRequired)
	must(t, e.do("DELETE", path, a.key, nil, "If-Match", `"v3"`), http.StatusNoContent)
	must(t, e.do("GET", path, a.key, nil), http.StatusNotFound)
	must(t, e.do("PATCH", path, a.key, map[string]any{}, "If-Match", `"v3"`), http.StatusNotFound)
}

func TestListPagination(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a := e.tenant("acme")
	for i := range 5 {
		e.create(a.key, tp+"/provider-categories", map[string]any{"name": "C" + strconv.Itoa(i), "slug": "c" + strconv.Itoa(i)})
	}
	var names []string
	cursor := ""
	for pages := 0; ; pages++ {
		if pages > 5 {
			t.Fatal("pagination does not end")
		}
		r := must(t, e.do("GET", tp+"/provider-categories?limit=2&cursor="+cursor, a.key, nil), http.StatusOK).json(t)
		for _, it := range r["items"].([]any) {
			names = append(names, it.(map[string]any)["name"].(string))
		}
		next, ok := r["next_cursor"].(string)
		if !ok {
			break
		}
		cursor = next
	}
	if len(names) != 5 || names[0] != "C0" || names[4] != "C4" {
		t.Fatalf("pages gave %v", names)
	}
	for _, q := range []string{"?limit=0", "?limit=201", "?limit=x", "?cursor=-1", "?cursor=abc"} {
		must(t, e.do("GET", tp+"/provider-categories"+q, a.key, nil), http.StatusBadRequest)
	}
}
