package tenantapi_test

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"
)

func validProvider(cats ...int64) map[string]any {
	if cats == nil {
		cats = []int64{}
	}
	return map[string]any{
		"display_name": "Studio Nine", "provider_type": "agency", "bio": "<p>We build</p>", "currency": "GBP",
		"hourly_rate": 95.5, "marketplace_enabled": true, "email": "hello@studio9.example", "bank_account": "GB00 1234",
		"avatar_url":   "https://img.example.com/a.png",
		"skills":       []map[string]any{{"name": "Go", "level": "expert", "years_experience": 8}, {"name": "SQL"}},
		"category_ids": cats,
	}
}

func TestProviderSkillsAndCategoriesMoveWithItsVersion(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a := e.tenant("acme")
	c1, _ := e.create(a.key, tp+"/provider-categories", map[string]any{"name": "Web", "slug": "web"})
	c2, _ := e.create(a.key, tp+"/provider-categories", map[string]any{"name": "Data", "slug": "data"})
	id, tag := e.create(a.key, tp+"/providers", validProvider(c2, c1))
	path := tp + "/providers/" + strconv.FormatInt(id, 10)
	m := must(t, e.do("GET", path, a.key, nil), http.StatusOK).json(t)
	if fmt.Sprint(m["category_ids"]) != fmt.Sprintf("[%d %d]", c1, c2) {
		t.Fatalf("category_ids %v", m["category_ids"])
	}
	skills := m["skills"].([]any)
	if len(skills) != 2 || skills[1].(map[string]any)["level"] != "intermediate" || m["bank_account"] != "GB00 1234" {
		t.Fatalf("provider %v", m)
	}

	upd := must(t, e.do("PATCH", path, a.key, map[string]any{"skills": []map[string]any{{"name": "Rust", "level": "advanced"}}},
		"If-Match", tag), http.StatusOK)
	m = upd.json(t)
	if len(m["skills"].([]any)) != 1 || upd.header.Get("ETag") == tag || len(m["category_ids"].([]any)) != 2 {
		t.Fatalf("patch skills: %v etag %s", m, upd.header.Get("ETag"))
	}
	// The old version cannot overwrite the skills change.
	must(t, e.do("PATCH", path, a.key, map[string]any{"category_ids": []int64{}}, "If-Match", tag), http.StatusPreconditionFailed)

	r := must(t, e.do("PATCH", path, a.key, map[string]any{"skills": []map[string]any{{"name": "Go"}, {"name": "go"}}},
		"If-Match", upd.header.Get("ETag")), http.StatusUnprocessableEntity)
	if f := r.fields(t); len(f) != 1 || f[0] != "skills[1].name" {
		t.Fatalf("duplicate skill fields %v", f)
	}
	r = must(t, e.do("PATCH", path, a.key, map[string]any{"category_ids": []int64{c1, 999999}},
		"If-Match", upd.header.Get("ETag")), http.StatusUnprocessableEntity)
	if f := r.fields(t); len(f) != 1 || f[0] != "category_ids" {
		t.Fatalf("unknown category fields %v", f)
	}
	// Deleting the provider takes its skills and links with it.
	must(t, e.do("DELETE", path, a.key, nil, "If-Match", upd.header.Get("ETag")), http.StatusNoContent)
	if e.count(a, "provider_skills") != 0 || e.count(a, "provider_category_links") != 0 {
		t.Fatal("children left behind")
	}
}

func TestProviderValidation(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a := e.tenant("acme")
	cases := []struct {
		name  string
		edit  []any
		field string
	}{
		{"javascript avatar", []any{"avatar_url", "javascript:alert(1)"}, "avatar_url"},
		{"protocol-relative cover", []any{"cover_image_url", "//cdn.example/x.png"}, "cover_image_url"},
		{"http avatar the site would not show", []any{"avatar_url", "http://img.example.com/a.png"}, "avatar_url"},
		{"bad type", []any{"provider_type", "robot"}, "provider_type"},
		{"bad availability", []any{"availability_status", "asleep"}, "availability_status"},
		{"bad currency", []any{"currency", "XYZ"}, "currency"},
		{"rating", []any{"rating_avg", 5.5}, "rating_avg"},
		{"response rate", []any{"response_rate", 101}, "response_rate"},
		{"hourly overflow", []any{"hourly_rate", 1e8}, "hourly_rate"},
		{"skill level", []any{"skills", []map[string]any{{"name": "Go", "level": "wizard"}}}, "skills[0].level"},
		{"skill years", []any{"skills", []map[string]any{{"name": "Go", "years_experience": 81}}}, "skills[0].years_experience"},
		{"category id", []any{"category_ids", []int64{0}}, "category_ids"},
		{"tagline newline", []any{"tagline", "a\nb"}, "tagline"},
		{"half a position", []any{"latitude", 45.76, "longitude", nil}, "longitude"},
		{"latitude out of range", []any{"latitude", -90.01, "longitude", 4.8}, "latitude"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := must(t, e.do("POST", tp+"/providers", a.key, with(validProvider(), c.edit...)), http.StatusUnprocessableEntity)
			if f := r.fields(t); len(f) != 1 || f[0] != c.field {
				t.Fatalf("fields %v, want [%s]", f, c.field)
			}
		})
	}
	if e.count(a, "service_providers") != 0 {
		t.Fatal("invalid provider stored")
	}
	r := must(t, e.do("POST", tp+"/providers", a.key, with(validProvider(), "avatar_url", "http://img.example.com/a.png")), http.StatusUnprocessableEntity)
	if !strings.Contains(string(r.body), "must use https") {
		t.Errorf("the 422 does not say why: %s", r.body)
	}
	must(t, e.do("POST", tp+"/providers", a.key, with(validProvider(), "avatar_url", "/media/ada.png")), http.StatusCreated)
}
