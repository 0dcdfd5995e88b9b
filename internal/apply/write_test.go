package apply_test

import (
	"context"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/zumodra/zumodra/internal/apply"
	"github.com/zumodra/zumodra/internal/kind"
	"github.com/zumodra/zumodra/internal/testdb"
	"github.com/zumodra/zumodra/internal/testfactory"
)

// A changed row the catalog holds is rewritten in place (an UPDATE, not an
// insert attempt): it keeps its public id, and its search vectors follow
// the new title. A row the UPDATE does not find, gone behind the tenant
// lock's back, is inserted all the same, under the same public id.
func TestChangedRowsAreRewrittenInPlace(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := testdb.New(t)
	tn := testfactory.Tenant(t, pool, nil)
	job := testfactory.Job(t, pool, tn, nil)
	sync := func() apply.Stats {
		t.Helper()
		var st apply.Stats
		err := pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error {
			if err := apply.LockTenant(ctx, tx, tn.ID); err != nil {
				return err
			}
			var err error
			st, _, err = apply.SyncIDs(ctx, tx, tn, kind.Jobs, []int64{job.ID}, apply.Options{})
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return st
	}
	publicID := func() (id int64) {
		t.Helper()
		if err := pool.QueryRow(ctx, `SELECT id FROM public.job_catalog WHERE tenant_id = $1 AND source_id = $2`,
			tn.ID, job.ID).Scan(&id); err != nil {
			t.Fatal(err)
		}
		return id
	}
	sync()
	id := publicID()
	if _, err := pool.Exec(ctx, `UPDATE `+pgx.Identifier{tn.SchemaName, "job_postings"}.Sanitize()+
		` SET title = 'Quixotic Platypus Wrangler' WHERE id = $1`, job.ID); err != nil {
		t.Fatal(err)
	}
	if st := sync(); st.Written != 1 || st.Inserted != 0 {
		t.Fatalf("edit applied %+v, want one row written in place", st)
	}
	var found bool
	if err := pool.QueryRow(ctx, `SELECT search @@ to_tsquery('english', 'platypus') FROM public.job_catalog
		WHERE tenant_id = $1 AND source_id = $2`, tn.ID, job.ID).Scan(&found); err != nil || !found {
		t.Fatalf("search vector after the edit matches the new title: %v, %v", found, err)
	}
	if got := publicID(); got != id {
		t.Fatalf("public id %d became %d", id, got)
	}

	if _, err := pool.Exec(ctx, `DELETE FROM public.job_catalog WHERE tenant_id = $1`, tn.ID); err != nil {
		t.Fatal(err)
	}
	if n, err := apply.WriteAsHeld(ctx, pool, tn, []int64{job.ID}); err != nil || n != 1 {
		t.Fatalf("write of a held row that is gone: %d rows, %v", n, err)
	}
	if got := publicID(); got != id {
		t.Fatalf("re-inserted row has public id %d, want %d", got, id)
	}
	if st := sync(); st.Unchanged != 1 {
		t.Fatalf("sync after the re-insert: %+v, want the row found as projected", st)
	}
}
