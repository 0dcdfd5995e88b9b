package catalog_test

import (
	"testing"
	"time"

	"github.com/zumodra/zumodra/internal/catalog"
)

func TestCategoriesLocationsAndStats(t *testing.T) {
	f := newFixture(t)
	acme, globex := f.tenant("acme", "Acme"), f.tenant("globex", "Globex")
	past := base.Add(-time.Hour)
	f.job(acme, nil)
	f.job(acme, func(r *jobRow) { r.City = "Munich" })
	f.job(acme, func(r *jobRow) { r.City = "Munich"; r.PublishedAt = base.Add(-time.Minute) })
	f.job(globex, func(r *jobRow) {
		r.CategorySlug, r.CategoryName, r.Country, r.City = "design", "Design", "France", "Paris"
	})
	f.job(globex, func(r *jobRow) { r.Deadline = &past; r.Country = "Spain" })
	f.provider(globex, nil)
	cats, err := f.store.Categories(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	want := []catalog.Category{{Slug: "engineering", Name: "Engineering", Count: 3}, {Slug: "design", Name: "Design", Count: 1}}
	if len(cats) != 2 || cats[0] != want[0] || cats[1] != want[1] {
		t.Errorf("categories %v", cats)
	}
	locs, err := f.store.Locations(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if len(locs) != 2 || locs[0].Name != "Germany" || locs[0].Count != 3 || locs[0].Cities[0] != (catalog.City{Name: "Munich", Count: 2}) ||
		locs[1].Name != "France" || locs[1].Cities[0].Name != "Paris" {
		t.Errorf("locations %+v", locs)
	}
	st, err := f.store.Stats(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if st.Jobs != 4 || st.Companies != 2 || st.Providers != 1 || st.Countries != 2 || st.NewestAt == nil || !st.NewestAt.Equal(base.Add(-time.Minute)) {
		t.Errorf("stats %+v", st)
	}
}

func TestFeedAndSitemap(t *testing.T) {
	f := newFixture(t)
	tn := f.tenant("acme", "Acme")
	var ids []int64
	for i := range 3 {
		ids = append(ids, f.job(tn, func(r *jobRow) { r.PublishedAt = base.Add(-time.Duration(i) * time.Hour) }))
	}
	prov := f.provider(tn, nil)
	feed, err := f.store.NewestJobs(t.Context(), 2)
	if err != nil || len(feed) != 2 || feed[0].ID != ids[0] || feed[1].ID != ids[1] {
		t.Fatalf("feed %v, %v", feed, err)
	}
	if _, err := f.store.NewestJobs(t.Context(), 0); err == nil {
		t.Error("feed of 0 entries accepted")
	}
	jobs, provs, err := f.store.SitemapFiles(t.Context())
	if err != nil || len(jobs) != 1 || len(provs) != 1 {
		t.Fatalf("sitemap files %v %v %v", jobs, provs, err)
	}
	sm, err := f.store.JobSitemap(t.Context(), 1)
	if err != nil || len(sm) != 3 || sm[0].ID != ids[0] || sm[0].UpdatedAt.IsZero() {
		t.Fatalf("job sitemap %v %v", sm, err)
	}
	newest := sm[0].UpdatedAt
	for _, e := range sm {
		if e.UpdatedAt.After(newest) {
			newest = e.UpdatedAt
		}
	}
	if !jobs[0].Equal(newest) {
		t.Errorf("jobs-1 lastmod %v, want its newest row %v", jobs[0], newest)
	}
	if sm, err := f.store.JobSitemap(t.Context(), 2); err != nil || len(sm) != 0 {
		t.Fatalf("job sitemap page 2: %v %v", sm, err)
	}
	if sm, err := f.store.ProviderSitemap(t.Context(), 1); err != nil || len(sm) != 1 || sm[0].ID != prov {
		t.Fatalf("provider sitemap %v %v", sm, err)
	}
	if _, err := f.store.JobSitemap(t.Context(), 0); err == nil {
		t.Error("sitemap page 0 accepted")
	}
}
