package catalog

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/zumodra/zumodra/internal/kind"
)

// SearchProviders returns one page of public providers matching q, ranked
// and cached as SearchJobs.
func (s *Store) SearchProviders(ctx context.Context, q ProviderQuery) (ProviderPage, error) {
	q, err := q.clean()
	if err != nil {
		return ProviderPage{}, err
	}
	return cached(ctx, s.pages, "providers\x00"+fingerprint("providers", q), func(ctx context.Context) (ProviderPage, error) {
		return s.searchProviders(ctx, q)
	})
}

func (s *Store) searchProviders(ctx context.Context, q ProviderQuery) (ProviderPage, error) {
	raw := q.Cursor
	q.Cursor = ""
	st, err := s.startState("providers", raw, q)
	if err != nil {
		return ProviderPage{}, err
	}
	page, err := s.providerPage(ctx, q, st)
	if err != nil || st.Page > 1 || !s.shouldCorrect(page.Search, page.Total) {
		return page, err
	}
	fixed, err := s.correctWords(ctx, s.providerVocab, st.Search)
	if err != nil || fixed == st.Search {
		return page, err
	}
	st.Search = fixed
	retry, err := s.providerPage(ctx, q, st)
	if err != nil || retry.Total <= page.Total {
		return page, err
	}
	return retry, nil
}

func (s *Store) providerPage(ctx context.Context, q ProviderQuery, st cursorState) (ProviderPage, error) {
	if page, err := s.indexedProviderPage(ctx, q, st); !errors.Is(err, errNotIndexed) {
		return page, err
	}
	sort := q.Sort
	if st.Search == "" && sort == SortRelevance {
		sort = DefaultSort
	}
	pq := &pageQuery{table: "public.provider_catalog", columns: providerSummaryColumns, limit: q.PageSize}
	spec := providerSort(sort)
	if sort == SortDistance {
		spec = q.near.sortSpec(&pq.args)
	}
	pq.sort = spec
	scan := withDistance(pq, q.near, scanProviderSummary, func(p *ProviderSummary, km float64) { p.Distance = &km })
	var searchConds []string
	pq.from, searchConds = providerFrom(&pq.args, st.Search, s.vocabFor(ctx, s.providerVocab, st.Search))
	pq.where = append(searchConds, providerConds(q, &pq.args, s.now(), "")...)
	if err := pq.start(st, spec, sort == SortRelevance); err != nil {
		return ProviderPage{}, err
	}
	got, err := runPage(ctx, s.db(ctx), pq, scan)
	if err != nil {
		return ProviderPage{}, err
	}
	total, err := pageTotal(pq, st, got, func() (countResult, error) { return s.countProviders(ctx, q, st.Search) })
	if err != nil {
		return ProviderPage{}, err
	}
	st.Total, st.Exact = total.n, total.exact
	l := makeLinks(s.cursor, spec, st, got)
	return ProviderPage{Providers: nonNil(got.items), Page: l.page, Next: l.next, Prev: l.prev,
		Total: total.n, TotalExact: total.exact, Sort: sort, Search: st.Search,
		Corrected: st.Search != q.Search, Near: q.near}, nil
}

func (s *Store) countProviders(ctx context.Context, q ProviderQuery, search string) (countResult, error) {
	q.Cursor, q.PageSize, q.Sort = "", 0, ""
	key := "providercount\x00" + fingerprint("providers", q) + "\x00" + search
	return cached(ctx, s.cache, key, func(ctx context.Context) (countResult, error) {
		var args sqlArgs
		from, conds := providerFrom(&args, search, s.vocabFor(ctx, s.providerVocab, search))
		conds = append(conds, providerConds(q, &args, s.now(), "")...)
		return countCapped(ctx, s.db(ctx), from, conds, args)
	})
}

const providerDetailColumns = providerSummaryColumns + `, bio_html, cover_image_url,
	skills, minimum_budget::float8, response_rate, avg_response_time_hours::float8`

// Provider returns the public provider with catalog id id; gone or not
// found as Job.
func (s *Store) Provider(ctx context.Context, id int64) (Provider, error) {
	var p Provider
	dests := append(p.dests(), &p.BioHTML, &p.CoverImageURL, &p.Skills,
		&p.MinimumBudget, &p.ResponseRate, &p.AvgResponseTimeHours)
	err := s.db(ctx).QueryRow(ctx, `SELECT `+providerDetailColumns+` FROM public.provider_catalog
		WHERE id = $1 AND `+listedProvider("", "$2"), id, s.now()).Scan(dests...)
	if errors.Is(err, pgx.ErrNoRows) {
		return Provider{}, s.missing(ctx, kind.Providers, id)
	}
	if err != nil {
		return Provider{}, fmt.Errorf("catalog provider %d: %w", id, err)
	}
	if p.Skills == nil {
		p.Skills = []Skill{}
	}
	return p, nil
}
