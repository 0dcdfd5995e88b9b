package openapi_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/zumodra/zumodra/internal/catalog"
	"github.com/zumodra/zumodra/internal/httpx"
	"github.com/zumodra/zumodra/internal/openapi"
	"github.com/zumodra/zumodra/internal/publicapi"
	"github.com/zumodra/zumodra/internal/tenantapi"
	"github.com/zumodra/zumodra/internal/tenants"
	"github.com/zumodra/zumodra/internal/testdb"
)

type documented struct {
	method, path string
	op           map[string]any
}

func doc(t *testing.T) map[string]any {
	t.Helper()
	var d map[string]any
	if err := json.Unmarshal(openapi.JSON(), &d); err != nil {
		t.Fatal(err)
	}
	return d
}

func operations(t *testing.T) []documented {
	var out []documented
	for path, item := range doc(t)["paths"].(map[string]any) {
		for method, op := range item.(map[string]any) {
			out = append(out, documented{strings.ToUpper(method), path, op.(map[string]any)})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].path+out[i].method < out[j].path+out[j].method })
	return out
}

// site is the real router: every package's own Routes on one mux.
type site struct {
	pool *pgxpool.Pool
	mux  *http.ServeMux
	srv  *httptest.Server
	key  string
}

func newSite(t *testing.T) *site {
	t.Helper()
	pool := testdb.New(t)
	mux := http.NewServeMux()
	publicapi.New(catalog.New(pool, catalog.Options{}), publicapi.Options{}).Routes(mux)
	tenantapi.New(pool, nil, tenantapi.WithSubmitLimiter(httpx.NewRateLimiter(1e6, 1e6))).Routes(mux)
	openapi.Routes(mux)
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	_, key, err := tenants.New(pool).Create(t.Context(), tenants.CreateParams{Slug: "acme", Name: "Acme"})
	if err != nil {
		t.Fatal(err)
	}
	return &site{pool: pool, mux: mux, srv: srv, key: key.Secret}
}

func TestEveryRegisteredRouteIsDocumented(t *testing.T) {
	s := newSite(t)
	ops := operations(t)
	n := 0
	for _, p := range registeredPatterns(t, s.mux) {
		method, path := splitPattern(p)
		if !strings.HasPrefix(path, "/api/") {
			continue
		}
		n++
		if !slices.ContainsFunc(ops, func(d documented) bool { return d.method == method && d.path == path }) {
			t.Errorf("route %q is served but not documented", p)
		}
	}
	t.Logf("%d routes under /api/ registered, %d operations documented", n, len(ops))
	if n != len(ops) {
		t.Errorf("%d routes registered, %d documented", n, len(ops))
	}
}

// Each documented operation, sent to the real router with a concrete
// path, reaches exactly the pattern it documents, and the status it gets
// is one the document lists for it.
func TestEveryDocumentedOperationIsServed(t *testing.T) {
	s := newSite(t)
	for _, d := range operations(t) {
		t.Run(d.method+" "+d.path, func(t *testing.T) {
			path := strings.ReplaceAll(d.path, "{id}", "1")
			req := httptest.NewRequest(d.method, path, nil)
			if _, pattern := s.mux.Handler(req); pattern != d.method+" "+d.path {
				t.Fatalf("the router matches %q, documented %s %s", pattern, d.method, d.path)
			}
			status := s.send(t, d, path)
			if _, ok := d.op["responses"].(map[string]any)[strconv.Itoa(status)]; !ok {
				t.Fatalf("answered %d, which the document does not list", status)
			}
		})
	}
}

// send makes the request with what the operation needs: the key when it
// is secured, its example body, an If-Match.
func (s *site) send(t *testing.T, d documented, path string) int {
	var body io.Reader
	if rb, ok := d.op["requestBody"].(map[string]any); ok {
		media := rb["content"].(map[string]any)["application/json"].(map[string]any)
		ex, _ := json.Marshal(media["example"])
		if media["example"] == nil {
			ex = []byte(`{}`)
		}
		body = bytes.NewReader(ex)
	}
	req, _ := http.NewRequest(d.method, s.srv.URL+path, body)
	if _, ok := d.op["security"]; ok {
		req.Header.Set("Authorization", "Bearer "+s.key)
	}
	req.Header.Set("If-Match", `"v1"`)
	req.Header.Set("Content-Type", "application/json")
	res, err := s.srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	return res.StatusCode
}

func TestUnknownAPIPathIsNotServed(t *testing.T) {
	s := newSite(t)
	for _, p := range []string{"/api/v1/tenant/secrets", "/api/v1/careers/jobs/1/delete", "/api/v2/careers/jobs"} {
		if _, pattern := s.mux.Handler(httptest.NewRequest("GET", p, nil)); pattern != "" {
			t.Errorf("%s matched %q", p, pattern)
		}
	}
}

// Every value a documented query enum lists is accepted by the router.
func TestDocumentedQueryEnumsAreAccepted(t *testing.T) {
	s := newSite(t)
	n := 0
	for _, d := range operations(t) {
		params, _ := d.op["parameters"].([]any)
		for _, p := range params {
			pm := p.(map[string]any)
			values, _ := pm["schema"].(map[string]any)["enum"].([]any)
			if pm["in"] != "query" || d.method != "GET" {
				continue
			}
			for _, v := range values {
				n++
				path := strings.ReplaceAll(d.path, "{id}", "1") + "?" + pm["name"].(string) + "=" + v.(string)
				if status := s.send(t, d, path); status != http.StatusOK {
					t.Errorf("GET %s: %d", path, status)
				}
			}
		}
	}
	if n == 0 {
		t.Fatal("no query enums documented")
	}
}
