package tenantapi_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/zumodra/zumodra/internal/notify"
	"github.com/zumodra/zumodra/internal/tenantapi"
	"github.com/zumodra/zumodra/internal/webhooks"
)

const hooks = tp + "/webhook-endpoints"

// A loopback URL is refused at registration with the default guard, and
// hostile values are refused with 422 naming the field, storing nothing.
func TestWebhookRegistrationRefusesPrivateAndHostileURLs(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	acme := e.tenant("acme")
	local := httptest.NewServer(http.NotFoundHandler())
	defer local.Close()
	for _, body := range []map[string]any{
		{"url": local.URL, "events": []string{notify.ApplicationCreated}},
		{"url": "http://169.254.169.254/latest/meta-data/", "events": []string{notify.ApplicationCreated}},
		{"url": "http://[::ffff:127.0.0.1]/", "events": []string{notify.ApplicationCreated}},
		{"url": "javascript:alert(1)", "events": []string{notify.ApplicationCreated}},
		{"url": "https://example.com/\x00", "events": []string{notify.ApplicationCreated}},
		{"url": "https://example.com/" + strings.Repeat("a", 3000), "events": []string{notify.ApplicationCreated}},
		{"url": "https://example.com/', 'x'); DROP TABLE public.tenants; --", "events": []string{"application.deleted"}},
		{"url": "https://example.com/", "events": []string{}},
		{"url": "https://example.com/", "events": []string{notify.ApplicationCreated}, "description": "a\nb"},
	} {
		r := e.do("POST", hooks, acme.key, body)
		if r.status != http.StatusUnprocessableEntity {
			t.Errorf("%v: %d %s, want 422", body, r.status, r.body)
		}
	}
	var n int
	if err := e.pool.QueryRow(context.Background(), `SELECT count(*) FROM public.webhook_endpoints`).Scan(&n); err != nil || n != 0 {
		t.Fatalf("%d endpoints stored (%v), want none", n, err)
	}
}

// The whole life of an endpoint through the API: register (the secret
// shown once), read, change under If-Match, rotate, and another tenant
// sees none of it.
func TestWebhookEndpointLifecycle(t *testing.T) {
	t.Parallel()
	e := newEnv(t, tenantapi.WithWebhooks(notify.Endpoints{Guard: webhooks.Guard{AllowPrivate: true}}))
	acme, other := e.tenant("acme"), e.tenant("other")
	r := must(t, e.do("POST", hooks, acme.key, map[string]any{"url": "http://127.0.0.1:9/hook",
		"events": []string{notify.ApplicationCreated, notify.ApplicationCreated, notify.ListingExcluded}}), http.StatusCreated)
	body := r.json(t)
	id := int64(body["id"].(float64))
	secret, _ := body["secret"].(string)
	if !strings.HasPrefix(secret, webhooks.SecretPrefix) || r.header.Get("ETag") != `"v1"` || body["active"] != true {
		t.Fatalf("created %s", r.body)
	}
	if got := fmt.Sprint(body["events"]); got != "[application.created listing.excluded]" {
		t.Fatalf("events %s, want each once", got)
	}
	item := fmt.Sprintf("%s/%d", hooks, id)
	got := must(t, e.do("GET", item, acme.key, nil), http.StatusOK)
	if strings.Contains(string(got.body), secret) || strings.Contains(string(got.body), "whsec_") {
		t.Fatalf("the secret is shown again: %s", got.body)
	}
	for _, k := range []string{other.key} {
		must(t, e.do("GET", item, k, nil), http.StatusNotFound)
		must(t, e.do("PATCH", item, k, map[string]any{"active": false}, "If-Match", `"v1"`), http.StatusNotFound)
		must(t, e.do("DELETE", item, k, nil, "If-Match", `"v1"`), http.StatusNotFound)
		if l := must(t, e.do("GET", hooks, k, nil), http.StatusOK); strings.Contains(string(l.body), "127.0.0.1") {
			t.Fatalf("another tenant lists the endpoint: %s", l.body)
		}
	}
	must(t, e.do("PATCH", item, acme.key, map[string]any{"active": false}), http.StatusPreconditionRequired)
	p := must(t, e.do("PATCH", item, acme.key, map[string]any{"active": false, "events": []string{notify.ListingPublished}}, "If-Match", `"v1"`), http.StatusOK)
	if pb := p.json(t); pb["active"] != false || p.header.Get("ETag") != `"v2"` || fmt.Sprint(pb["events"]) != "[listing.published]" || pb["url"] != "http://127.0.0.1:9/hook" {
		t.Fatalf("patched %s", p.body)
	}
	must(t, e.do("PATCH", item, acme.key, map[string]any{"active": true}, "If-Match", `"v1"`), http.StatusPreconditionFailed)
	must(t, e.do("PATCH", item, acme.key, map[string]any{"active": "yes"}, "If-Match", `"v2"`), http.StatusBadRequest)
	rot := must(t, e.do("POST", item+"/rotate-secret", acme.key, nil, "If-Match", `"v2"`), http.StatusOK).json(t)
	if rot["secret"] == secret || rot["previous_secret_expires_at"] == nil {
		t.Fatalf("rotated %v", rot)
	}
	must(t, e.do("DELETE", item, acme.key, nil, "If-Match", `"v2"`), http.StatusPreconditionFailed)
	must(t, e.do("DELETE", item, acme.key, nil, "If-Match", `"v3"`), http.StatusNoContent)
	must(t, e.do("GET", item, acme.key, nil), http.StatusNotFound)
}

// Notification settings are versioned like every tenant resource, and
// refuse an address that could carry a header.
func TestNotificationSettings(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	acme := e.tenant("acme")
	const path = tp + "/notification-settings"
	g := must(t, e.do("GET", path, acme.key, nil), http.StatusOK)
	if g.json(t)["email"] != "" || g.header.Get("ETag") != `"v1"` {
		t.Fatalf("fresh settings %s %s", g.body, g.header.Get("ETag"))
	}
	for _, bad := range []string{"hr@acme.example\r\nBcc: spy@example.com", "not-an-address", strings.Repeat("x", 300) + "@example.com"} {
		must(t, e.do("PATCH", path, acme.key, map[string]any{"email": bad}, "If-Match", `"v1"`), http.StatusUnprocessableEntity)
	}
	p := must(t, e.do("PATCH", path, acme.key, map[string]any{"email": " hr@acme.example "}, "If-Match", `"v1"`), http.StatusOK)
	if p.json(t)["email"] != "hr@acme.example" || p.header.Get("ETag") != `"v2"` {
		t.Fatalf("patched %s", p.body)
	}
	must(t, e.do("PATCH", path, acme.key, map[string]any{"email": ""}, "If-Match", `"v1"`), http.StatusPreconditionFailed)
	if o := must(t, e.do("GET", path, e.tenant("other").key, nil), http.StatusOK); o.json(t)["email"] != "" {
		t.Fatalf("another tenant reads %s", o.body)
	}
}
