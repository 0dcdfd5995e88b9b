package catalog

import "context"

// JobFacets are the counts beside each job filter's values.
type JobFacets struct {
	Categories []FacetValue `json:"categories"`
	JobTypes   []FacetValue `json:"job_types"`
	Levels     []FacetValue `json:"experience_levels"`
	Remote     []FacetValue `json:"remote"`
	Countries  []FacetValue `json:"countries"`
	Companies  []FacetValue `json:"companies"`
}

var jobFacetSpecs = []facetSpec{
	{"category", "category_slug", "min(category_name)"},
	{"job_type", "job_type", "min(job_type)"},
	{"experience_level", "experience_level", "min(experience_level)"},
	{"remote", "remote_policy", "min(remote_policy)"},
	{"country", "country", "min(country)"},
	{"company", "company_slug", "min(company_name)"},
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
	return cached(s.cache, "jobfacets\x00"+fingerprint("jobs", q), func() (JobFacets, error) {
		qs := make([]facetQuery, len(jobFacetSpecs))
		for i, spec := range jobFacetSpecs {
			fq := facetQuery{spec: spec}
			var searchConds []string
			fq.from, searchConds = jobFrom(&fq.args, q.Search)
			fq.conds = append(searchConds, jobConds(q, &fq.args, s.now(), spec.name)...)
			qs[i] = fq
		}
		got, err := runFacets(ctx, s.pool, qs)
		if err != nil {
			return JobFacets{}, err
		}
		return JobFacets{Categories: got[0], JobTypes: got[1], Levels: got[2], Remote: got[3],
			Countries: got[4], Companies: got[5]}, nil
	})
}
