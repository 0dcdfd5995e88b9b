package ops

import (
	"context"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/zumodra/zumodra/internal/database"
	"github.com/zumodra/zumodra/internal/testdb"
	"github.com/zumodra/zumodra/internal/testfactory"
)

// Two processes run the periodic applicant purge: while one is inside it
// (holding the task's lock, its purge held up by a lock on the table), the
// other skips its turn and deletes nothing; the first finishes and deletes
// the expired rows once.
func TestPeriodicPurgeRunsOnceAcrossProcesses(t *testing.T) {
	ctx := context.Background()
	pool := testdb.New(t)
	other, err := pgxpool.NewWithConfig(ctx, pool.Config().Copy()) // the second process's pool
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	tn := testfactory.Tenant(t, pool, nil)
	apps := pgx.Identifier{tn.SchemaName, "applications"}.Sanitize()
	exec(t, pool, `INSERT INTO `+apps+` (job_title, name, email, status, created_at, updated_at)
		VALUES ('Go', 'Ada', 'ada@example.com', 'rejected', now() - interval '400 days', now() - interval '400 days'),
		       ('Go', 'Bob', 'bob@example.com', 'new', now(), now())`)

	// Hold the purge of the first process up inside its run.
	blocker, err := pool.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer blocker.Rollback(ctx)
	if _, err := blocker.Exec(ctx, `LOCK TABLE `+apps+` IN ACCESS EXCLUSIVE MODE`); err != nil {
		t.Fatal(err)
	}
	first := &Periodic{Pool: pool, Retention: 365 * 24 * time.Hour}
	type result struct {
		ran bool
		err error
	}
	done := make(chan result, 1)
	go func() {
		ran, err := first.RunOnce(ctx, TaskRetention)
		done <- result{ran, err}
	}()
	waitForTaskLock(t, other, TaskRetention)

	second := &Periodic{Pool: other, Retention: 365 * 24 * time.Hour}
	if ran, err := second.RunOnce(ctx, TaskRetention); ran || err != nil {
		t.Fatalf("the second process ran the purge (%v, %v) while the first held it", ran, err)
	}
	if err := blocker.Rollback(ctx); err != nil {
		t.Fatal(err)
	}
	if r := <-done; !r.ran || r.err != nil {
		t.Fatalf("the first process: ran %v, %v", r.ran, r.err)
	}
	if n := count(t, pool, `SELECT count(*) FROM `+apps); n != 1 {
		t.Fatalf("%d applications left, want the recent one", n)
	}
	// With the lock free the second runs, and finds nothing more to do.
	if ran, err := second.RunOnce(ctx, TaskRetention); !ran || err != nil {
		t.Fatalf("second run: %v, %v", ran, err)
	}
	if n := count(t, pool, `SELECT count(*) FROM `+apps+` WHERE email = 'bob@example.com'`); n != 1 {
		t.Fatal("the recent application went")
	}
	// Retention 0 keeps everything: the task does nothing.
	exec(t, pool, `UPDATE `+apps+` SET created_at = now() - interval '400 days'`)
	exec(t, pool, `ALTER TABLE `+apps+` DISABLE TRIGGER applications_touch`)
	exec(t, pool, `UPDATE `+apps+` SET updated_at = now() - interval '400 days'`)
	if _, err := (&Periodic{Pool: pool}).RunOnce(ctx, TaskRetention); err != nil {
		t.Fatal(err)
	}
	if n := count(t, pool, `SELECT count(*) FROM `+apps); n != 1 {
		t.Fatal("retention 0 purged")
	}
}

// waitForTaskLock returns once some session holds the task's advisory
// lock: a condition polled, not a duration waited.
func waitForTaskLock(t *testing.T, pool *pgxpool.Pool, task Task) {
	t.Helper()
	for {
		var held bool
		err := pool.QueryRow(context.Background(), `SELECT EXISTS (SELECT FROM pg_locks
			WHERE locktype = 'advisory' AND granted AND classid = $1 AND objid = $2 AND objsubid = 2)`,
			int64(LockSpace), int64(taskKeys[task])).Scan(&held)
		if err != nil {
			t.Fatal(err)
		}
		if held {
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// Every periodic task runs on a pool of database.PeriodicConns, as serve
// and worker give them, though all start at once: each holds its lock's
// connection while working on another, so two at a time would wait for
// each other forever.
func TestPeriodicTasksShareTheirSmallPool(t *testing.T) {
	ctx := context.Background()
	pool := testdb.New(t)
	cfg := pool.Config().Copy()
	cfg.MaxConns = database.PeriodicConns
	small, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer small.Close()
	tn := testfactory.Tenant(t, pool, nil)
	testfactory.Job(t, pool, tn, nil)
	apps := pgx.Identifier{tn.SchemaName, "applications"}.Sanitize()
	exec(t, pool, `INSERT INTO `+apps+` (job_title, name, email, created_at, updated_at)
		VALUES ('Go', 'Ada', 'ada@example.com', now() - interval '400 days', now() - interval '400 days')`)
	runCtx, cancel := context.WithCancel(ctx)
	p := &Periodic{Pool: small, VerifyEvery: time.Hour, CleanupEvery: time.Hour, Retention: 365 * 24 * time.Hour}
	done := make(chan error, 1)
	go func() { done <- p.Run(runCtx) }()
	defer func() { cancel(); <-done }()
	deadline := time.Now().Add(30 * time.Second) // a bound on failure, not a wait for success
	for count(t, pool, `SELECT count(*) FROM public.catalog_verifications`) == 0 ||
		count(t, pool, `SELECT count(*) FROM `+apps) != 0 {
		if time.Now().After(deadline) {
			t.Fatal("the periodic tasks did not all run: stuck on their pool")
		}
		time.Sleep(20 * time.Millisecond)
	}
}
