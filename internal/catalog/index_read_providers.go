package catalog

import (
	"context"
	"strings"
	"time"

	"github.com/RoaringBitmap/roaring/v2"
)

// indexedProviderPage is providerPage answered by the index.
func (s *Store) indexedProviderPage(ctx context.Context, q ProviderQuery, st cursorState) (ProviderPage, error) {
	node, err := s.searchNode(ctx, q.near, st.Search, s.providerVocab)
	if err != nil {
		return ProviderPage{}, err
	}
	sort := q.Sort
	if st.Search == "" && sort == SortRelevance {
		sort = DefaultSort
	}
	spec := providerSort(sort)
	var page ProviderPage
	err = s.indexRead(ctx, func() error {
		v := s.index.providers.View(s.now())
		match, terms := matchOf(ctx, v, node, st.Search)
		w, err := walkFor(spec, st, q.PageSize, providerKey(v, sort, terms))
		if err != nil {
			return err
		}
		if o, ok := providerOrders[sort]; ok {
			w.sorted, w.listed = v.Order(o), v.Listed()
		}
		if sort == SortRelevance {
			w.parts, w.listed = relevanceParts(v, terms, providerOrders[SortNewest], pnPublished, pnID), v.Listed()
		}
		set := providerSet(v, q, match, "")
		ords, first, last, more := w.page(set)
		items := make([]ProviderSummary, len(ords))
		for i, o := range ords {
			items[i] = s.index.cards.provider(v.Payload(o))
		}
		total := indexTotal(st, set)
		st.Total, st.Exact = total.n, total.exact
		l := makeLinks(s.cursor, spec, st, pageRows[ProviderSummary]{items: items, first: first, last: last, more: more})
		page = ProviderPage{Providers: items, Page: l.page, Next: l.next, Prev: l.prev, Total: total.n,
			TotalExact: total.exact, Sort: sort, Search: st.Search, Corrected: st.Search != q.Search}
		return nil
	})
	return page, err
}

// indexedProviderFacets is ProviderFacets answered by the index.
func (s *Store) indexedProviderFacets(ctx context.Context, q ProviderQuery) (ProviderFacets, error) {
	node, err := s.searchNode(ctx, q.near, q.Search, s.providerVocab)
	if err != nil {
		return ProviderFacets{}, err
	}
	var out ProviderFacets
	err = s.indexRead(ctx, func() error {
		v := s.index.providers.View(s.now())
		match, _ := matchOf(ctx, v, node, q.Search)
		active := []bool{q.Category != "", q.Skill != "", q.Country != "", q.Company != "", q.Verified, q.Available, q.Remote}
		got := countIndexFacets(v, providerFacetSpecs, []int{pfCategory, pfSkill, pfCountry, pfCompany, pfVerified, pfAvailable, pfRemote},
			active, func(skip string) *roaring.Bitmap { return providerSet(v, q, match, skip) })
		out = ProviderFacets{Categories: got[0], Skills: got[1], Countries: got[2], Companies: got[3],
			Verified: got[4], Available: got[5], Remote: got[6]}
		return nil
	})
	return out, err
}

// indexedStats is Stats answered by the index's tallies of what is listed.
func (s *Store) indexedStats(ctx context.Context) (Stats, error) {
	var st Stats
	err := s.indexRead(ctx, func() error {
		now := s.now()
		jv, pv := s.index.jobs.View(now), s.index.providers.View(now)
		st = s.index.stats.get(jv, pv, func() Stats { return listedStats(jv, pv) })
		return nil
	})
	return st, err
}

// listedStats are the site's totals over the listed jobs and providers.
func listedStats(jv *jobView, pv *providerView) Stats {
	var st Stats
	st.Jobs, st.Providers = int(jv.Listed().GetCardinality()), int(pv.Listed().GetCardinality())
	tenants := map[string]bool{}
	for _, c := range append(jv.ListedCounts(jfTenant), pv.ListedCounts(pfTenant)...) {
		tenants[c.Value] = true
	}
	st.Companies = len(tenants)
	for _, c := range jv.ListedCounts(jfCountry) {
		if c.Value != "" {
			st.Countries++
		}
	}
	if n := jv.Newest(); st.Jobs > 0 {
		t := time.UnixMicro(n) // local time, as pgx reads a timestamptz
		st.NewestAt = &t
	}
	return st
}

// indexedLocations is Locations answered by the index's tallies.
func (s *Store) indexedLocations(ctx context.Context) ([]Country, error) {
	var out []Country
	err := s.indexRead(ctx, func() error {
		now := s.now()
		jv, pv := s.index.jobs.View(now), s.index.providers.View(now)
		out = s.index.locations.get(jv, pv, func() []Country { return listedLocations(jv) })
		return nil
	})
	return out, err
}

// listedLocations are the countries and cities of the listed jobs.
func listedLocations(jv *jobView) []Country {
	var out []Country
	index := map[string]int{}
	for _, c := range jv.ListedCounts(jfPlace) {
		country, city, _ := strings.Cut(c.Value, placeSep)
		if country == "" {
			continue
		}
		i, ok := index[country]
		if !ok {
			i = len(out)
			index[country] = i
			out = append(out, Country{Name: country, Cities: []City{}})
		}
		out[i].Count += c.Count
		if city != "" {
			out[i].Cities = append(out[i].Cities, City{Name: city, Count: c.Count})
		}
	}
	return sortLocations(out)
}

// indexedLiveProviders is indexedLiveJobs for providers.
func (s *Store) indexedLiveProviders(ctx context.Context, q ProviderQuery, ids []int64) ([]int64, error) {
	node, err := s.searchNode(ctx, q.near, q.Search, s.providerVocab)
	if err != nil {
		return nil, err
	}
	var out []int64
	err = s.indexRead(ctx, func() error {
		v := s.index.providers.View(s.now())
		match, _ := matchOf(ctx, v, node, q.Search)
		out = members(providerSet(v, q, match, ""), ids, v.Ordinal)
		return nil
	})
	return out, err
}
