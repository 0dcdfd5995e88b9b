package tenantapi_test

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/zumodra/zumodra/internal/idempotency"
)

const idem = "Idempotency-Key"

// A create sent again with its key is answered from the record: one row,
// the same id, the same body, marked as replayed.
func TestIdempotentCreateIsDoneOnce(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a := e.tenant("acme")
	body := map[string]any{"name": "Engineering", "slug": "engineering"}
	first := must(t, e.do("POST", tp+"/job-categories", a.key, body, idem, "k-1"), http.StatusCreated)
	again := must(t, e.do("POST", tp+"/job-categories", a.key, body, idem, "k-1"), http.StatusCreated)
	if string(again.body) != string(first.body) || again.header.Get("Location") != first.header.Get("Location") ||
		again.header.Get("ETag") != first.header.Get("ETag") || again.header.Get("Idempotent-Replayed") != "true" {
		t.Fatalf("replay %s %v, first %s %v", again.body, again.header, first.body, first.header)
	}
	if first.header.Get("Idempotent-Replayed") != "" {
		t.Fatal("the first answer says it was replayed")
	}
	if n := e.count(a, "job_categories"); n != 1 {
		t.Fatalf("%d rows after a retry", n)
	}
	// Another body under the same key is a client's mistake.
	other := map[string]any{"name": "Sales", "slug": "sales"}
	must(t, e.do("POST", tp+"/job-categories", a.key, other, idem, "k-1"), http.StatusUnprocessableEntity)
	// Another tenant's keys are its own.
	b := e.tenant("globex")
	must(t, e.do("POST", tp+"/job-categories", b.key, body, idem, "k-1"), http.StatusCreated)
	if n := e.count(a, "job_categories"); n != 1 {
		t.Fatalf("%d rows", n)
	}
}

// Twins sent at once block on the key: one write, every twin the answer.
func TestConcurrentTwinsWriteOnce(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a := e.tenant("acme")
	body := map[string]any{"name": "Engineering", "slug": "engineering"}
	var wg sync.WaitGroup
	got := make([]resp, 8)
	for i := range got {
		wg.Go(func() { got[i] = e.do("POST", tp+"/job-categories", a.key, body, idem, "twin") })
	}
	wg.Wait()
	for i, r := range got {
		if r.status != http.StatusCreated || string(r.body) != string(got[0].body) {
			t.Fatalf("twin %d: %d %s, first %s", i, r.status, r.body, got[0].body)
		}
	}
	if n := e.count(a, "job_categories"); n != 1 {
		t.Fatalf("%d rows from 8 twins", n)
	}
}

// A write that rolled back leaves no key: the same request, once it can
// succeed, is done.
func TestFailedWriteLeavesNoKey(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a := e.tenant("acme")
	id, _ := e.create(a.key, tp+"/job-categories", map[string]any{"name": "Engineering", "slug": "engineering"})
	path := tp + "/job-categories/" + strconv.FormatInt(id, 10)
	patch := map[string]any{"name": "Eng"}
	must(t, e.do("PATCH", path, a.key, patch, "If-Match", `"v9"`, idem, "p-1"), http.StatusPreconditionFailed)
	r := must(t, e.do("PATCH", path, a.key, patch, "If-Match", `"v1"`, idem, "p-1"), http.StatusOK)
	if r.header.Get("Idempotent-Replayed") != "" || r.header.Get("ETag") != `"v2"` {
		t.Fatalf("after a rolled-back try: %v %s", r.header, r.body)
	}
	// Sent again, the PATCH is not applied twice (it would be v3).
	r = must(t, e.do("PATCH", path, a.key, patch, "If-Match", `"v1"`, idem, "p-1"), http.StatusOK)
	if r.header.Get("ETag") != `"v2"` || r.header.Get("Idempotent-Replayed") != "true" {
		t.Fatalf("retry: %v %s", r.header, r.body)
	}
}

func TestBadIdempotencyKeys(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a := e.tenant("acme")
	body := map[string]any{"name": "Engineering", "slug": "engineering"}
	for _, k := range []string{"has space", strings.Repeat("k", idempotency.MaxKey+1), "caf\u00e9", "tab\there"} {
		r := must(t, e.do("POST", tp+"/job-categories", a.key, body, idem, k), http.StatusBadRequest)
		if f := r.fields(t); len(f) != 1 || f[0] != idem {
			t.Fatalf("key %q: fields %v", k, f)
		}
	}
	if n := e.count(a, "job_categories"); n != 0 {
		t.Fatalf("%d rows written with bad keys", n)
	}
	// A key on a read changes nothing.
	must(t, e.do("GET", tp+"/job-categories", a.key, nil, idem, "has space"), http.StatusOK)
}

// Keys older than the retention are swept and may be used again.
func TestExpiredKeysAreSweptAndReused(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a := e.tenant("acme")
	ctx := context.Background()
	must(t, e.do("POST", tp+"/job-categories", a.key, map[string]any{"name": "A", "slug": "a"}, idem, "old"), http.StatusCreated)
	if _, err := e.pool.Exec(ctx, `UPDATE public.tenant_idempotency_keys SET created_at = now() - interval '25 hours'`); err != nil {
		t.Fatal(err)
	}
	must(t, e.do("POST", tp+"/job-categories", a.key, map[string]any{"name": "B", "slug": "b"}, idem, "old"), http.StatusCreated)
	if n := e.count(a, "job_categories"); n != 2 {
		t.Fatalf("%d rows: the expired key was not reused", n)
	}
	if _, err := e.pool.Exec(ctx, `UPDATE public.tenant_idempotency_keys SET created_at = now() - interval '25 hours'`); err != nil {
		t.Fatal(err)
	}
	if n, err := idempotency.Sweep(ctx, e.pool, time.Now().Add(-idempotency.Retention), true); err != nil || n != 1 {
		t.Fatalf("dry run: %d %v", n, err)
	}
	if n, err := idempotency.Sweep(ctx, e.pool, time.Now().Add(-idempotency.Retention), false); err != nil || n != 1 {
		t.Fatalf("sweep: %d %v", n, err)
	}
	if n, err := idempotency.Sweep(ctx, e.pool, time.Now().Add(-idempotency.Retention), true); err != nil || n != 0 {
		t.Fatalf("after sweep: %d %v", n, err)
	}
}
