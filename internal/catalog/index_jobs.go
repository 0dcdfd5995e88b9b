package catalog

import (
	"math"
	"strconv"

	"github.com/RoaringBitmap/roaring/v2"

	"github.com/zumodra/zumodra/internal/searchindex"
)

// The job index's fields, in Doc.Values order.
const (
	jfCategory = iota
	jfJobType
	jfLevel
	jfRemote
	jfCountry
	jfState
	jfCity
	jfCompany
	jfCurrency
	jfTenant
	jfPlace // country and city, for Locations
	jobFields
)

// The job index's numbers, in Doc.Nums order: what the sorts and the
// salary filter read for every match.
const (
	jnPublished  = iota // unix microseconds
	jnFeatured          // 0 or 1
	jnYearlyMax         // salary_yearly_max; NaN when none is shown
	jnSalarySort        // salary_yearly_max, -1 when none is shown: the salary sort's second key
	jnID
	jobNums
)

var jobSchema = searchindex.Schema[card]{Fields: jobFields, Labelled: []int{jfCategory, jfCompany}, Nums: jobNums,
	Orders: [][]int{{jnFeatured, jnPublished, jnID}, {jnPublished, jnID}, {jnID}, {jnSalarySort, jnID}}}

// jobOrders are the sorts the job index keeps in order (jobSchema.Orders);
// the last, by id, is the sitemap's (walked backwards: ascending).
var jobOrders = map[string]int{SortFeatured: 0, SortNewest: 1}

const (
	jobIDOrder     = 2
	jobSalaryOrder = 3
)

type jobIndex = searchindex.Index[card]
type jobView = searchindex.View[card]

// jobDocSQL reads job rows as the index keeps them: the summary, every
// lexeme of the search vector, and the heading's lexemes with one weight
// letter per occurrence.
const jobDocSQL = `SELECT ` + jobSummaryColumns + `, array_to_string(tsvector_to_array(search), ' '), h.lexemes, h.weights
	FROM public.job_catalog LEFT JOIN LATERAL (SELECT array_agg(u.lexeme) AS lexemes,
		array_agg(array_to_string(u.weights, '')) AS weights FROM unnest(search_head) u) h ON true`

func (t *strtab) jobDoc(row rowScanner) (searchindex.Doc[card], error) {
	var j JobSummary
	var desc string
	var words string
	var head, weights []string
	if err := row.Scan(append(j.dests(&desc), &words, &head, &weights)...); err != nil {
		return searchindex.Doc[card]{}, err
	}
	j.finish(desc)
	d := searchindex.Doc[card]{Key: j.ID, Words: words, Head: headTerms(head, weights),
		From: j.PublishedAt, Payload: t.encode(j.cardFields()), Values: make([][]string, jobFields),
		// The facets' names where a value is a slug (jobFacetSpecs).
		Labels: [][]string{jfCategory: {j.CategoryName}, jfCompany: {j.CompanyName}},
		Nums:   []float64{jnPublished: timeKey(j.PublishedAt), jnFeatured: boolKey(j.IsFeatured), jnYearlyMax: math.NaN(), jnSalarySort: -1, jnID: float64(j.ID)}}
	if j.SalaryYearlyMax != nil {
		d.Nums[jnYearlyMax], d.Nums[jnSalarySort] = *j.SalaryYearlyMax, *j.SalaryYearlyMax
	}
	if j.ApplicationDeadline != nil {
		d.Until = *j.ApplicationDeadline
	}
	// One backing array for the single values: a row's dozen small
	// slices would otherwise be a dozen allocations.
	one := []string{jfCategory: j.CategorySlug, jfJobType: j.JobType, jfLevel: j.ExperienceLevel,
		jfRemote: j.RemotePolicy, jfCountry: j.Country, jfState: j.State, jfCity: j.City, jfCompany: j.CompanySlug,
		jfTenant: strconv.FormatInt(j.CompanyID, 10), jfPlace: j.Country + placeSep + j.City, jfCurrency: ""}
	for f := range one {
		if f != jfCurrency {
			d.Values[f] = one[f : f+1 : f+1]
		}
	}
	if j.SalaryCurrency != nil {
		d.Values[jfCurrency] = []string{*j.SalaryCurrency}
	}
	return d, nil
}

// placeSep joins a job's country and city in its jfPlace value.
const placeSep = "\x00"

// rankWeights are ts_rank_cd's default weights of the tsvector classes.
var rankWeights = map[rune]float32{'A': 1, 'B': 0.4, 'C': 0.2, 'D': 0.1}

func headTerms(lexemes, weights []string) []searchindex.Term {
	var out []searchindex.Term
	for i, l := range lexemes {
		for _, w := range weights[i] {
			out = append(out, searchindex.Term{Lexeme: l, Weight: rankWeights[w]})
		}
	}
	return out
}

// jobSet is the listed jobs matching q (search and every filter but the
// facet skip), as jobConds selects them in SQL.
func jobSet(v *jobView, q JobQuery, match *roaring.Bitmap, salaryCur, skip string) *roaring.Bitmap {
	set := narrowing{set: v.Listed()}
	if match != nil {
		set.set = match
	}
	for _, c := range []struct {
		name  string
		field int
		vals  []string
	}{{"category", jfCategory, nonEmpty(q.Category)}, {"job_type", jfJobType, q.JobTypes},
		{"experience_level", jfLevel, q.Levels}, {"remote", jfRemote, q.Remote}, {"country", jfCountry, nonEmpty(q.Country)},
		{"state", jfState, nonEmpty(q.State)}, {"city", jfCity, nonEmpty(q.City)}, {"company", jfCompany, nonEmpty(q.Company)}} {
		if len(c.vals) > 0 && skip != c.name {
			set.and(v.Field(c.field, c.vals...))
		}
	}
	if skip == "currency" {
		return set.set
	}
	if q.Currency != "" {
		set.and(v.Field(jfCurrency, q.Currency))
	}
	if q.MinSalary != nil {
		set.and(v.Field(jfCurrency, salaryCur))
		return salaryAtLeast(v, set.set, *q.MinSalary)
	}
	return set.set
}

// narrowing intersects a set of the index's (the listed set, a search's
// matches) with filters, the first intersection making the bitmap every
// later one narrows in place: a page and its facets intersect a dozen
// times, and a new bitmap each time was the largest allocation of a page.
type narrowing struct {
	set   *roaring.Bitmap
	owned bool // set is this narrowing's own, not a bitmap others read
}

func (n *narrowing) and(b *roaring.Bitmap) {
	if n.owned {
		n.set.And(b)
		return
	}
	n.set, n.owned = roaring.And(n.set, b), true
}

// salaryAtLeast is the members of set whose yearly salary is at least min:
// those rows are the head of the kept salary order, whose bitmap the index
// keeps for the next filters and requests until the catalog changes.
func salaryAtLeast(v *jobView, set *roaring.Bitmap, min float64) *roaring.Bitmap {
	if min <= -1 { // -1 is the salary order's mark of no salary
		return keep(set, func(ord uint32) bool { return v.Num(ord, jnYearlyMax) >= min }) // NaN never is
	}
	return roaring.And(set, v.AtLeast(jobSalaryOrder, min))
}

func nonEmpty(s string) []string {
	if s == "" {
		return nil
	}
	return []string{s}
}

// keep is the members of set for which ok holds.
func keep(set *roaring.Bitmap, ok func(uint32) bool) *roaring.Bitmap {
	out := roaring.New()
	set.Iterate(func(ord uint32) bool {
		if ok(ord) {
			out.Add(ord)
		}
		return true
	})
	return out
}

// jobKey is jobSort's order as the index compares it.
func jobKey(v *jobView, sort, salaryCur string, terms searchindex.Terms) func(uint32) ikey {
	id := func(ord uint32) int64 { return int64(v.Num(ord, jnID)) }
	switch sort {
	case SortSalary:
		cur := v.Field(jfCurrency, salaryCur)
		shown, other := salaryKeys(v)
		return func(ord uint32) ikey {
			if cur.Contains(ord) {
				return shown(ord)
			}
			return other(ord)
		}
	case SortRelevance:
		return func(ord uint32) ikey {
			return ikey{k: [2]float64{float64(v.Rank(ord, terms)), v.Num(ord, jnPublished)}, id: id(ord)}
		}
	case SortFeatured:
		return func(ord uint32) ikey {
			return ikey{k: [2]float64{v.Num(ord, jnFeatured), v.Num(ord, jnPublished)}, id: id(ord)}
		}
	}
	return func(ord uint32) ikey { return ikey{k: [2]float64{v.Num(ord, jnPublished)}, id: id(ord)} }
}

// salaryParts splits a walk by salary (indexWalk.parts): the jobs showing
// a salary in cur first, keyed (1, salary), in the kept salary order, then
// the others, keyed (0, -1), in the id order. A part's key holds for every
// row of its order, members or not, as the walk's search for the cursor
// needs.
func salaryParts(v *jobView, cur string) func(*roaring.Bitmap) []walkPart {
	shown, other := salaryKeys(v)
	return func(set *roaring.Bitmap) []walkPart {
		in := roaring.And(set, v.Field(jfCurrency, cur))
		return []walkPart{{set: in, key: shown, sorted: v.Order(jobSalaryOrder)},
			{set: roaring.AndNot(set, in), key: other, sorted: v.Order(jobIDOrder)}}
	}
}

// salaryKeys are the salary sort's keys of a job showing a salary in the
// chosen currency, (1, salary), and of any other, (0, -1).
func salaryKeys(v *jobView) (shown, other func(uint32) ikey) {
	id := func(ord uint32) int64 { return int64(v.Num(ord, jnID)) }
	return func(ord uint32) ikey { return ikey{k: [2]float64{1, v.Num(ord, jnSalarySort)}, id: id(ord)} },
		func(ord uint32) ikey { return ikey{k: [2]float64{0, -1}, id: id(ord)} }
}

// indexSalaryCurrency is salaryCurrency's choice from the index, for a
// query that needs one: the currency most matching jobs show, the code
// first on a tie.
func indexSalaryCurrency(v *jobView, q JobQuery, match *roaring.Bitmap) string {
	set := jobSet(v, q, match, "", "currency")
	var top []searchindex.ValueCount
	if set == v.Listed() {
		top = searchindex.Top(v.ListedCounts(jfCurrency), 1)
	} else {
		top = v.Count(set, []int{jfCurrency}, 1)[0]
	}
	if len(top) == 0 {
		return ""
	}
	return top[0].Value
}
