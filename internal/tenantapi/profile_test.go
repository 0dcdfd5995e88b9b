package tenantapi_test

import (
	"context"
	"net/http"
	"slices"
	"testing"
)

const profilePath = tp + "/profile"

func TestProfileEditQueuesResync(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	acme, other := e.tenant("acme"), e.tenant("other")
	r := must(t, e.do("GET", profilePath, acme.key, nil), http.StatusOK)
	got := r.json(t)
	if got["name"] != "Company acme" || got["founded_year"] != nil || len(got["social_links"].([]any)) != 0 {
		t.Fatalf("fresh profile: %s", r.body)
	}
	queued := e.tenantResyncs(acme)
	body := map[string]any{"description": "We build tools.\n\nSince 2009.", "website": "https://acme.example",
		"industry": "Software", "size": "51-200", "founded_year": 2009, "headquarters_city": "Berlin",
		"headquarters_country": "DE", "social_links": []string{"https://github.com/acme", "https://x.com/acme"}}
	r = must(t, e.do("PATCH", profilePath, acme.key, body, "If-Match", r.header.Get("ETag")), http.StatusOK)
	got = r.json(t)
	if got["website"] != "https://acme.example" || got["founded_year"] != float64(2009) || got["size"] != "51-200" ||
		len(got["social_links"].([]any)) != 2 || got["name"] != "Company acme" {
		t.Fatalf("patched profile: %s", r.body)
	}
	if n := e.tenantResyncs(acme); n != queued+1 {
		t.Fatalf("a profile edit queued %d tenant resyncs, want 1", n-queued)
	}
	// The other tenant's profile is its own.
	if o := must(t, e.do("GET", profilePath, other.key, nil), http.StatusOK).json(t); o["website"] != "" {
		t.Fatalf("other tenant sees %v", o["website"])
	}
	// Nothing changed: no new version, no resync.
	tag := r.header.Get("ETag")
	r = must(t, e.do("PATCH", profilePath, acme.key, map[string]any{"industry": "Software"}, "If-Match", tag), http.StatusOK)
	if r.header.Get("ETag") != tag || e.tenantResyncs(acme) != queued+1 {
		t.Fatalf("a PATCH that changed nothing made version %s", r.header.Get("ETag"))
	}
	// null clears the founded year.
	r = must(t, e.do("PATCH", profilePath, acme.key, `{"founded_year": null}`, "If-Match", tag), http.StatusOK)
	if r.json(t)["founded_year"] != nil {
		t.Fatalf("founded_year not cleared: %s", r.body)
	}
	// The version read before is stale now.
	must(t, e.do("PATCH", profilePath, acme.key, map[string]any{"industry": "Tools"}, "If-Match", tag), http.StatusPreconditionFailed)
	must(t, e.do("PATCH", profilePath, acme.key, map[string]any{"industry": "Tools"}), http.StatusPreconditionRequired)
}

func TestProfileRefusesBadFields(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	acme := e.tenant("acme")
	tag := must(t, e.do("GET", profilePath, acme.key, nil), http.StatusOK).header.Get("ETag")
	bad := map[string]any{"website": "javascript:alert(1)", "size": "huge", "founded_year": 1066,
		"social_links": []string{"http://linkedin.com/company/acme"}, "headquarters_city": "Ber\nlin", "name": " "}
	r := must(t, e.do("PATCH", profilePath, acme.key, bad, "If-Match", tag), http.StatusUnprocessableEntity)
	fields := r.fields(t)
	for _, f := range []string{"website", "size", "founded_year", "social_links", "headquarters_city", "name"} {
		if !slices.Contains(fields, f) {
			t.Errorf("422 does not name %s: %s", f, r.body)
		}
	}
	r = must(t, e.do("PATCH", profilePath, acme.key, map[string]any{"social_links": []string{
		"https://a.example/1", "https://a.example/2", "https://a.example/3", "https://a.example/4",
		"https://a.example/5", "https://a.example/6", "https://a.example/7"}}, "If-Match", tag), http.StatusUnprocessableEntity)
	if !slices.Equal(r.fields(t), []string{"social_links"}) {
		t.Errorf("seven links: %s", r.body)
	}
	must(t, e.do("PATCH", profilePath, acme.key, map[string]any{"slug": "other"}, "If-Match", tag), http.StatusBadRequest)
	must(t, e.do("PATCH", profilePath, acme.key, map[string]any{"founded_year": "1999"}, "If-Match", tag), http.StatusBadRequest)
	// Nothing was written.
	if got := must(t, e.do("GET", profilePath, acme.key, nil), http.StatusOK); got.header.Get("ETag") != tag {
		t.Fatalf("a refused PATCH changed the version to %s", got.header.Get("ETag"))
	}
}

// tenantResyncs counts the resyncs of ten's company row queued (a
// profile edit queues 'company', a rename 'tenant', which covers it).
func (e *env) tenantResyncs(ten tenant) int {
	e.t.Helper()
	var n int
	err := e.pool.QueryRow(context.Background(),
		`SELECT count(*) FROM public.sync_outbox WHERE tenant_id = $1 AND entity IN ('tenant', 'company')`, ten.ID).Scan(&n)
	if err != nil {
		e.t.Fatal(err)
	}
	return n
}
