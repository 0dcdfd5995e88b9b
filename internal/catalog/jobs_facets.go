package catalog

import (
	"context"
	"errors"
)

// JobFacets are the counts beside each job filter's values.
type JobFacets struct {
	Categories []FacetValue `json:"categories"`
	JobTypes   []FacetValue `json:"job_types"`
	Levels     []FacetValue `json:"experience_levels"`
	Remote     []FacetValue `json:"remote"`
	Countries  []FacetValue `json:"countries"`
	Companies  []FacetValue `json:"companies"`
	// Currencies counts the jobs showing a salary in each currency, under
	// every filter but the currency and the minimum salary (a minimum in
	// one currency says nothing about another).
	Currencies []FacetValue `json:"currencies"`
}

var jobFacetSpecs = []facetSpec{
	{"category", "category_slug", "min(category_name)", ""},
	{"job_type", "job_type", "min(job_type)", ""},
	{"experience_level", "experience_level", "min(experience_level)", ""},
	{"remote", "remote_policy", "min(remote_policy)", ""},
	{"country", "country", "min(country)", ""},
	{"company", "company_slug", "min(company_name)", ""},
	{"currency", "salary_currency", "min(salary_currency)", ""},
}

// JobFacets counts, for each job filter, the jobs each of its values would
// give together with q's other filters and search. Pass the Search of the
// JobPage shown (which may be a corrected spelling) as q.Search. The
// cursor, sort and page size of q are ignored.
func (s *Store) JobFacets(ctx context.Context, q JobQuery) (JobFacets, error) {
	q.Cursor, q.Sort, q.PageSize = "", "", 0
	q, err := q.clean()
	if err != nil {
		return JobFacets{}, err
	}
	return cached(ctx, s.cache, "jobfacets\x00"+fingerprint("jobs", q), func(ctx context.Context) (JobFacets, error) {
		if f, err := s.indexedJobFacets(ctx, q); !errors.Is(err, errNotIndexed) {
			return f, err
		}
		active := map[string]bool{"category": q.Category != "", "job_type": len(q.JobTypes) > 0,
			"experience_level": len(q.Levels) > 0, "remote": len(q.Remote) > 0, "country": q.Country != "",
			"company": q.Company != "", "currency": q.Currency != "" || q.MinSalary != nil}
		salaryCur, err := s.salaryCurrency(ctx, q)
		if err != nil {
			return JobFacets{}, err
		}
		got, err := countFacets(ctx, s.db(ctx), jobFacetSpecs, func(n string) bool { return active[n] },
			func(skip string) (string, []string, sqlArgs) {
				var args sqlArgs
				from, conds := jobFrom(&args, q.Search, s.vocabFor(ctx, s.jobVocab, q.Search))
				return from, append(conds, jobConds(q, salaryCur, &args, s.now(), skip)...), args
			})
		if err != nil {
			return JobFacets{}, err
		}
		return JobFacets{Categories: got[0], JobTypes: got[1], Levels: got[2], Remote: got[3],
			Countries: got[4], Companies: got[5], Currencies: got[6]}, nil
	})
}
