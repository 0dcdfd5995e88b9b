package worker_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/testdb"
	"github.com/zumodra/zumodra/internal/worker"
)

// env is one test's database and a worker pool driven with Drain.
type env struct {
	t   *testing.T
	ctx context.Context
	db  *pgxpool.Pool
	w   *worker.Pool
}

func newEnv(t *testing.T, cfg worker.Config) *env {
	t.Helper()
	db := testdb.New(t)
	w, err := worker.New(db, cfg)
	if err != nil {
		t.Fatal(err)
	}
	return &env{t: t, ctx: context.Background(), db: db, w: w}
}

// drain applies everything pending and fails the test on a batch error.
func (e *env) drain() worker.Totals {
	e.t.Helper()
	tot, err := e.w.Drain(e.ctx)
	if err != nil {
		e.t.Fatalf("drain: %v", err)
	}
	return tot
}

// exec runs SQL against a tenant schema: %s in sql is replaced by the
// quoted schema name.
func (e *env) exec(tn domain.Tenant, sql string, args ...any) {
	e.t.Helper()
	sql = fmt.Sprintf(sql, pgx.Identifier{tn.SchemaName}.Sanitize())
	if _, err := e.db.Exec(e.ctx, sql, args...); err != nil {
		e.t.Fatalf("exec %q: %v", sql, err)
	}
}

// jobRow returns the catalog row of a job, nil when absent.
func (e *env) jobRow(tn domain.Tenant, id int64) map[string]any {
	return e.catalogRow("job_catalog", tn, id)
}

func (e *env) providerRow(tn domain.Tenant, id int64) map[string]any {
	return e.catalogRow("provider_catalog", tn, id)
}

func (e *env) catalogRow(table string, tn domain.Tenant, id int64) map[string]any {
	e.t.Helper()
	rows, err := e.db.Query(e.ctx, `SELECT * FROM public.`+table+` WHERE tenant_id = $1 AND source_id = $2`, tn.ID, id)
	if err != nil {
		e.t.Fatal(err)
	}
	ms, err := pgx.CollectRows(rows, pgx.RowToMap)
	if err != nil {
		e.t.Fatal(err)
	}
	if len(ms) == 0 {
		return nil
	}
	return ms[0]
}

func (e *env) count(sql string, args ...any) int {
	e.t.Helper()
	var n int
	if err := e.db.QueryRow(e.ctx, sql, args...).Scan(&n); err != nil {
		e.t.Fatalf("count %q: %v", sql, err)
	}
	return n
}

func (e *env) catalogCount(tn domain.Tenant) (jobs, providers int) {
	e.t.Helper()
	return e.count(`SELECT count(*) FROM public.job_catalog WHERE tenant_id = $1`, tn.ID),
		e.count(`SELECT count(*) FROM public.provider_catalog WHERE tenant_id = $1`, tn.ID)
}

func (e *env) outboxCount() int {
	e.t.Helper()
	return e.count(`SELECT count(*) FROM public.sync_outbox`)
}

// waitFor polls cond until it holds or the deadline passes: for tests of
// the asynchronous path (Run), where the event has no other signal.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func schemaOf(tn domain.Tenant) string { return pgx.Identifier{tn.SchemaName}.Sanitize() }
