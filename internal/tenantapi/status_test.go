package tenantapi_test

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"testing"
)

func statusOf(t *testing.T, e *env, key, kind string, id int64) map[string]any {
	t.Helper()
	items := must(t, e.do("GET", tp+"/catalog-status?limit=200", key, nil), http.StatusOK).json(t)["items"].([]any)
	for _, it := range items {
		m := it.(map[string]any)
		if m["kind"] == kind && m["id"] == float64(id) {
			return m
		}
	}
	t.Fatalf("%s %d not in catalog status", kind, id)
	return nil
}

func expectStatus(t *testing.T, m map[string]any, state, reasons, pending string) {
	t.Helper()
	if m["state"] != state || fmt.Sprint(m["reasons"]) != reasons || fmt.Sprint(m["pending"]) != pending {
		t.Fatalf("status %v, want state %s reasons %s pending %s", m, state, reasons, pending)
	}
}

func TestCatalogStatusFollowsTheWorkflow(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a := e.tenant("acme")
	job, tag := e.create(a.key, tp+"/jobs", validJob())
	draft, _ := e.create(a.key, tp+"/jobs", with(validJob(), "status", "draft", "is_internal_only", true))
	prov, _ := e.create(a.key, tp+"/providers", with(validProvider(), "marketplace_enabled", false))

	expectStatus(t, statusOf(t, e, a.key, "job", job), "pending", "[]", "[queued catalog_missing]")
	e.syncAll(a)
	expectStatus(t, statusOf(t, e, a.key, "job", job), "public", "[]", "[]")
	expectStatus(t, statusOf(t, e, a.key, "job", draft), "excluded", "[internal_only not_open]", "[]")
	expectStatus(t, statusOf(t, e, a.key, "provider", prov), "excluded", "[marketplace_disabled]", "[]")

	// An edit the sync has not applied yet.
	r := must(t, e.do("PATCH", tp+"/jobs/"+strconv.FormatInt(job, 10), a.key, map[string]any{"title": "Senior Go engineer"}, "If-Match", tag), http.StatusOK)
	expectStatus(t, statusOf(t, e, a.key, "job", job), "pending", "[]", "[queued catalog_outdated]")
	e.syncAll(a)
	expectStatus(t, statusOf(t, e, a.key, "job", job), "public", "[]", "[]")

	// Unpublished but the catalog still has it.
	must(t, e.do("PATCH", tp+"/jobs/"+strconv.FormatInt(job, 10), a.key, map[string]any{"published_on_career_page": false}, "If-Match", r.header.Get("ETag")), http.StatusOK)
	expectStatus(t, statusOf(t, e, a.key, "job", job), "pending", "[not_published]", "[queued catalog_stale]")
	e.syncAll(a)
	expectStatus(t, statusOf(t, e, a.key, "job", job), "excluded", "[not_published]", "[]")

	// A suspended tenant: everything is excluded for that reason first.
	if _, err := e.pool.Exec(context.Background(), `UPDATE public.tenants SET status = 'suspended' WHERE id = $1`, a.ID); err != nil {
		t.Fatal(err)
	}
	m := must(t, e.do("GET", tp+"/catalog-status", a.key, nil), http.StatusOK).json(t)
	if m["tenant_status"] != "suspended" {
		t.Fatalf("tenant_status %v", m["tenant_status"])
	}
	expectStatus(t, statusOf(t, e, a.key, "job", draft), "pending", "[tenant_suspended internal_only not_open]", "[queued]")
}

func TestCatalogStatusPaginatesAcrossKinds(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a := e.tenant("acme")
	for range 3 {
		e.create(a.key, tp+"/jobs", validJob())
		e.create(a.key, tp+"/providers", validProvider())
	}
	var seen []string
	cursor := ""
	for range 10 {
		m := must(t, e.do("GET", tp+"/catalog-status?limit=4&cursor="+cursor, a.key, nil), http.StatusOK).json(t)
		for _, it := range m["items"].([]any) {
			seen = append(seen, fmt.Sprintf("%v %v", it.(map[string]any)["kind"], it.(map[string]any)["id"]))
		}
		next, ok := m["next_cursor"].(string)
		if !ok {
			break
		}
		cursor = next
	}
	if fmt.Sprint(seen) != "[job 1 job 2 job 3 provider 1 provider 2 provider 3]" {
		t.Fatalf("pages gave %v", seen)
	}
	must(t, e.do("GET", tp+"/catalog-status?cursor=tenant:1", a.key, nil), http.StatusBadRequest)
}
