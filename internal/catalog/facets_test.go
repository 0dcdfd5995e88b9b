package catalog_test

import (
	"testing"

	"github.com/zumodra/zumodra/internal/catalog"
)

func facetMap(vs []catalog.FacetValue) map[string]int {
	m := map[string]int{}
	for _, v := range vs {
		m[v.Value] = v.Count
	}
	return m
}

func TestJobFacetsCountUnderTheOtherFilters(t *testing.T) {
	f := newFixture(t)
	acme, globex := f.tenant("acme", "Acme"), f.tenant("globex", "Globex Corp")
	f.job(acme, nil) // full_time, Germany, engineering
	f.job(acme, func(r *jobRow) { r.JobType = "contract" })
	f.job(acme, func(r *jobRow) { r.JobType = "contract"; r.Country = "France" })
	f.job(globex, func(r *jobRow) { r.CategorySlug, r.CategoryName = "design", "Design"; r.Remote = "remote" })
	fc, err := f.store.JobFacets(t.Context(), catalog.JobQuery{JobTypes: []string{"contract"}})
	if err != nil {
		t.Fatal(err)
	}
	// The job_type facet ignores the job_type filter; the others apply it.
	if got := facetMap(fc.JobTypes); got["full_time"] != 2 || got["contract"] != 2 {
		t.Errorf("job types %v", fc.JobTypes)
	}
	if got := facetMap(fc.Countries); got["Germany"] != 1 || got["France"] != 1 || len(got) != 2 {
		t.Errorf("countries %v", fc.Countries)
	}
	if got := facetMap(fc.Companies); got["acme"] != 2 || len(got) != 1 {
		t.Errorf("companies %v", fc.Companies)
	}
	if got := facetMap(fc.Categories); got["engineering"] != 2 || len(got) != 1 {
		t.Errorf("categories %v", fc.Categories)
	}
	fc, err = f.store.JobFacets(t.Context(), catalog.JobQuery{})
	if err != nil {
		t.Fatal(err)
	}
	if fc.Companies[0] != (catalog.FacetValue{Value: "acme", Label: "Acme", Count: 3}) ||
		fc.Companies[1] != (catalog.FacetValue{Value: "globex", Label: "Globex Corp", Count: 1}) {
		t.Errorf("companies, largest first with names: %v", fc.Companies)
	}
	if got := facetMap(fc.Remote); got["remote"] != 1 || got["on_site"] != 3 {
		t.Errorf("remote %v", fc.Remote)
	}
	if got := facetMap(fc.Levels); got["mid"] != 4 {
		t.Errorf("levels %v", fc.Levels)
	}
	fc, err = f.store.JobFacets(t.Context(), catalog.JobQuery{Search: "nothing matches this"})
	if err != nil || len(fc.Categories)+len(fc.Countries)+len(fc.JobTypes) != 0 || fc.Categories == nil {
		t.Errorf("facets of an empty search: %+v, %v", fc, err)
	}
}
