package catalog

import (
	"strconv"

	"github.com/RoaringBitmap/roaring/v2"

	"github.com/zumodra/zumodra/internal/searchindex"
)

// The provider index's fields, in Doc.Values order.
const (
	pfCategory = iota
	pfSkill
	pfCountry
	pfState
	pfCity
	pfCompany
	pfVerified
	pfAvailable
	pfRemote
	pfTenant
	providerFields
)

// The provider index's numbers, in Doc.Nums order.
const (
	pnPublished = iota
	pnFeatured
	pnScore   // rating_score
	pnReviews // total_reviews
	pnRating  // rating_avg
	pnRate    // providerRate
	pnID
	providerNums
)

var providerSchema = searchindex.Schema[card]{Fields: providerFields,
	Labelled: []int{pfCategory, pfCompany, pfVerified, pfAvailable, pfRemote}, Nums: providerNums,
	Orders: [][]int{{pnScore, pnReviews, pnID}, {pnFeatured, pnPublished, pnID}, {pnPublished, pnID}, {pnReviews, pnRating, pnID}, {pnID}}}

const providerIDOrder = 4

// providerOrders are the sorts the provider index keeps in order.
var providerOrders = map[string]int{SortRating: 0, SortFeatured: 1, SortNewest: 2, SortReviews: 3}

type providerIndex = searchindex.Index[card]
type providerView = searchindex.View[card]

// providerDocSQL is jobDocSQL for providers.
const providerDocSQL = `SELECT ` + providerSummaryColumns + `, array_to_string(tsvector_to_array(search), ' '), h.lexemes, h.weights
	FROM public.provider_catalog LEFT JOIN LATERAL (SELECT array_agg(u.lexeme) AS lexemes,
		array_agg(array_to_string(u.weights, '')) AS weights FROM unnest(search_head) u) h ON true`

func (t *strtab) providerDoc(row rowScanner) (searchindex.Doc[card], error) {
	var p ProviderSummary
	var words string
	var head, weights []string
	if err := row.Scan(append(p.dests(), &words, &head, &weights)...); err != nil {
		return searchindex.Doc[card]{}, err
	}
	flag := func(b bool) []string {
		if b {
			return []string{"true"}
		}
		return nil
	}
	return searchindex.Doc[card]{Key: p.ID, Words: words, Head: headTerms(head, weights),
		From: p.PublishedAt, Payload: t.encode(p.cardFields()),
		// The facets' names (providerFacetSpecs).
		Labels: [][]string{pfCategory: p.CategoryNames, pfCompany: {p.CompanyName}, pfVerified: {"Verified"},
			pfAvailable: {"Available"}, pfRemote: {"Remote"}},
		Values: [][]string{pfCategory: p.CategorySlugs, pfSkill: p.SkillNames,
			pfCountry: {p.Country}, pfState: {p.State}, pfCity: {p.City}, pfCompany: {p.CompanySlug},
			pfVerified: flag(p.IsVerified), pfAvailable: flag(p.Available()), pfRemote: flag(p.CanWorkRemotely),
			pfTenant: {strconv.FormatInt(p.CompanyID, 10)}},
		Nums: []float64{pnPublished: timeKey(p.PublishedAt), pnFeatured: boolKey(p.IsFeatured), pnScore: p.RatingScore,
			pnReviews: float64(p.TotalReviews), pnRating: p.RatingAvg, pnRate: providerRate(&p), pnID: float64(p.ID)}}, nil
}

// providerSet is the listed providers matching q, as providerConds selects
// them in SQL, leaving out the facet skip.
func providerSet(v *providerView, q ProviderQuery, match *roaring.Bitmap, skip string) *roaring.Bitmap {
	set := narrowing{set: v.Listed()}
	if match != nil {
		set.set = match
	}
	flag := func(b bool) []string {
		if b {
			return []string{"true"}
		}
		return nil
	}
	for _, c := range []struct {
		name  string
		field int
		vals  []string
	}{{"category", pfCategory, nonEmpty(q.Category)}, {"skill", pfSkill, nonEmpty(q.Skill)},
		{"country", pfCountry, nonEmpty(q.Country)}, {"state", pfState, nonEmpty(q.State)}, {"city", pfCity, nonEmpty(q.City)},
		{"company", pfCompany, nonEmpty(q.Company)}, {"verified", pfVerified, flag(q.Verified)},
		{"available", pfAvailable, flag(q.Available)}, {"remote", pfRemote, flag(q.Remote)}} {
		if len(c.vals) > 0 && skip != c.name {
			set.and(v.Field(c.field, c.vals...))
		}
	}
	if q.MinRating != nil || q.MaxRate != nil {
		return keep(set.set, func(ord uint32) bool {
			return (q.MinRating == nil || v.Num(ord, pnRating) >= *q.MinRating) && (q.MaxRate == nil || v.Num(ord, pnRate) <= *q.MaxRate)
		})
	}
	return set.set
}

// providerRate is the rate sort's key: a missing rate sorts above any
// accepted maximum, as coalesce(hourly_rate, 1000000000) in SQL.
func providerRate(p *ProviderSummary) float64 {
	if p.HourlyRate == nil {
		return 1_000_000_000
	}
	return *p.HourlyRate
}

// providerKey is providerSort's order as the index compares it.
func providerKey(v *providerView, sort string, terms searchindex.Terms) func(uint32) ikey {
	key := func(a, b int) func(uint32) ikey {
		return func(ord uint32) ikey {
			k := ikey{id: int64(v.Num(ord, pnID))}
			if a >= 0 {
				k.k[0] = v.Num(ord, a)
			}
			if b >= 0 {
				k.k[1] = v.Num(ord, b)
			}
			return k
		}
	}
	switch sort {
	case SortRelevance:
		return func(ord uint32) ikey {
			return ikey{k: [2]float64{float64(v.Rank(ord, terms)), v.Num(ord, pnPublished)}, id: int64(v.Num(ord, pnID))}
		}
	case SortReviews:
		return key(pnReviews, pnRating)
	case SortRate:
		return key(pnRate, -1)
	case SortNewest:
		return key(pnPublished, -1)
	case SortFeatured:
		return key(pnFeatured, pnPublished)
	}
	return key(pnScore, pnReviews)
}
