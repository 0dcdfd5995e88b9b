package changefeed_test

import (
	"context"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/zumodra/zumodra/internal/changefeed"
	"github.com/zumodra/zumodra/internal/kind"
	"github.com/zumodra/zumodra/internal/testdb"
	"github.com/zumodra/zumodra/internal/testfactory"
)

const insertJob = `INSERT INTO public.job_catalog (tenant_id, source_id, source_version, content_hash, title,
	job_type, experience_level, remote_policy, company_name, company_slug, published_at)
	VALUES ($1, $2, 1, '\x01', 'Engineer', 'full_time', 'mid', 'remote', 'Acme', 'acme', now()) RETURNING id`

func addJob(t *testing.T, q interface {
	QueryRow(context.Context, string, ...any) pgx.Row
}, tenantID, sourceID int64) int64 {
	t.Helper()
	var id int64
	if err := q.QueryRow(context.Background(), insertJob, tenantID, sourceID).Scan(&id); err != nil {
		t.Fatal(err)
	}
	return id
}

func current(t *testing.T, pool *pgxpool.Pool) int64 {
	t.Helper()
	v, err := changefeed.Current(context.Background(), pool)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func since(t *testing.T, pool *pgxpool.Pool, from, to int64) []changefeed.Change {
	t.Helper()
	got, complete, err := changefeed.Since(context.Background(), pool, from, to, 100)
	if err != nil || !complete {
		t.Fatalf("since %d..%d: complete %v, %v", from, to, complete, err)
	}
	return got
}

// Each changing transaction is one version, whatever its statements, with
// one change per row and the op the row saw; a rolled back transaction
// and a rolled back savepoint leave nothing.
func TestVersionPerTransaction(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := testdb.New(t)
	tn := testfactory.Tenant(t, pool, nil)
	v0 := current(t, pool)
	var a, b int64
	err := pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error {
		a, b = addJob(t, tx, tn.ID, 1), addJob(t, tx, tn.ID, 2)
		_, err := tx.Exec(ctx, `UPDATE public.job_catalog SET title = 'Lead' WHERE id = $1`, a)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if v := current(t, pool); v != v0+1 {
		t.Fatalf("version %d after one transaction from %d", v, v0)
	}
	got := since(t, pool, v0, v0+1)
	want := []changefeed.Change{{v0 + 1, kind.Jobs, a, tn.ID, changefeed.Insert}, {v0 + 1, kind.Jobs, b, tn.ID, changefeed.Insert},
		{v0 + 1, kind.Jobs, a, tn.ID, changefeed.Update}}
	if len(got) != len(want) {
		t.Fatalf("changes %+v, want %+v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("change %d = %+v, want %+v", i, got[i], want[i])
		}
	}

	tx, err := pool.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	addJob(t, tx, tn.ID, 3)
	_ = tx.Rollback(ctx)
	err = pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error {
		sp, err := tx.Begin(ctx)
		if err != nil {
			return err
		}
		addJob(t, sp, tn.ID, 4)
		return sp.Rollback(ctx)
	})
	if err != nil {
		t.Fatal(err)
	}
	if v := current(t, pool); v != v0+1 {
		t.Fatalf("rolled back work moved the version to %d", v)
	}
	if _, err := pool.Exec(ctx, `DELETE FROM public.tenants WHERE id = $1`, tn.ID); err != nil {
		t.Fatal(err)
	}
	gone := since(t, pool, v0+1, v0+2) // the cascade counts as a catalog write
	if len(gone) != 2 || gone[0].Op != changefeed.Delete || gone[1].Op != changefeed.Delete {
		t.Fatalf("tenant deletion: %+v", gone)
	}
}

// A transaction that wrote the catalog first but commits last gets the
// later version: a reader that has seen a version has seen every change
// before it, so the earlier writer's change is never skipped.
func TestVersionsFollowCommitOrder(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := testdb.New(t)
	tn := testfactory.Tenant(t, pool, nil)
	v0 := current(t, pool)
	early, err := pool.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = early.Rollback(ctx) }()
	first := addJob(t, early, tn.ID, 1) // written first, still open
	second := addJob(t, pool, tn.ID, 2) // written and committed after it
	if v := current(t, pool); v != v0+1 {
		t.Fatalf("version %d, want %d", v, v0+1)
	}
	if got := since(t, pool, v0, v0+1); len(got) != 1 || got[0].ID != second {
		t.Fatalf("first version lists %+v, want only row %d", got, second)
	}
	if err := early.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	if got := since(t, pool, v0+1, current(t, pool)); len(got) != 1 || got[0].ID != first || got[0].Version != v0+2 {
		t.Fatalf("the later commit lists %+v, want row %d at version %d", got, first, v0+2)
	}
}

// Pruned history cannot be listed: Since says so instead of returning a
// partial list, and Prune keeps what is newer than its cutoff.
func TestPrunedHistoryIsIncomplete(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := testdb.New(t)
	tn := testfactory.Tenant(t, pool, nil)
	v0 := current(t, pool)
	addJob(t, pool, tn.ID, 1)
	var cut time.Time
	if err := pool.QueryRow(ctx, `SELECT clock_timestamp()`).Scan(&cut); err != nil {
		t.Fatal(err)
	}
	kept := addJob(t, pool, tn.ID, 2)
	n, err := changefeed.Prune(ctx, pool, cut)
	if err != nil || n != 1 {
		t.Fatalf("prune: %d, %v", n, err)
	}
	if _, complete, err := changefeed.Since(ctx, pool, v0, v0+2, 100); err != nil || complete {
		t.Fatalf("a range reaching into pruned history: complete %v, %v", complete, err)
	}
	if got := since(t, pool, v0+1, v0+2); len(got) != 1 || got[0].ID != kept {
		t.Fatalf("after the cutoff: %+v", got)
	}
	if _, complete, _ := changefeed.Since(ctx, pool, v0+1, v0+2, 0); complete {
		t.Fatal("more changes than the limit were called complete")
	}
}
