package intake_test

import (
	"context"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/intake"
	"github.com/zumodra/zumodra/internal/testdb"
)

// An unpublish in flight when the visitor submits: the submission's lock on
// the job waits for it, then sees the job unpublished and writes nothing.
// Without the lock (a plain read), the submission would read the old row
// and store an application for a job that is no longer public.
func TestApplicationWaitsForInFlightUnpublish(t *testing.T) {
	t.Parallel()
	pool := testdb.New(t)
	ten := newTenant(t, pool, "acme")
	job, cat := publicJob(t, pool, ten, "Go engineer")
	ctx := context.Background()

	tx, err := pool.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback(ctx)
	if _, err := tx.Exec(ctx, `UPDATE `+qtable(ten, "job_postings")+` SET published_on_career_page = false WHERE id = $1`, job); err != nil {
		t.Fatal(err)
	}

	done := make(chan error, 1)
	go func() {
		_, err := intake.New(pool, nil).SubmitApplication(ctx, cat, intake.Application{Name: "Ada", Email: "ada@example.com", ResumeText: "cv"})
		done <- err
	}()
	waitForLockWait(t, pool)
	if err := tx.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	if err := <-done; domain.ErrorCode(err) != domain.CodeGone {
		t.Fatalf("want gone, got %v", err)
	}
	if n := count(t, pool, ten, "applications"); n != 0 {
		t.Fatalf("%d applications stored", n)
	}
}

// waitForLockWait returns once some backend of this database waits for a
// row lock: the submission has reached its FOR SHARE.
func waitForLockWait(t *testing.T, pool *pgxpool.Pool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		var n int
		err := pool.QueryRow(context.Background(), `SELECT count(*) FROM pg_stat_activity
			WHERE datname = current_database() AND wait_event_type = 'Lock'`).Scan(&n)
		if err != nil {
			t.Fatal(err)
		}
		if n > 0 {
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatal("the submission never waited for the row lock")
}
