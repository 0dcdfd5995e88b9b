package catalog

import (
	"context"
	"errors"
)

// ProviderFacets are the counts beside each provider filter's values. The
// flags (verified, available, remote) have one value, "true".
type ProviderFacets struct {
	Categories []FacetValue `json:"categories"`
	Skills     []FacetValue `json:"skills"`
	Countries  []FacetValue `json:"countries"`
	Companies  []FacetValue `json:"companies"`
	Verified   []FacetValue `json:"verified"`
	Available  []FacetValue `json:"available"`
	Remote     []FacetValue `json:"remote"`
}

// Array columns are counted per element through a LATERAL unnest; the
// label pairs each category slug with the name at the same position.
var providerFacetSpecs = []facetSpec{
	{"category", "c.slug", "min(c.name)", " CROSS JOIN LATERAL unnest(category_slugs, category_names) AS c(slug, name)"},
	{"skill", "s.name", "min(s.name)", " CROSS JOIN LATERAL unnest(skill_names) AS s(name)"},
	{"country", "country", "min(country)", ""},
	{"company", "company_slug", "min(company_name)", ""},
	{"verified", "CASE WHEN is_verified THEN 'true' ELSE '' END", "'Verified'", ""},
	{"available", "CASE WHEN is_accepting_projects AND availability_status = 'available' THEN 'true' ELSE '' END", "'Available'", ""},
	{"remote", "CASE WHEN can_work_remotely THEN 'true' ELSE '' END", "'Remote'", ""},
}

// ProviderFacets counts, for each provider filter, the providers each of its
// values would give together with q's other filters and search (pass the
// ProviderPage's Search). Cursor, sort and page size are ignored.
func (s *Store) ProviderFacets(ctx context.Context, q ProviderQuery) (ProviderFacets, error) {
	q.Cursor, q.Sort, q.PageSize = "", "", 0
	q, err := q.clean()
	if err != nil {
		return ProviderFacets{}, err
	}
	return cached(ctx, s.cache, "providerfacets\x00"+fingerprint("providers", q), func(ctx context.Context) (ProviderFacets, error) {
		if f, err := s.indexedProviderFacets(ctx, q); !errors.Is(err, errNotIndexed) {
			return f, err
		}
		active := map[string]bool{"category": q.Category != "", "skill": q.Skill != "", "country": q.Country != "",
			"company": q.Company != "", "verified": q.Verified, "available": q.Available, "remote": q.Remote}
		got, err := countFacets(ctx, s.db(ctx), providerFacetSpecs, func(n string) bool { return active[n] },
			func(skip string) (string, []string, sqlArgs) {
				var args sqlArgs
				from, conds := providerFrom(&args, q.Search, s.vocabFor(ctx, s.providerVocab, q.Search))
				return from, append(conds, providerConds(q, &args, s.now(), skip)...), args
			})
		if err != nil {
			return ProviderFacets{}, err
		}
		return ProviderFacets{Categories: got[0], Skills: got[1], Countries: got[2], Companies: got[3],
			Verified: got[4], Available: got[5], Remote: got[6]}, nil
	})
}
