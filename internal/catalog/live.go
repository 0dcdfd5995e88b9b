package catalog

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// LiveJobs resolves q for live updates of its list: the search as the list
// page shows it (after typo correction) and the salary currency it
// compares in, which cost a query of their own once per watched list. It
// returns a function telling which of some catalog ids are public jobs on
// that list, in one query.
func (s *Store) LiveJobs(ctx context.Context, q JobQuery) (func(context.Context, []int64) ([]int64, error), error) {
	q.Cursor, q.PageSize = "", 1
	page, err := s.SearchJobs(ctx, q)
	if err != nil {
		return nil, err
	}
	q, _ = q.clean()
	q.Search, q.Currency, q.Sort, q.PageSize = page.Search, page.SalaryCurrency, "", 0
	match := func(ctx context.Context, ids []int64) ([]int64, error) {
		if got, err := s.indexedLiveJobs(ctx, q, ids); !errors.Is(err, errNotIndexed) {
			return got, err
		}
		var args sqlArgs
		from, conds := jobFrom(&args, q.Search, s.vocabFor(ctx, s.jobVocab, q.Search))
		conds = append(conds, jobConds(q, q.Currency, &args, s.now(), "")...)
		return matchIDs(ctx, s, "public.job_catalog", from, append(conds, "job_catalog.id = ANY("+args.add(ids)+")"), args)
	}
	return match, nil
}

// LiveProviders is LiveJobs for freelancers.
func (s *Store) LiveProviders(ctx context.Context, q ProviderQuery) (func(context.Context, []int64) ([]int64, error), error) {
	q.Cursor, q.PageSize = "", 1
	page, err := s.SearchProviders(ctx, q)
	if err != nil {
		return nil, err
	}
	q, _ = q.clean()
	q.Search, q.Sort, q.PageSize = page.Search, "", 0
	match := func(ctx context.Context, ids []int64) ([]int64, error) {
		if got, err := s.indexedLiveProviders(ctx, q, ids); !errors.Is(err, errNotIndexed) {
			return got, err
		}
		var args sqlArgs
		from, conds := providerFrom(&args, q.Search, s.vocabFor(ctx, s.providerVocab, q.Search))
		conds = append(conds, providerConds(q, &args, s.now(), "")...)
		return matchIDs(ctx, s, "public.provider_catalog", from, append(conds, "provider_catalog.id = ANY("+args.add(ids)+")"), args)
	}
	return match, nil
}

func matchIDs(ctx context.Context, s *Store, table, from string, conds []string, args sqlArgs) ([]int64, error) {
	rows, err := s.db(ctx).Query(ctx, `SELECT `+table+`.id FROM `+from+` WHERE `+whereSQL(conds), args...)
	if err != nil {
		return nil, fmt.Errorf("catalog live match: %w", err)
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return nil, fmt.Errorf("catalog live match: %w", err)
	}
	return ids, nil
}
