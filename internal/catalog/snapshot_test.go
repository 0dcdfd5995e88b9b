package catalog_test

import (
	"context"
	"testing"
	"time"

	"github.com/zumodra/zumodra/internal/catalog"
)

// One snapshot, one state: a job committed while a response is being read
// shows in none of its parts (cards, count, facets, stats), and the cached
// parts of that state never join a response of the next state.
func TestSnapshotShowsOneState(t *testing.T) {
	f := newFixture(t)
	store := catalog.New(f.pool, catalog.Options{Now: func() time.Time { return base }}) // caching on
	acme := f.tenant("acme", "Acme")
	f.job(acme, nil)
	ctx := context.Background()
	read := func(ctx context.Context) (page catalog.JobPage, facets catalog.JobFacets, st catalog.Stats) {
		var err error
		if page, err = store.SearchJobs(ctx, catalog.JobQuery{}); err != nil {
			t.Fatal(err)
		}
		if facets, err = store.JobFacets(ctx, catalog.JobQuery{}); err != nil {
			t.Fatal(err)
		}
		if st, err = store.Stats(ctx); err != nil {
			t.Fatal(err)
		}
		return page, facets, st
	}
	var v1 int64
	err := store.Snapshot(ctx, func(ctx context.Context) error {
		v1, _ = catalog.SnapshotVersion(ctx)
		page, _, _ := read(ctx)
		f.job(acme, nil) // commits now, from another connection
		_, facets, st := read(ctx)
		if page.Total != 1 || len(page.Jobs) != 1 || facets.JobTypes[0].Count != 1 || st.Jobs != 1 {
			t.Errorf("one snapshot mixed states: total %d, cards %d, facet %d, stats %d",
				page.Total, len(page.Jobs), facets.JobTypes[0].Count, st.Jobs)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	err = store.Snapshot(ctx, func(ctx context.Context) error {
		if v2, _ := catalog.SnapshotVersion(ctx); v2 != v1+1 {
			t.Errorf("next snapshot at version %d, want %d", v2, v1+1)
		}
		page, facets, st := read(ctx)
		if page.Total != 2 || len(page.Jobs) != 2 || facets.JobTypes[0].Count != 2 || st.Jobs != 2 {
			t.Errorf("the next state served the previous one's cache: total %d, cards %d, facet %d, stats %d",
				page.Total, len(page.Jobs), facets.JobTypes[0].Count, st.Jobs)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
