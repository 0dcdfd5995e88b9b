package tenants_test

import (
	"context"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/zumodra/zumodra/internal/apply"
	"github.com/zumodra/zumodra/internal/tenants"
	"github.com/zumodra/zumodra/internal/testdb"
	"github.com/zumodra/zumodra/internal/testfactory"
	"github.com/zumodra/zumodra/internal/worker"
)

// Deleting a tenant while workers apply its changes, and a writer keeps
// changing its rows, never deadlocks: the deletion takes the tenant's sync
// lock and locks in the workers' order. Each round ends with the tenant,
// its schema, its outbox rows and its catalog rows gone, and the workers
// still applying the other tenant's changes.
func TestDeleteWhileWorkersApplyThatTenant(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := testdb.New(t)
	keep := testfactory.Tenant(t, pool, nil)
	w, err := worker.New(pool, worker.Config{Workers: 3, BatchSize: 10, TenantsPerBatch: 2, PollInterval: 5 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	wctx, stop := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- w.Run(wctx) }()
	defer func() { stop(); <-done }()
	for round := range 6 {
		tn := testfactory.Tenant(t, pool, nil)
		for range 60 {
			testfactory.Job(t, pool, tn, nil)
		}
		writer := make(chan error, 1)
		go func() { writer <- touchJobs(ctx, pool, pgx.Identifier{tn.SchemaName, "job_postings"}.Sanitize()) }()
		if err := tenants.New(pool).Delete(ctx, tn.Slug); err != nil {
			t.Fatalf("round %d: delete while workers apply: %v", round, err)
		}
		if err := <-writer; err != nil {
			t.Logf("round %d: the writer ended with the schema: %v", round, err)
		}
		for table, n := range map[string]int{
			"public.tenants": count(t, pool, `SELECT count(*) FROM public.tenants WHERE id = $1`, tn.ID),
			"outbox":         count(t, pool, `SELECT count(*) FROM public.sync_outbox WHERE tenant_id = $1`, tn.ID),
			"job_catalog":    count(t, pool, `SELECT count(*) FROM public.job_catalog WHERE tenant_id = $1`, tn.ID),
		} {
			if n != 0 {
				t.Errorf("round %d: %d rows of the deleted tenant left in %s", round, n, table)
			}
		}
		if schemaExists(t, pool, tn.SchemaName) {
			t.Errorf("round %d: schema %s left", round, tn.SchemaName)
		}
	}
	testfactory.Job(t, pool, keep, nil)
	deadline := time.Now().Add(20 * time.Second)
	for count(t, pool, `SELECT count(*) FROM public.job_catalog WHERE tenant_id = $1`, keep.ID) != 1 {
		if time.Now().After(deadline) {
			t.Fatal("the workers stopped applying the other tenant's changes")
		}
		time.Sleep(20 * time.Millisecond) // another process's commit: nothing to wait on but the table
	}
}

// touchJobs updates the tenant's jobs until their table is gone (the
// error it returns then) or a bound of updates passes.
func touchJobs(ctx context.Context, pool *pgxpool.Pool, table string) error {
	for range 2000 {
		if _, err := pool.Exec(ctx, `UPDATE `+table+` SET title = title || '.' WHERE id = (SELECT id FROM `+table+` ORDER BY random() LIMIT 1)`); err != nil {
			return err
		}
	}
	return nil
}

// The interleaving that deadlocked, step by step: a worker has taken the
// tenant's sync lock and claimed its outbox rows when the deletion starts;
// then the worker reads the tenant row and its tables. The deletion waits
// for the worker's sync lock, and both finish.
func TestDeleteWaitsForAWorkerMidBatch(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := testdb.New(t)
	tn := testfactory.Tenant(t, pool, nil)
	testfactory.Job(t, pool, tn, nil)
	tx, err := pool.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = tx.Rollback(ctx) }()
	var locked bool
	if err := tx.QueryRow(ctx, `SELECT `+apply.TenantLockSQL("pg_try_advisory_xact_lock", "$1::bigint"), tn.ID).Scan(&locked); err != nil || !locked {
		t.Fatalf("worker's sync lock: %v %v", locked, err)
	}
	if _, err := tx.Exec(ctx, `SELECT id FROM public.sync_outbox WHERE tenant_id = $1 FOR UPDATE`, tn.ID); err != nil {
		t.Fatal(err)
	}
	deleted := make(chan error, 1)
	go func() { deleted <- tenants.New(pool).Delete(ctx, tn.Slug) }()
	waitForLockWait(t, pool)
	if _, err := tx.Exec(ctx, `SELECT 1 FROM public.tenants WHERE id = $1 FOR KEY SHARE`, tn.ID); err != nil {
		t.Fatalf("the worker reading its tenant: %v", err)
	}
	if _, err := tx.Exec(ctx, `SELECT count(*) FROM `+pgx.Identifier{tn.SchemaName, "job_postings"}.Sanitize()); err != nil {
		t.Fatalf("the worker reading the tenant's jobs: %v", err)
	}
	if err := tx.Commit(ctx); err != nil {
		t.Fatalf("the worker's commit: %v", err)
	}
	if err := <-deleted; err != nil {
		t.Fatalf("delete: %v", err)
	}
}

// waitForLockWait returns once some session of the database waits for a
// lock: the deletion has reached its first conflict.
func waitForLockWait(t *testing.T, pool *pgxpool.Pool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for count(t, pool, `SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
		WHERE NOT l.granted AND a.datname = current_database()`) == 0 {
		if time.Now().After(deadline) {
			t.Fatal("the deletion never waited for the worker")
		}
		time.Sleep(5 * time.Millisecond)
	}
}
