package catalog_test

import (
	"slices"
	"testing"
	"time"

	"github.com/zumodra/zumodra/internal/catalog"
)

// orderRow is one row's place in the default order.
type orderRow struct {
	featured bool
	at       time.Time
	id       int64
}

// defaultOrder is featured first, then newest, the id breaking ties.
func defaultOrder(rows []orderRow) []int64 {
	slices.SortFunc(rows, func(a, b orderRow) int {
		switch {
		case a.featured != b.featured:
			if a.featured {
				return -1
			}
			return 1
		case !a.at.Equal(b.at):
			return b.at.Compare(a.at)
		}
		return int(b.id - a.id)
	})
	ids := make([]int64, len(rows))
	for i, r := range rows {
		ids[i] = r.id
	}
	return ids
}

// spread gives row i of n a featured flag and a published_at with many
// ties, so that pages break inside runs of equal keys.
func spread(i int) (bool, time.Time) {
	return i%3 == 0, base.Add(-time.Duration(i%4) * time.Hour)
}

// The default order of both lists is featured first, then newest; walking
// it page by page with cursors, forward and back, sees every row once.
func TestDefaultOrderPagesThroughEveryRowOnce(t *testing.T) {
	f := newFixture(t)
	tn := f.tenant("acme", "Acme")
	var jobs, provs []orderRow
	for i := range 23 {
		feat, at := spread(i)
		jobs = append(jobs, orderRow{feat, at, f.job(tn, func(r *jobRow) { r.Featured, r.PublishedAt = feat, at })})
		provs = append(provs, orderRow{feat, at, f.provider(tn, func(r *providerRow) { r.PublishedAt = at })})
		if feat {
			f.feature(provs[len(provs)-1].id)
		}
	}
	var gotJobs []int64
	var back []catalog.JobPage
	for p, cur := 0, ""; p == 0 || cur != ""; p++ {
		page := f.jobs(catalog.JobQuery{PageSize: 4, Cursor: cur})
		gotJobs, cur = append(gotJobs, jobIDs(page)...), page.Next
		back = append(back, page)
	}
	if want := defaultOrder(jobs); !slices.Equal(gotJobs, want) {
		t.Errorf("jobs by page:\n got %v\nwant %v", gotJobs, want)
	}
	for i := len(back) - 1; i > 0; i-- {
		prev := f.jobs(catalog.JobQuery{PageSize: 4, Cursor: back[i].Prev})
		if !slices.Equal(jobIDs(prev), jobIDs(back[i-1])) {
			t.Errorf("back to page %d: %v, want %v", i, jobIDs(prev), jobIDs(back[i-1]))
		}
	}
	var gotProvs []int64
	for p, cur := 0, ""; p == 0 || cur != ""; p++ {
		page := f.providers(catalog.ProviderQuery{PageSize: 4, Cursor: cur})
		gotProvs, cur = append(gotProvs, providerIDs(page)...), page.Next
	}
	if want := defaultOrder(provs); !slices.Equal(gotProvs, want) {
		t.Errorf("providers by page:\n got %v\nwant %v", gotProvs, want)
	}
}

func (f *fixture) feature(providerID int64) {
	f.t.Helper()
	if _, err := f.pool.Exec(f.t.Context(), `UPDATE public.provider_catalog SET is_featured = true WHERE id = $1`, providerID); err != nil {
		f.t.Fatal(err)
	}
}
