package faults

import (
	"context"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// A worker frozen (SIGSTOP) inside its batch, holding a tenant's sync
// lock, loses its session and with it the lock after its pool's
// idle-in-transaction timeout; another worker then applies the tenant's
// changes while the first stays frozen.
func TestFrozenWorkerLosesTheTenantLock(t *testing.T) {
	d := newDB(t)
	tn, ids := d.tenantWithJobs(1)
	ctx := context.Background()
	// The process's periodic tasks take the tenant's lock too (the stale
	// sweep runs at start, on the admin limits), and the freeze may catch
	// one of them holding it rather than the sync worker: each pool's idle
	// timeout must free it.
	frozen := d.start("frozen worker", []string{"ZUMODRA_DB_ADMIN_IDLE_IN_TRANSACTION_TIMEOUT=1s"}, "worker", "--workers", "1",
		"--db-worker-idle-in-transaction-timeout", "1s", "--db-worker-lock-timeout", "1m")
	waitFor(t, 30*time.Second, "the job public", func() bool {
		var n int
		return d.pool.QueryRow(ctx, `SELECT count(*) FROM public.job_catalog WHERE tenant_id = $1`, tn.ID).Scan(&n) == nil && n == 1
	})
	// Hold the tenant row so the worker's next batch stops inside its
	// transaction, after taking the tenant's lock and claiming the change.
	tx, err := d.pool.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = tx.Rollback(ctx) }()
	if _, err := tx.Exec(ctx, `SELECT 1 FROM public.tenants WHERE id = $1 FOR UPDATE`, tn.ID); err != nil {
		t.Fatal(err)
	}
	table := pgx.Identifier{tn.SchemaName, "job_postings"}.Sanitize()
	if _, err := d.pool.Exec(ctx, `UPDATE `+table+` SET title = 'Changed while frozen' WHERE id = $1`, ids[0]); err != nil {
		t.Fatal(err)
	}
	waitFor(t, 30*time.Second, "the worker waiting inside its batch", func() bool {
		var n int
		return d.pool.QueryRow(ctx, `SELECT count(*) FROM pg_locks WHERE NOT granted AND locktype IN ('tuple', 'transactionid')`).Scan(&n) == nil && n > 0
	})
	frozen.signal(syscall.SIGSTOP)
	if err := tx.Rollback(ctx); err != nil { // the frozen worker's statement completes; its session sits idle in its transaction
		t.Fatal(err)
	}
	d.start("second worker", nil, "worker", "--workers", "1")
	took := waitFor(t, 30*time.Second, "the change applied by the second worker", func() bool {
		var n int
		return d.pool.QueryRow(ctx, `SELECT count(*) FROM public.job_catalog WHERE tenant_id = $1 AND title = 'Changed while frozen'`, tn.ID).Scan(&n) == nil && n == 1
	})
	t.Logf("a frozen worker's tenant applied by another worker %s after the freeze (idle-in-transaction timeout 1s)", took.Round(10*time.Millisecond))
	select {
	case <-frozen.done:
		t.Fatal("the frozen worker exited; the test proves nothing")
	default:
	}
	frozen.signal(syscall.SIGCONT)
	d.drainedAndVerified(30 * time.Second)
}
