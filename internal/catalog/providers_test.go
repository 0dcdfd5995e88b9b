package catalog_test

import (
	"slices"
	"testing"
	"time"

	"github.com/zumodra/zumodra/internal/catalog"
	"github.com/zumodra/zumodra/internal/domain"
)

func TestProviderFiltersEachSelectTheirRows(t *testing.T) {
	f := newFixture(t)
	acme, other := f.tenant("acme", "Acme"), f.tenant("other", "Other")
	plain := f.provider(acme, func(r *providerRow) { r.Remote = false })
	designer := f.provider(acme, func(r *providerRow) {
		r.CategorySlugs, r.CategoryNames, r.SkillNames = []string{"design", "writing"}, []string{"Design", "Writing"}, []string{"Figma"}
		r.Remote = false
	})
	paris := f.provider(acme, func(r *providerRow) { r.Country, r.City, r.Remote = "France", "Paris", false })
	verified := f.provider(acme, func(r *providerRow) { r.Verified, r.Remote = true, false })
	busy := f.provider(acme, func(r *providerRow) { r.Availability, r.Remote = "busy", false })
	notAccepting := f.provider(acme, func(r *providerRow) { r.Accepting, r.Remote = false, false })
	remote := f.provider(acme, nil)
	top := f.provider(acme, func(r *providerRow) { r.Rating, r.Remote = 4.9, false })
	cheap := f.provider(acme, func(r *providerRow) { r.HourlyRate, r.Remote = money(25), false })
	noRate := f.provider(acme, func(r *providerRow) { r.HourlyRate, r.Remote = nil, false })
	theirs := f.provider(other, func(r *providerRow) { r.Remote = false })
	available := []int64{plain, designer, paris, verified, remote, top, cheap, noRate, theirs}
	cases := []struct {
		name string
		q    catalog.ProviderQuery
		want []int64
	}{
		{"category", catalog.ProviderQuery{Category: "writing"}, []int64{designer}},
		{"skill", catalog.ProviderQuery{Skill: "Figma"}, []int64{designer}},
		{"country and city", catalog.ProviderQuery{Country: "France", City: "Paris"}, []int64{paris}},
		{"verified", catalog.ProviderQuery{Verified: true}, []int64{verified}},
		{"available", catalog.ProviderQuery{Available: true}, available},
		{"remote", catalog.ProviderQuery{Remote: true}, []int64{remote}},
		{"min rating", catalog.ProviderQuery{MinRating: money(4.8)}, []int64{top}},
		{"max rate leaves out unknown rates", catalog.ProviderQuery{MaxRate: money(30)}, []int64{cheap}},
		{"company", catalog.ProviderQuery{Company: "other"}, []int64{theirs}},
		{"search", catalog.ProviderQuery{Search: "figm"}, []int64{designer}},
	}
	_ = busy
	_ = notAccepting
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			c.q.PageSize = 100
			got := f.providers(c.q)
			if !sameSet(providerIDs(got), c.want) || got.Total != len(c.want) {
				t.Errorf("got %v (total %d), want %v", providerIDs(got), got.Total, c.want)
			}
		})
	}
}

func TestProviderSorts(t *testing.T) {
	f := newFixture(t)
	tn := f.tenant("acme", "Acme")
	good := f.provider(tn, func(r *providerRow) { r.Rating, r.Reviews, r.HourlyRate = 4.5, 100, money(90.5) })
	best := f.provider(tn, func(r *providerRow) { r.Rating, r.Reviews, r.HourlyRate = 4.9, 3, money(120) })
	tie := f.provider(tn, func(r *providerRow) {
		r.Rating, r.Reviews, r.HourlyRate, r.PublishedAt = 4.5, 7, nil, base.Add(-time.Minute)
	})
	cheap := f.provider(tn, func(r *providerRow) { r.Rating, r.Reviews, r.HourlyRate = 3.25, 40, money(20.25) })
	cases := []struct {
		sort string
		want []int64
	}{
		// Bayesian averages with 10 prior reviews of 3.5: good 4.41,
		// tie 3.91, best (4.9 from only 3 reviews) 3.82, cheap 3.30.
		{"", []int64{tie, cheap, best, good}}, // the default: featured first (none here), then newest
		{catalog.SortRating, []int64{good, tie, best, cheap}},
		{catalog.SortReviews, []int64{good, cheap, tie, best}},
		{catalog.SortRate, []int64{cheap, good, best, tie}}, // no rate: last
		{catalog.SortNewest, []int64{tie, cheap, best, good}},
	}
	for _, c := range cases {
		t.Run(c.sort, func(t *testing.T) {
			var got []int64
			cursor := ""
			for {
				p := f.providers(catalog.ProviderQuery{Sort: c.sort, PageSize: 1, Cursor: cursor})
				got = append(got, providerIDs(p)...)
				if cursor = p.Next; cursor == "" {
					break
				}
			}
			if !slices.Equal(got, c.want) {
				t.Errorf("got %v, want %v", got, c.want)
			}
		})
	}
	if _, err := f.store.SearchProviders(t.Context(), catalog.ProviderQuery{Sort: catalog.SortSalary}); err == nil {
		t.Error("salary sort on providers: accepted")
	}
}

func TestProviderFacetsAndDetail(t *testing.T) {
	f := newFixture(t)
	tn := f.tenant("acme", "Acme")
	id := f.provider(tn, func(r *providerRow) {
		r.CategorySlugs, r.CategoryNames, r.SkillNames = []string{"design", "writing"}, []string{"Design", "Writing"}, []string{"Figma", "Go"}
		r.Verified = true
	})
	f.provider(tn, func(r *providerRow) { r.Country, r.Remote = "France", false })
	fc, err := f.store.ProviderFacets(t.Context(), catalog.ProviderQuery{Country: "Germany"})
	if err != nil {
		t.Fatal(err)
	}
	if got := facetMap(fc.Categories); got["design"] != 1 || got["writing"] != 1 || got["development"] != 0 {
		t.Errorf("categories %v", fc.Categories)
	}
	if fc.Categories[0].Label != "Design" {
		t.Errorf("category label %v", fc.Categories)
	}
	if got := facetMap(fc.Skills); got["Go"] != 1 || got["Figma"] != 1 {
		t.Errorf("skills %v", fc.Skills)
	}
	if got := facetMap(fc.Countries); got["Germany"] != 1 || got["France"] != 1 {
		t.Errorf("countries ignore the country filter: %v", fc.Countries)
	}
	if facetMap(fc.Verified)["true"] != 1 || facetMap(fc.Remote)["true"] != 1 || facetMap(fc.Available)["true"] != 1 {
		t.Errorf("flags %v %v %v", fc.Verified, fc.Remote, fc.Available)
	}
	p, err := f.store.Provider(t.Context(), id)
	if err != nil {
		t.Fatal(err)
	}
	if p.DisplayName != "Ada Lovelace" || len(p.Skills) != 2 || p.Skills[0].Name != "Figma" || !p.Available() || p.BioHTML != "<p>Notes.</p>" {
		t.Errorf("provider %+v", p)
	}
	if _, err := f.store.Provider(t.Context(), id+100); !domain.IsNotFound(err) {
		t.Errorf("unknown provider: %v", err)
	}
}

// The case: a plain average put 5.0 from 18 reviews above 4.9
// from 87; the Bayesian average does not.
func TestTopRatedWeighsTheNumberOfReviews(t *testing.T) {
	f := newFixture(t)
	tn := f.tenant("acme", "Acme")
	few := f.provider(tn, func(r *providerRow) { r.Rating, r.Reviews = 5.0, 18 })
	many := f.provider(tn, func(r *providerRow) { r.Rating, r.Reviews = 4.9, 87 })
	none := f.provider(tn, func(r *providerRow) { r.Rating, r.Reviews = 0, 0 })
	got := f.providers(catalog.ProviderQuery{Sort: catalog.SortRating})
	if want := []int64{many, few, none}; !slices.Equal(providerIDs(got), want) {
		t.Errorf("top rated %v, want %v", providerIDs(got), want)
	}
	if s := got.Providers[0].RatingScore; s < 4.75 || s > 4.76 {
		t.Errorf("rating_score of 4.9 from 87 reviews: %v", s)
	}
}
