package catalog

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/zumodra/zumodra/internal/intake/check"
)

// Salaries are compared only within one currency, on the yearly equivalent
// the projection stores (salary_yearly_min/max): the minimum-salary filter
// keeps jobs of the salary currency alone, and the salary sort ranks that
// currency's jobs by yearly top, then every other job, newest id first,
// without ranking one currency's amounts against another's.

func cleanCurrency(c string) (string, error) {
	c = strings.ToUpper(strings.TrimSpace(c))
	if c == "" {
		return "", nil
	}
	if err := check.Currency("currency", c); err != nil {
		return "", err
	}
	return c, nil
}

// salaryConds are the currency and minimum-salary conditions. The currency
// facet is counted without either (skip "currency").
func salaryConds(q JobQuery, salaryCur string, args *sqlArgs, skip string) []string {
	if skip == "currency" {
		return nil
	}
	var conds []string
	if q.Currency != "" {
		conds = append(conds, "salary_currency = "+args.add(q.Currency))
	}
	if q.MinSalary != nil {
		// job_catalog_salary_yearly serves this as one index range. Jobs
		// without a shown salary have no yearly top and never match.
		conds = append(conds, "salary_currency = "+args.add(salaryCur),
			"salary_yearly_max >= "+args.add(*q.MinSalary))
	}
	return conds
}

// salarySort ranks the salary currency's jobs first, highest yearly top
// first; jobs in other currencies or without a salary follow by id.
func salarySort(salaryCur string, args *sqlArgs) sortSpec {
	c := args.add(salaryCur)
	return sortSpec{keys: []sortKey{
		{"coalesce(salary_currency = " + c + ", false)", keyBool},
		{"coalesce(CASE WHEN salary_currency = " + c + " THEN salary_yearly_max END, -1)", keyFloat64},
		{"id", keyInt},
	}}
}

// salaryCurrency is the currency q's salaries are compared in: the
// visitor's, or else (when a minimum or the salary sort needs one) the
// currency most of the matching jobs show their salary in, the code first
// alphabetically on a tie. "" when no matching job shows a salary.
func (s *Store) salaryCurrency(ctx context.Context, q JobQuery) (string, error) {
	if q.Currency != "" || (q.MinSalary == nil && q.Sort != SortSalary) {
		return q.Currency, nil
	}
	q.Cursor, q.PageSize, q.Sort = "", 0, ""
	return cached(ctx, s.cache, "jobcurrency\x00"+fingerprint("jobs", q), func(ctx context.Context) (string, error) {
		if cur, err := s.indexedSalaryCurrency(ctx, q); !errors.Is(err, errNotIndexed) {
			return cur, err
		}
		var args sqlArgs
		from, conds := jobFrom(&args, q.Search, s.vocabFor(ctx, s.jobVocab, q.Search))
		conds = append(conds, jobConds(q, "", &args, s.now(), "currency")...)
		var cur string
		err := s.db(ctx).QueryRow(ctx, fmt.Sprintf(`SELECT salary_currency FROM %s WHERE %s AND salary_currency IS NOT NULL
			GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`, from, whereSQL(conds)), args...).Scan(&cur)
		if errors.Is(err, pgx.ErrNoRows) {
			return "", nil
		}
		return cur, wrap("catalog salary currency", err)
	})
}
