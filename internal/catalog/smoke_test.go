package catalog_test

import (
	"slices"
	"testing"
	"time"

	"github.com/zumodra/zumodra/internal/catalog"
)

func TestNewestFirstWithKeysetPages(t *testing.T) {
	f := newFixture(t)
	tn := f.tenant("acme", "Acme")
	var want []int64
	for i := range 5 {
		want = append(want, f.job(tn, func(r *jobRow) { r.PublishedAt = base.Add(-time.Duration(i) * time.Hour) }))
	}
	p1 := f.jobs(catalog.JobQuery{PageSize: 2})
	if !slices.Equal(jobIDs(p1), want[:2]) || p1.Total != 5 || !p1.TotalExact || p1.Prev != "" || p1.Page != 1 {
		t.Fatalf("page 1: %v total %d prev %q", jobIDs(p1), p1.Total, p1.Prev)
	}
	p2 := f.jobs(catalog.JobQuery{PageSize: 2, Cursor: p1.Next})
	p3 := f.jobs(catalog.JobQuery{PageSize: 2, Cursor: p2.Next})
	if !slices.Equal(jobIDs(p2), want[2:4]) || !slices.Equal(jobIDs(p3), want[4:]) || p3.Next != "" || p3.Page != 3 {
		t.Fatalf("pages 2, 3: %v %v next %q", jobIDs(p2), jobIDs(p3), p3.Next)
	}
	back := f.jobs(catalog.JobQuery{PageSize: 2, Cursor: p3.Prev})
	if !slices.Equal(jobIDs(back), want[2:4]) || back.Page != 2 {
		t.Fatalf("back to page 2: %v page %d", jobIDs(back), back.Page)
	}
	first := f.jobs(catalog.JobQuery{PageSize: 2, Cursor: back.Prev})
	if !slices.Equal(jobIDs(first), want[:2]) || first.Page != 1 || first.Prev != "" {
		t.Fatalf("back to page 1: %v page %d prev %q", jobIDs(first), first.Page, first.Prev)
	}
}

func TestSearchRanksTitleAbovePrefixAndTypos(t *testing.T) {
	f := newFixture(t)
	tn := f.tenant("acme", "Acme")
	inDesc := f.job(tn, func(r *jobRow) {
		r.Title, r.Description = "Office Manager", "<p>You will sit next to our python developers.</p>"
		r.PublishedAt = base.Add(-time.Minute)
	})
	inTitle := f.job(tn, func(r *jobRow) { r.Title = "Senior Python Developer"; r.PublishedAt = base.Add(-time.Hour) })
	f.job(tn, func(r *jobRow) { r.Title = "Accountant" })
	for _, q := range []string{"python", "pyth", "Python developer", "pyhton"} {
		p := f.jobs(catalog.JobQuery{Search: q})
		if len(p.Jobs) < 1 || p.Jobs[0].ID != inTitle || p.Sort != catalog.SortRelevance {
			t.Errorf("q=%q: got %v (search %q), want %d first", q, jobIDs(p), p.Search, inTitle)
		}
		_ = inDesc
	}
}
