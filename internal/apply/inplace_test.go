package apply_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/zumodra/zumodra/internal/apply"
	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/kind"
	"github.com/zumodra/zumodra/internal/projection"
	"github.com/zumodra/zumodra/internal/source"
	"github.com/zumodra/zumodra/internal/testdb"
	"github.com/zumodra/zumodra/internal/testfactory"
)

// TestEditsRewriteCatalogRowsInPlace: an edit that changes no indexed
// column of a catalog row is written as a heap-only tuple, beside the old
// version on its page, without an entry in any index: the catalog keeps
// room on its pages for that (migration 0034). At the default fillfactor
// the sync packs its pages full and almost every such edit went to
// another page, and into all sixteen indexes.
func TestEditsRewriteCatalogRowsInPlace(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := testdb.New(t)
	tn := testfactory.Tenant(t, pool, nil)
	var ids []int64
	for i := range 60 {
		// Varied words, as real descriptions are, so that compression
		// leaves rows of a realistic size.
		words := make([]string, 120)
		for w := range words {
			words[w] = fmt.Sprintf("w%dx%d", i*7919+w*104729%1000003, w)
		}
		j := testfactory.Job(t, pool, tn, &testfactory.JobOpts{Description: "<p>" + strings.Join(words, " ") + "</p>"})
		ids = append(ids, j.ID)
	}
	syncAll := func() (updated, hot int64) {
		t.Helper()
		d := syncCounting(t, pool, tn, ids, `'public.job_catalog'::regclass`, "n_tup_upd", "n_tup_hot_upd")
		return d[0], d[1]
	}
	syncAll()
	if _, err := pool.Exec(ctx, `UPDATE `+pgx.Identifier{tn.SchemaName, "job_postings"}.Sanitize()+
		` SET meta_title = 'Edited ' || id`); err != nil {
		t.Fatal(err)
	}
	updated, hot := syncAll()
	if updated != int64(len(ids)) {
		t.Fatalf("%d catalog rows updated, want %d", updated, len(ids))
	}
	if hot*4 < updated {
		t.Fatalf("%d of %d edits were heap-only updates; want at least a quarter", hot, updated)
	}
}

// TestEditsKeepTheStoredHTML: an edit that leaves a job's HTML as it was
// does not write the HTML again (a long description stays where it is out
// of line, not compressed and stored anew); the row ends as a fresh
// projection makes it all the same; a row whose stored digests do not name
// its input gets its HTML written.
func TestEditsKeepTheStoredHTML(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := testdb.New(t)
	tn := testfactory.Tenant(t, pool, nil)
	words := make([]string, 1500)
	for w := range words {
		words[w] = fmt.Sprintf("%x", uint32(w)*2654435761)
	}
	job := testfactory.Job(t, pool, tn, &testfactory.JobOpts{Description: "<p>" + strings.Join(words, " ") + "</p>"})
	jobs := pgx.Identifier{tn.SchemaName, "job_postings"}.Sanitize()
	sync := func() (toastWrites int64) {
		t.Helper()
		return syncCounting(t, pool, tn, []int64{job.ID},
			`(SELECT reltoastrelid FROM pg_class WHERE oid = 'public.job_catalog'::regclass)`, "n_tup_ins")[0]
	}
	edit := func(title string) {
		t.Helper()
		if _, err := pool.Exec(ctx, `UPDATE `+jobs+` SET meta_title = $1 WHERE id = $2`, title, job.ID); err != nil {
			t.Fatal(err)
		}
	}
	converged := func(when string) {
		t.Helper()
		var want, got, title string
		if err := pool.QueryRow(ctx, `SELECT description_html, meta_title FROM public.job_catalog WHERE source_id = $1`, job.ID).Scan(&got, &title); err != nil {
			t.Fatal(err)
		}
		in, err := source.JobsByID(ctx, pool, tn, []int64{job.ID})
		if err != nil {
			t.Fatal(err)
		}
		row, _ := projection.Job(in[0])
		want = row.DescriptionHTML
		if got != want || title != row.MetaTitle {
			t.Fatalf("%s: the catalog holds %d bytes of HTML titled %q, a fresh projection %d titled %q", when, len(got), title, len(want), row.MetaTitle)
		}
	}

	if n := sync(); n == 0 {
		t.Fatal("the description was not stored out of line: the test needs a longer one")
	}
	edit("Edited once")
	if n := sync(); n != 0 {
		t.Fatalf("an edit of the meta title wrote %d out-of-line chunks: the HTML was stored anew", n)
	}
	converged("after an edit")

	// Stored HTML and digests that do not match the input (written behind
	// the sync): the UPDATE must not keep them.
	if _, err := pool.Exec(ctx, `UPDATE public.job_catalog SET description_html = '<p>stale</p>' WHERE source_id = $1`, job.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := pool.Exec(ctx, `UPDATE public.job_catalog SET html_digests = overlay(html_digests placing '\x00'::bytea from 1) WHERE source_id = $1`, job.ID); err != nil {
		t.Fatal(err)
	}
	edit("Edited twice")
	sync()
	converged("after an edit of a row with stale HTML")
}

// syncCounting syncs the tenant's jobs of these ids in one transaction and
// returns how much these counters of pg_stat_xact_all_tables grew for the
// relation relid (an SQL expression) within it. The view also shows the
// session's earlier transactions until they are flushed to the statistics
// (at most once a second), hence the difference.
func syncCounting(t *testing.T, pool *pgxpool.Pool, tn domain.Tenant, ids []int64, relid string, counters ...string) []int64 {
	t.Helper()
	ctx := context.Background()
	read := func(tx pgx.Tx) []int64 {
		vals := make([]int64, len(counters))
		dest := make([]any, len(counters))
		for i := range vals {
			dest[i] = &vals[i]
		}
		q := `SELECT ` + strings.Join(counters, ", ") + ` FROM pg_stat_xact_all_tables WHERE relid = ` + relid
		if err := tx.QueryRow(ctx, q).Scan(dest...); err != nil {
			t.Fatal(err)
		}
		return vals
	}
	var grew []int64
	err := pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error {
		before := read(tx)
		if err := apply.LockTenant(ctx, tx, tn.ID); err != nil {
			return err
		}
		if _, _, err := apply.SyncIDs(ctx, tx, tn, kind.Jobs, ids, apply.Options{}); err != nil {
			return err
		}
		grew = read(tx)
		for i := range grew {
			grew[i] -= before[i]
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return grew
}
