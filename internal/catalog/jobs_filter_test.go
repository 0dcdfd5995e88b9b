package catalog_test

import (
	"slices"
	"testing"
	"time"

	"github.com/zumodra/zumodra/internal/catalog"
)

func TestJobFiltersEachSelectTheirRows(t *testing.T) {
	f := newFixture(t)
	acme, globex := f.tenant("acme", "Acme"), f.tenant("globex", "Globex")
	plain := f.job(acme, nil)
	design := f.job(acme, func(r *jobRow) { r.CategorySlug, r.CategoryName = "design", "Design" })
	contract := f.job(acme, func(r *jobRow) { r.JobType = "contract" })
	intern := f.job(acme, func(r *jobRow) { r.JobType = "internship" })
	senior := f.job(acme, func(r *jobRow) { r.Level = "senior" })
	remote := f.job(acme, func(r *jobRow) { r.Remote = "remote" })
	hybrid := f.job(acme, func(r *jobRow) { r.Remote = "hybrid" })
	paris := f.job(acme, func(r *jobRow) { r.Country, r.City = "France", "Paris" })
	munich := f.job(acme, func(r *jobRow) { r.City = "Munich" })
	rich := f.job(acme, func(r *jobRow) { r.SalaryMin, r.SalaryMax = money(90000), money(120000) })
	minOnly := f.job(acme, func(r *jobRow) { r.SalaryMin = money(105000) })
	f.job(acme, func(r *jobRow) { r.SalaryMin, r.SalaryMax = money(40000), money(60000) })
	other := f.job(globex, nil)
	all := []int64{plain, design, contract, intern, senior, remote, hybrid, paris, munich, rich, minOnly, other}

	cases := []struct {
		name string
		q    catalog.JobQuery
		want []int64
	}{
		{"category", catalog.JobQuery{Category: "design"}, []int64{design}},
		{"job types", catalog.JobQuery{JobTypes: []string{"contract", "internship"}}, []int64{contract, intern}},
		{"level", catalog.JobQuery{Levels: []string{"senior"}}, []int64{senior}},
		{"remote or hybrid", catalog.JobQuery{Remote: []string{"remote", "hybrid"}}, []int64{remote, hybrid}},
		{"country", catalog.JobQuery{Country: "France"}, []int64{paris}},
		{"city", catalog.JobQuery{Country: "Germany", City: "Munich"}, []int64{munich}},
		{"min salary reaches max or min", catalog.JobQuery{MinSalary: money(100000)}, []int64{rich, minOnly}},
		{"company", catalog.JobQuery{Company: "globex"}, []int64{other}},
		{"combined", catalog.JobQuery{Company: "acme", JobTypes: []string{"contract"}, Country: "Germany"}, []int64{contract}},
		{"unknown company", catalog.JobQuery{Company: "nobody"}, nil},
		{"injection is a value", catalog.JobQuery{Company: "' OR 1=1 --", Search: "'; DROP TABLE x; --"}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			c.q.PageSize = 100
			got := f.jobs(c.q)
			if !sameSet(jobIDs(got), c.want) || got.Total != len(c.want) {
				t.Errorf("got %v (total %d), want %v", jobIDs(got), got.Total, c.want)
			}
		})
	}
	if got := f.jobs(catalog.JobQuery{PageSize: 100}); got.Total != len(all)+1 {
		t.Errorf("unfiltered total %d, want %d", got.Total, len(all)+1)
	}
}

func TestJobsPastDeadlineAreHiddenEverywhere(t *testing.T) {
	f := newFixture(t)
	tn := f.tenant("acme", "Acme")
	past, future := base.Add(-time.Second), base.Add(time.Hour)
	expired := f.job(tn, func(r *jobRow) { r.Deadline = &past; r.Country = "Spain" })
	open := f.job(tn, func(r *jobRow) { r.Deadline = &future })
	got := f.jobs(catalog.JobQuery{})
	if !slices.Equal(jobIDs(got), []int64{open}) || got.Total != 1 {
		t.Fatalf("list %v total %d, want only %d", jobIDs(got), got.Total, open)
	}
	if _, err := f.store.Job(t.Context(), expired); err == nil {
		t.Error("expired job by id: found, want not found")
	}
	if _, err := f.store.Job(t.Context(), open); err != nil {
		t.Errorf("open job by id: %v", err)
	}
	facets, err := f.store.JobFacets(t.Context(), catalog.JobQuery{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range facets.Countries {
		if c.Value == "Spain" {
			t.Errorf("facet counts an expired job: %+v", facets.Countries)
		}
	}
	st, err := f.store.Stats(t.Context())
	if err != nil || st.Jobs != 1 {
		t.Errorf("stats %+v, %v: want 1 job", st, err)
	}
}

func TestJobSorts(t *testing.T) {
	f := newFixture(t)
	tn := f.tenant("acme", "Acme")
	old := f.job(tn, func(r *jobRow) { r.PublishedAt = base.Add(-72 * time.Hour) })
	oldFeatured := f.job(tn, func(r *jobRow) { r.PublishedAt = base.Add(-48 * time.Hour); r.Featured = true })
	newest := f.job(tn, func(r *jobRow) { r.PublishedAt = base.Add(-time.Hour) })
	paid := f.job(tn, func(r *jobRow) {
		r.PublishedAt = base.Add(-96 * time.Hour)
		r.SalaryMin, r.SalaryMax = money(50000.25), money(70000.75)
	})
	paidMore := f.job(tn, func(r *jobRow) { r.PublishedAt = base.Add(-99 * time.Hour); r.SalaryMin = money(80000.5) })
	cases := []struct {
		sort string
		want []int64
	}{
		{"", []int64{oldFeatured, newest, old, paid, paidMore}}, // the default: featured first, then newest
		{catalog.SortNewest, []int64{newest, oldFeatured, old, paid, paidMore}},
		{catalog.SortRelevance, []int64{oldFeatured, newest, old, paid, paidMore}}, // nothing to rank: the default
		{catalog.SortFeatured, []int64{oldFeatured, newest, old, paid, paidMore}},
		{catalog.SortSalary, []int64{paidMore, paid, newest, oldFeatured, old}}, // no salary: last, by id desc
	}
	for _, c := range cases {
		t.Run(c.sort, func(t *testing.T) {
			var got []int64
			cursor := ""
			for {
				// One row a page: every boundary goes through a cursor.
				p := f.jobs(catalog.JobQuery{Sort: c.sort, PageSize: 1, Cursor: cursor})
				got = append(got, jobIDs(p)...)
				if cursor = p.Next; cursor == "" {
					break
				}
			}
			if c.sort == catalog.SortSalary {
				c.want = append(c.want[:2], sortedDesc(c.want[2:])...)
			}
			if !slices.Equal(got, c.want) {
				t.Errorf("sort %q: got %v, want %v", c.sort, got, c.want)
			}
		})
	}
}

func sortedDesc(ids []int64) []int64 {
	out := slices.Clone(ids)
	slices.Sort(out)
	slices.Reverse(out)
	return out
}

func sameSet(a, b []int64) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}
