package catalog

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/RoaringBitmap/roaring/v2"

	"github.com/zumodra/zumodra/internal/searchindex"
)

// indexRead runs fn with the index readable: inside the snapshot of ctx
// when it is an index snapshot (the lock is already held), else under a
// read of its own. errNotIndexed when the index cannot answer: not ready,
// or ctx's snapshot is a PostgreSQL one, whose state the index may not show.
func (s *Store) indexRead(ctx context.Context, fn func() error) error {
	if sn, ok := ctx.Value(snapshotKey{}).(*snapshot); ok {
		if !sn.indexed {
			return errNotIndexed
		}
		return fn()
	}
	if !s.indexCurrent(ctx) {
		return errNotIndexed
	}
	return s.index.lock.Read(s.now(), fn, s.index.jobs, s.index.providers)
}

// indexSnapshot is Snapshot answered by the index: fn's reads all see the
// index's one version, and reads the index does not answer go to the pool.
func (s *Store) indexSnapshot(ctx context.Context, fn func(ctx context.Context) error) error {
	now := s.now()
	return s.index.lock.Read(now, func() error {
		v := s.index.jobs.View(now)
		due := never
		for _, d := range []time.Time{v.Due(), s.index.providers.View(now).Due()} {
			if !d.IsZero() && d.Before(due) {
				due = d
			}
		}
		s.rememberDue(v.Version(), due)
		return fn(context.WithValue(ctx, snapshotKey{}, &snapshot{version: v.Version(), due: due, indexed: true}))
	}, s.index.jobs, s.index.providers)
}

// searchNode is the parsed tsquery of search text, as PostgreSQL builds it
// for the SQL path (tsQuery), so both match the same rows. errNotIndexed
// when the index cannot answer: not ready, a nearby search (near), or a
// phrase, which needs positions the index does not keep. Inside a
// PostgreSQL snapshot it answers errNotIndexed at once: the snapshot holds
// a connection, the parse would wait for another, and the index would not
// answer from that snapshot anyway.
func (s *Store) searchNode(ctx context.Context, near *Near, search string, src *vocabSource) (*searchindex.Node, error) {
	sn, _ := ctx.Value(snapshotKey{}).(*snapshot)
	if near != nil || !s.IndexReady() || (sn != nil && !sn.indexed) {
		return nil, errNotIndexed
	}
	if search == "" {
		return nil, nil
	}
	key := src.sql + "\x00" + search
	if n, ok := sn.parsedNode(key); ok {
		return n, nil
	}
	var args sqlArgs
	sql := "SELECT (" + tsQuery(&args, search, s.vocabFor(ctx, src, search)) + ")::text"
	memo := sql + "\x00" + search // the SQL says whether the last word is a prefix
	text, ok := s.tsqueries.Get(memo)
	if !ok {
		if err := s.pool.QueryRow(ctx, sql, args...).Scan(&text); err != nil {
			return nil, fmt.Errorf("catalog search: %w", err)
		}
		s.tsqueries.Put(memo, text)
	}
	n, err := searchindex.Parse(text)
	if errors.Is(err, searchindex.ErrUnsupported) {
		return nil, errNotIndexed
	}
	if err == nil {
		sn.keepNode(key, n)
	}
	return n, err
}

func (sn *snapshot) parsedNode(key string) (*searchindex.Node, bool) {
	if sn == nil {
		return nil, false
	}
	n, ok := sn.parsed[key]
	return n, ok
}

func (sn *snapshot) keepNode(key string, n *searchindex.Node) {
	if sn == nil {
		return
	}
	if sn.parsed == nil {
		sn.parsed = map[string]*searchindex.Node{}
	}
	sn.parsed[key] = n
}

// indexedJobPage is jobPage answered by the index.
func (s *Store) indexedJobPage(ctx context.Context, q JobQuery, st cursorState) (JobPage, error) {
	node, err := s.searchNode(ctx, q.near, st.Search, s.jobVocab)
	if err != nil {
		return JobPage{}, err
	}
	sort := q.Sort
	if st.Search == "" && sort == SortRelevance {
		sort = DefaultSort
	}
	spec := jobSort(sort, st.Currency, &sqlArgs{})
	var page JobPage
	err = s.indexRead(ctx, func() error {
		v := s.index.jobs.View(s.now())
		match, terms := matchOf(ctx, v, node, st.Search)
		w, err := walkFor(spec, st, q.PageSize, jobKey(v, sort, st.Currency, terms))
		if err != nil {
			return err
		}
		if o, ok := jobOrders[sort]; ok {
			w.sorted, w.listed = v.Order(o), v.Listed()
		}
		switch sort {
		case SortRelevance:
			w.parts, w.listed = relevanceParts(v, terms, jobOrders[SortNewest], jnPublished, jnID), v.Listed()
		case SortSalary:
			w.parts, w.listed = salaryParts(v, st.Currency), v.Listed()
		}
		set := jobSet(v, q, match, st.Currency, "")
		ords, first, last, more := w.page(set)
		jobs := make([]JobSummary, len(ords))
		for i, o := range ords {
			jobs[i] = s.index.cards.job(v.Payload(o))
		}
		total := indexTotal(st, set)
		st.Total, st.Exact = total.n, total.exact
		l := makeLinks(s.cursor, spec, st, pageRows[JobSummary]{items: jobs, first: first, last: last, more: more})
		page = JobPage{Jobs: jobs, Page: l.page, Next: l.next, Prev: l.prev, Total: total.n,
			TotalExact: total.exact, Sort: sort, Search: st.Search, Corrected: st.Search != q.Search,
			SalaryCurrency: st.Currency}
		return nil
	})
	return page, err
}

// relevanceParts splits a walk by relevance, whose sort key is (rank,
// published, id), into the set's tiers of one rank (View.Tiers), each in
// the kept newest order (numbers published and id). Where a search's
// words make too many tiers, the matches whose heading has one of them
// are ranked one by one, and the rest, ranked 0, follow in that order.
func relevanceParts[P any](v *searchindex.View[P], terms searchindex.Terms, newest, published, id int) func(*roaring.Bitmap) []walkPart {
	ranked := func(rank float32) func(uint32) ikey {
		return func(ord uint32) ikey {
			return ikey{k: [2]float64{float64(rank), v.Num(ord, published)}, id: int64(v.Num(ord, id))}
		}
	}
	return func(set *roaring.Bitmap) []walkPart {
		order := v.Order(newest)
		tiers, ok := v.Tiers(set, terms)
		if !ok {
			headed := roaring.And(set, v.Headed(terms))
			return []walkPart{{set: headed, key: func(ord uint32) ikey { return ranked(v.Rank(ord, terms))(ord) }},
				{set: roaring.AndNot(set, headed), key: ranked(0), sorted: order}}
		}
		parts := make([]walkPart, len(tiers))
		for i, t := range tiers {
			parts[i] = walkPart{set: t.Docs, key: ranked(t.Rank), sorted: order}
		}
		return parts
	}
}

// matchOf is the search's matches and terms; nil (every listed row) when
// there is no search. Inside a snapshot the index cannot change, so the
// list, its facets and its salary currency share one evaluation of the
// search; a node is parsed for one index's vocabulary, so it names the
// index too. The matches are shared and must not be modified.
func matchOf[P any](ctx context.Context, v *searchindex.View[P], node *searchindex.Node, search string) (*roaring.Bitmap, searchindex.Terms) {
	if search == "" {
		return nil, nil
	}
	sn, _ := ctx.Value(snapshotKey{}).(*snapshot)
	if m, ok := sn.matchedBy(node); ok {
		return m.set, m.terms
	}
	set, terms := v.Match(node)
	sn.keepMatch(node, matched{set: set, terms: terms})
	return set, terms
}

type matched struct {
	set   *roaring.Bitmap
	terms searchindex.Terms
}

func (sn *snapshot) matchedBy(n *searchindex.Node) (matched, bool) {
	if sn == nil {
		return matched{}, false
	}
	m, ok := sn.matched[n]
	return m, ok
}

func (sn *snapshot) keepMatch(n *searchindex.Node, m matched) {
	if sn == nil {
		return
	}
	if sn.matched == nil {
		sn.matched = map[*searchindex.Node]matched{}
	}
	sn.matched[n] = m
}

// indexTotal is a page's total: carried by the cursor from the first page,
// else counted, exactly, by the index.
func indexTotal(st cursorState, set *roaring.Bitmap) countResult {
	if st.Keys != nil && st.Total > 0 {
		return countResult{n: st.Total, exact: st.Exact}
	}
	return countResult{n: int(set.GetCardinality()), exact: true}
}

// indexedJobFacets is JobFacets answered by the index: the facets whose
// filter is unset are counted over the matches in one pass, each set one
// over the matches of every other filter.
func (s *Store) indexedJobFacets(ctx context.Context, q JobQuery) (JobFacets, error) {
	node, err := s.searchNode(ctx, q.near, q.Search, s.jobVocab)
	if err != nil {
		return JobFacets{}, err
	}
	var out JobFacets
	err = s.indexRead(ctx, func() error {
		v := s.index.jobs.View(s.now())
		match, _ := matchOf(ctx, v, node, q.Search)
		salaryCur := q.Currency
		if salaryCur == "" && q.MinSalary != nil { // as salaryCurrency decides
			salaryCur = indexSalaryCurrency(v, q, match)
		}
		active := []bool{q.Category != "", len(q.JobTypes) > 0, len(q.Levels) > 0, len(q.Remote) > 0,
			q.Country != "", q.Company != "", q.Currency != "" || q.MinSalary != nil}
		got := countIndexFacets(v, jobFacetSpecs, []int{jfCategory, jfJobType, jfLevel, jfRemote, jfCountry, jfCompany, jfCurrency},
			active, func(skip string) *roaring.Bitmap { return jobSet(v, q, match, salaryCur, skip) })
		out = JobFacets{Categories: got[0], JobTypes: got[1], Levels: got[2], Remote: got[3],
			Countries: got[4], Companies: got[5], Currencies: got[6]}
		return nil
	})
	return out, err
}

// countIndexFacets counts each facet of specs (index fields fields) over
// set(""), or over set(its name) when its own filter is active.
func countIndexFacets[P any](v *searchindex.View[P], specs []facetSpec, fields []int, active []bool,
	set func(skip string) *roaring.Bitmap) [][]FacetValue {
	out := make([][]FacetValue, len(specs))
	var plain []int
	for i := range specs {
		if !active[i] {
			plain = append(plain, i)
			continue
		}
		out[i] = facetValues(v.Count(set(specs[i].name), []int{fields[i]}, maxFacetValues+1)[0])
	}
	if len(plain) == 0 {
		return out
	}
	all := set("")
	if all == v.Listed() { // nothing searched or filtered: the index's tallies
		for _, i := range plain {
			out[i] = facetValues(searchindex.Top(v.ListedCounts(fields[i]), maxFacetValues+1))
		}
		return out
	}
	fs := make([]int, len(plain))
	for k, i := range plain {
		fs[k] = fields[i]
	}
	counts := v.Count(all, fs, maxFacetValues+1)
	for k, i := range plain {
		out[i] = facetValues(counts[k])
	}
	return out
}

// facetValues keeps what the SQL facets show of counts in Top's order
// (at most maxFacetValues+1, as the empty value may be among them):
// non-empty values, the most frequent first, at most maxFacetValues.
func facetValues(counts []searchindex.ValueCount) []FacetValue {
	out := []FacetValue{}
	for _, c := range counts {
		if c.Value == "" {
			continue
		}
		if len(out) == maxFacetValues {
			break
		}
		out = append(out, FacetValue{Value: c.Value, Label: c.Label, Count: c.Count})
	}
	return out
}

// indexedSalaryCurrency is salaryCurrency answered by the index.
func (s *Store) indexedSalaryCurrency(ctx context.Context, q JobQuery) (string, error) {
	node, err := s.searchNode(ctx, q.near, q.Search, s.jobVocab)
	if err != nil {
		return "", err
	}
	var cur string
	err = s.indexRead(ctx, func() error {
		v := s.index.jobs.View(s.now())
		match, _ := matchOf(ctx, v, node, q.Search)
		cur = indexSalaryCurrency(v, q, match)
		return nil
	})
	return cur, err
}

// indexedLiveJobs is the live match of LiveJobs answered by the index:
// which of ids are listed jobs matching q (whose search and currency are
// already resolved).
func (s *Store) indexedLiveJobs(ctx context.Context, q JobQuery, ids []int64) ([]int64, error) {
	node, err := s.searchNode(ctx, q.near, q.Search, s.jobVocab)
	if err != nil {
		return nil, err
	}
	var out []int64
	err = s.indexRead(ctx, func() error {
		v := s.index.jobs.View(s.now())
		match, _ := matchOf(ctx, v, node, q.Search)
		out = members(jobSet(v, q, match, q.Currency, ""), ids, v.Ordinal)
		return nil
	})
	return out, err
}

// members lists the ids whose documents are in set.
func members(set *roaring.Bitmap, ids []int64, ordinal func(int64) (uint32, bool)) []int64 {
	out := []int64{}
	for _, id := range ids {
		if ord, ok := ordinal(id); ok && set.Contains(ord) {
			out = append(out, id)
		}
	}
	return out
}
