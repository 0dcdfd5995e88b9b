package apply_test

import (
	"context"
	"testing"

	"github.com/zumodra/zumodra/internal/apply"
	"github.com/zumodra/zumodra/internal/kind"
	"github.com/zumodra/zumodra/internal/resync"
	"github.com/zumodra/zumodra/internal/testfactory"
)

// An edit that leaves a row's HTML inputs alone takes the catalog's
// sanitised HTML instead of sanitising again. The test marks the stored
// HTML to see which happened; a full pass, and a repair's ForgetHashes,
// sanitise afresh, so a catalog edited behind the sync's back is repaired.
func TestUnchangedHTMLIsNotSanitisedAgain(t *testing.T) {
	f := newSkipFixture(t)
	ctx := context.Background()
	job := f.jobs[0].ID
	mark := func() {
		t.Helper()
		f.exec(t, `UPDATE public.job_catalog SET description_html = '<p>marked</p>', content_hash = '\x'
			WHERE tenant_id = $1 AND source_id = $2`, f.tn.ID, job)
	}
	description := func() string {
		t.Helper()
		var html string
		if err := f.pool.QueryRow(ctx, `SELECT description_html FROM public.job_catalog
			WHERE tenant_id = $1 AND source_id = $2`, f.tn.ID, job).Scan(&html); err != nil {
			t.Fatal(err)
		}
		return html
	}

	mark()
	f.exec(t, `UPDATE `+f.table("job_postings")+` SET title = title || ' II' WHERE id = $1`, job)
	f.sync(t, resync.Options{})
	if got := description(); got != "<p>marked</p>" {
		t.Fatalf("after a title edit the description is %q: sanitised again", got)
	}
	f.sync(t, resync.Options{Full: true})
	if got := description(); got == "<p>marked</p>" {
		t.Fatal("a full pass kept the catalog's HTML")
	}
	testfactory.RequireConverged(t, f.pool)

	mark()
	if err := apply.ForgetHashes(ctx, f.pool, kind.Jobs, f.tn.ID, []int64{job}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := apply.SyncIDs(ctx, f.pool, f.tn, kind.Jobs, []int64{job}, apply.Options{}); err != nil {
		t.Fatal(err)
	}
	testfactory.RequireConverged(t, f.pool)
}
