package tenantapi_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/zumodra/zumodra/internal/kind"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/zumodra/zumodra/internal/apply"
	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/openapi/openapitest"
	"github.com/zumodra/zumodra/internal/tenantapi"
	"github.com/zumodra/zumodra/internal/tenants"
	"github.com/zumodra/zumodra/internal/testdb"
)

// env is one test's database and API server.
type env struct {
	t    *testing.T
	pool *pgxpool.Pool
	srv  *httptest.Server
}

type tenant struct {
	domain.Tenant
	key string
}

func newEnv(t *testing.T, opts ...tenantapi.Option) *env {
	t.Helper()
	pool := testdb.New(t)
	mux := http.NewServeMux()
	tenantapi.New(pool, nil, opts...).Routes(mux)
	srv := httptest.NewServer(openapitest.Handler(t, mux))
	t.Cleanup(srv.Close)
	return &env{t: t, pool: pool, srv: srv}
}

func (e *env) tenant(slug string) tenant {
	e.t.Helper()
	ten, key, err := tenants.New(e.pool).Create(context.Background(), tenants.CreateParams{Slug: slug, Name: "Company " + slug})
	if err != nil {
		e.t.Fatalf("create tenant: %v", err)
	}
	return tenant{ten, key.Secret}
}

// resp is a response with its body read.
type resp struct {
	status int
	header http.Header
	body   []byte
}

func (r resp) json(t *testing.T) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(r.body, &m); err != nil {
		t.Fatalf("body %q: %v", r.body, err)
	}
	return m
}

// fields lists the field names of a problem document's errors.
func (r resp) fields(t *testing.T) []string {
	var out []string
	errs, _ := r.json(t)["errors"].([]any)
	for _, e := range errs {
		out = append(out, e.(map[string]any)["field"].(string))
	}
	return out
}

// do sends a request; body may be nil, a string (sent as is) or a value
// (sent as JSON). headers are name, value pairs.
func (e *env) do(method, path, key string, body any, headers ...string) resp {
	e.t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	case []byte:
		rd = bytes.NewReader(b)
	default:
		raw, err := json.Marshal(b)
		if err != nil {
			e.t.Fatal(err)
		}
		rd = bytes.NewReader(raw)
	}
	req, err := http.NewRequest(method, e.srv.URL+path, rd)
	if err != nil {
		e.t.Fatal(err)
	}
	if key != "" {
		req.Header.Set("Authorization", "Bearer "+key)
	}
	if rd != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	res, err := e.srv.Client().Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	return resp{status: res.StatusCode, header: res.Header, body: raw}
}

// must fails the test unless r has the status.
func must(t *testing.T, r resp, status int) resp {
	t.Helper()
	if r.status != status {
		t.Fatalf("status %d, want %d: %s", r.status, status, r.body)
	}
	return r
}

// create POSTs body and returns the new id and ETag.
func (e *env) create(key, path string, body any) (int64, string) {
	e.t.Helper()
	r := must(e.t, e.do("POST", path, key, body), http.StatusCreated)
	return int64(r.json(e.t)["id"].(float64)), r.header.Get("ETag")
}

// syncAll runs the real sync for every source row of the tenant and
// clears its outbox, as a worker's pass would.
func (e *env) syncAll(ten tenant) {
	e.t.Helper()
	ctx := context.Background()
	err := pgx.BeginFunc(ctx, e.pool, func(tx pgx.Tx) error {
		if err := apply.LockTenant(ctx, tx, ten.ID); err != nil {
			return err
		}
		for _, c := range []struct {
			cat   kind.Catalog
			table string
		}{{kind.Jobs, "job_postings"}, {kind.Providers, "service_providers"}} {
			rows, _ := tx.Query(ctx, `SELECT id FROM `+pgx.Identifier{ten.SchemaName, c.table}.Sanitize())
			ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
			if err != nil {
				return err
			}
			if _, _, err := apply.SyncIDs(ctx, tx, ten.Tenant, c.cat, ids, apply.Options{}); err != nil {
				return err
			}
		}
		_, err := tx.Exec(ctx, `DELETE FROM public.sync_outbox WHERE tenant_id = $1`, ten.ID)
		return err
	})
	if err != nil {
		e.t.Fatalf("sync: %v", err)
	}
}

func (e *env) catalogID(table string, ten tenant, sourceID int64) int64 {
	e.t.Helper()
	var id int64
	err := e.pool.QueryRow(context.Background(), `SELECT id FROM public.`+table+` WHERE tenant_id = $1 AND source_id = $2`, ten.ID, sourceID).Scan(&id)
	if err != nil {
		e.t.Fatalf("catalog row of %d: %v", sourceID, err)
	}
	return id
}

func (e *env) count(ten tenant, table string) int {
	e.t.Helper()
	var n int
	if err := e.pool.QueryRow(context.Background(), `SELECT count(*) FROM `+pgx.Identifier{ten.SchemaName, table}.Sanitize()).Scan(&n); err != nil {
		e.t.Fatal(err)
	}
	return n
}

const tp = "/api/v1/tenant"
