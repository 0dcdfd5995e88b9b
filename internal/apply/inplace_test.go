package apply_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/zumodra/zumodra/internal/apply"
	"github.com/zumodra/zumodra/internal/kind"
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
		err := pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error {
			if err := apply.LockTenant(ctx, tx, tn.ID); err != nil {
				return err
			}
			if _, _, err := apply.SyncIDs(ctx, tx, tn, kind.Jobs, ids, apply.Options{}); err != nil {
				return err
			}
			return tx.QueryRow(ctx, `SELECT n_tup_upd, n_tup_hot_upd FROM pg_stat_xact_user_tables
				WHERE relid = 'public.job_catalog'::regclass`).Scan(&updated, &hot)
		})
		if err != nil {
			t.Fatal(err)
		}
		return updated, hot
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
