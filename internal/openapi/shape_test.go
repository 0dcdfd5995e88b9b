package openapi_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"slices"
	"sort"
	"strconv"
	"testing"

	"github.com/jackc/pgx/v5"
)

// get fetches path and decodes its JSON object.
func (s *site) call(t *testing.T, method, path string, body any) map[string]any {
	t.Helper()
	var rd io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	req, _ := http.NewRequest(method, s.srv.URL+path, rd)
	req.Header.Set("Authorization", "Bearer "+s.key)
	res, err := s.srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	if res.StatusCode >= 300 {
		t.Fatalf("%s %s: %d %s", method, path, res.StatusCode, raw)
	}
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

func schemaKeys(t *testing.T, name string) []string {
	t.Helper()
	s := doc(t)["components"].(map[string]any)["schemas"].(map[string]any)[name].(map[string]any)
	var keys []string
	for k := range s["properties"].(map[string]any) {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func sameKeys(t *testing.T, what string, m map[string]any, schema string) {
	t.Helper()
	var got []string
	for k := range m {
		got = append(got, k)
	}
	sort.Strings(got)
	if want := schemaKeys(t, schema); !slices.Equal(got, want) {
		t.Errorf("%s has fields %v, schema %s documents %v", what, got, schema, want)
	}
}

func example(t *testing.T, path, method string) any {
	op := doc(t)["paths"].(map[string]any)[path].(map[string]any)[method].(map[string]any)
	return op["requestBody"].(map[string]any)["content"].(map[string]any)["application/json"].(map[string]any)["example"]
}

// The documented examples are accepted, and what the API answers has
// exactly the documented fields, for the tenant resources, the public
// catalog rows the sync makes of them, submissions and the inboxes.
func TestResponsesHaveTheDocumentedFields(t *testing.T) {
	s := newSite(t)
	tp := "/api/v1/tenant"
	for _, r := range []struct{ path, schema string }{
		{"/job-categories", "JobCategory"}, {"/jobs", "TenantJob"},
		{"/provider-categories", "ProviderCategory"}, {"/providers", "ServiceProvider"},
	} {
		created := s.call(t, "POST", tp+r.path, example(t, tp+r.path, "post"))
		sameKeys(t, "POST "+r.path, created, r.schema)
		list := s.call(t, "GET", tp+r.path, nil)
		sameKeys(t, "GET "+r.path, list, r.schema+"Page")
	}
	s.syncAcme(t)
	jobs := s.call(t, "GET", "/api/v1/careers/jobs?facets=true", nil)
	sameKeys(t, "job list item", jobs["data"].([]any)[0].(map[string]any), "JobSummary")
	id := strconv.Itoa(int(jobs["data"].([]any)[0].(map[string]any)["id"].(float64)))
	sameKeys(t, "job detail", s.call(t, "GET", "/api/v1/careers/jobs/"+id, nil)["data"].(map[string]any), "Job")
	sameKeys(t, "job facets", jobs["facets"].(map[string]any), "JobFacets")
	sameKeys(t, "stats", s.call(t, "GET", "/api/v1/careers/stats", nil)["data"].(map[string]any), "Stats")

	var provID int64
	if err := s.pool.QueryRow(context.Background(), `SELECT id FROM public.provider_catalog`).Scan(&provID); err != nil {
		t.Fatal(err)
	}
	sameKeys(t, "provider detail", s.call(t, "GET", "/api/v1/providers/"+strconv.FormatInt(provID, 10), nil)["data"].(map[string]any), "Provider")
	company := strconv.Itoa(int(jobs["data"].([]any)[0].(map[string]any)["company_id"].(float64)))
	sameKeys(t, "company detail", s.call(t, "GET", "/api/v1/companies/"+company, nil)["data"].(map[string]any), "Company")
	sameKeys(t, "company list item", s.call(t, "GET", "/api/v1/companies", nil)["data"].([]any)[0].(map[string]any), "Company")

	receipt := s.call(t, "POST", "/api/v1/careers/jobs/"+id+"/applications", example(t, "/api/v1/careers/jobs/{id}/applications", "post"))
	sameKeys(t, "receipt", receipt, "Receipt")
	apps := s.call(t, "GET", tp+"/applications", nil)
	sameKeys(t, "application", apps["items"].([]any)[0].(map[string]any), "Application")
	status := s.call(t, "GET", tp+"/catalog-status", nil)
	sameKeys(t, "catalog status", status, "CatalogStatus")
	sameKeys(t, "catalog status item", status["items"].([]any)[0].(map[string]any), "CatalogStatusItem")
}

// syncAcme makes acme's rows public by running the same code the workers
// run (internal/apply), through the one helper tests share.
func (s *site) syncAcme(t *testing.T) {
	t.Helper()
	ctx := context.Background()
	pool := s.pool
	err := pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error { return syncTenant(ctx, tx, "acme") })
	if err != nil {
		t.Fatal(err)
	}
}
