package notify_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/zumodra/zumodra/internal/apply"
	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/intake"
	"github.com/zumodra/zumodra/internal/kind"
	"github.com/zumodra/zumodra/internal/notify"
	"github.com/zumodra/zumodra/internal/tenants"
	"github.com/zumodra/zumodra/internal/testdb"
	"github.com/zumodra/zumodra/internal/webhooks"
)

// env is one test's database, tenant and one public job of it.
type env struct {
	t      *testing.T
	pool   *pgxpool.Pool
	tenant domain.Tenant
	jobID  int64 // source id
	catJob int64 // catalog id
}

var private = notify.Endpoints{Guard: webhooks.Guard{AllowPrivate: true}}

func newEnv(t *testing.T) *env {
	t.Helper()
	pool := testdb.New(t)
	ten, _, err := tenants.New(pool).Create(context.Background(), tenants.CreateParams{Slug: "acme", Name: "Acme"})
	if err != nil {
		t.Fatal(err)
	}
	e := &env{t: t, pool: pool, tenant: ten}
	err = pool.QueryRow(context.Background(), `INSERT INTO `+pgx.Identifier{ten.SchemaName, "job_postings"}.Sanitize()+`
		(title, status, published_on_career_page, published_at) VALUES ('Go engineer', 'open', true, now() - interval '1 day')
		RETURNING id`).Scan(&e.jobID)
	if err != nil {
		t.Fatal(err)
	}
	e.sync(kind.Jobs, e.jobID)
	if err := pool.QueryRow(context.Background(), `SELECT id FROM public.job_catalog WHERE tenant_id = $1 AND source_id = $2`,
		ten.ID, e.jobID).Scan(&e.catJob); err != nil {
		t.Fatal(err)
	}
	return e
}

// sync applies source rows to the catalog with the real apply code, as a
// sync worker would.
func (e *env) sync(c kind.Catalog, ids ...int64) {
	e.t.Helper()
	ctx := context.Background()
	err := pgx.BeginFunc(ctx, e.pool, func(tx pgx.Tx) error {
		if err := apply.LockTenant(ctx, tx, e.tenant.ID); err != nil {
			return err
		}
		_, _, err := apply.SyncIDs(ctx, tx, e.tenant, c, ids, apply.Options{})
		return err
	})
	if err != nil {
		e.t.Fatalf("sync: %v", err)
	}
}

// endpoint registers url for events and returns it with its secret.
func (e *env) endpoint(url string, events ...string) notify.Secret {
	e.t.Helper()
	s, err := private.Create(context.Background(), e.pool, e.tenant.ID, notify.EndpointInput{URL: url, Events: events})
	if err != nil {
		e.t.Fatalf("register endpoint: %v", err)
	}
	return s
}

func (e *env) apply(svc *intake.Service, name string) intake.Receipt {
	e.t.Helper()
	r, err := svc.SubmitApplication(context.Background(), e.catJob, intake.Application{
		Name: name, Email: "ada@example.com", ResumeURL: "https://example.com/cv.pdf", CoverLetter: "Hello.\r\n.\r\nBcc: evil@example.com"})
	if err != nil {
		e.t.Fatalf("apply: %v", err)
	}
	return r
}

func (e *env) count(sql string, args ...any) int {
	e.t.Helper()
	var n int
	if err := e.pool.QueryRow(context.Background(), sql, args...).Scan(&n); err != nil {
		e.t.Fatalf("%s: %v", sql, err)
	}
	return n
}

// worker is a delivery worker on the test's database whose retries are
// due at once: the tests decide when the next attempt runs, not a clock.
func (e *env) worker(g webhooks.Guard, m notify.Mailer) *notify.Worker {
	return &notify.Worker{Pool: e.pool, Guard: g, Mailer: m, BackoffBase: time.Nanosecond, BackoffLimit: time.Nanosecond, SendTimeout: 5 * time.Second}
}

// deliver runs the worker until nothing is due, and returns how many
// attempts it made.
func deliver(t *testing.T, w *notify.Worker) int {
	t.Helper()
	n := 0
	for {
		sent, err := w.DeliverOne(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if !sent {
			return n
		}
		if n++; n > 50 {
			t.Fatal("the worker keeps finding due deliveries")
		}
	}
}

// receiver is a tenant's endpoint: it fails its first `failures` requests
// with 503, then verifies each with a Verifier per secret it knows.
type receiver struct {
	mu       sync.Mutex
	failures int
	secrets  []string
	requests []http.Header
	bodies   [][]byte
	verified []error
	srv      *httptest.Server
}

func newReceiver(t *testing.T, failures int) *receiver {
	r := &receiver{failures: failures}
	r.srv = httptest.NewServer(r)
	t.Cleanup(r.srv.Close)
	return r
}

func (r *receiver) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	body, _ := io.ReadAll(req.Body)
	r.mu.Lock()
	defer r.mu.Unlock()
	r.requests = append(r.requests, req.Header.Clone())
	r.bodies = append(r.bodies, body)
	if r.failures > 0 {
		r.failures--
		http.Error(w, "busy, try later", http.StatusServiceUnavailable)
		return
	}
	var err error = webhooks.ErrNoSignature
	for _, s := range r.secrets {
		// A fresh verifier per request: replays are the test's to judge.
		if err = (&webhooks.Verifier{Secret: s}).Verify(req.Header, body); err == nil {
			break
		}
	}
	r.verified = append(r.verified, err)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
