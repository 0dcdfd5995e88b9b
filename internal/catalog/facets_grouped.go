package catalog

import (
	"context"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/zumodra/zumodra/internal/pgq"
)

// groupedFacetSQL counts several facets that share one WHERE (those whose
// own filter is not set, so leaving it out changes nothing) in a single
// pass with GROUPING SETS, instead of one scan of the matches per facet.
func groupedFacetSQL(specs []facetSpec, from string, conds []string) string {
	var name, label, sets []string
	values := make([]string, len(specs))
	for i, sp := range specs {
		values[i] = sp.value
		sets = append(sets, "("+sp.value+")")
		name = append(name, fmt.Sprintf("WHEN GROUPING(%s) = 0 THEN %d", sp.value, i))
		label = append(label, fmt.Sprintf("WHEN GROUPING(%s) = 0 THEN %s", sp.value, sp.label))
	}
	return fmt.Sprintf(`SELECT g, v, l, n FROM (SELECT CASE %s END AS g, COALESCE(%s) AS v, CASE %s END AS l,
		count(*) AS n FROM %s WHERE %s GROUP BY GROUPING SETS (%s)) f WHERE v <> '' ORDER BY g, n DESC, v`,
		strings.Join(name, " "), strings.Join(values, ", "), strings.Join(label, " "), from, whereSQL(conds),
		strings.Join(sets, ", "))
}

// runGroupedFacets runs groupedFacetSQL and files each row under its
// facet, keeping the maxFacetValues largest values of each.
func runGroupedFacets(ctx context.Context, db pgq.Querier, specs []facetSpec, from string, conds []string, args sqlArgs) ([][]FacetValue, error) {
	out := make([][]FacetValue, len(specs))
	for i := range out {
		out[i] = []FacetValue{}
	}
	rows, err := db.Query(ctx, groupedFacetSQL(specs, from, conds), args...)
	if err != nil {
		return nil, fmt.Errorf("catalog facets: %w", err)
	}
	var g int
	var v FacetValue
	_, err = pgx.ForEachRow(rows, []any{&g, &v.Value, &v.Label, &v.Count}, func() error {
		if g >= 0 && g < len(out) && len(out[g]) < maxFacetValues {
			out[g] = append(out[g], v)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("catalog facets: %w", err)
	}
	return out, nil
}

// facetPlan splits facets into those counted together in one grouped pass
// (their own filter is unset and they need no unnest) and those that need a
// query of their own.
func facetPlan(specs []facetSpec, active func(name string) bool) (shared, own []int) {
	for i, sp := range specs {
		if active(sp.name) || sp.join != "" {
			own = append(own, i)
		} else {
			shared = append(shared, i)
		}
	}
	return shared, own
}

// countFacets counts every facet of specs: the shared ones in one grouped
// pass over the matches, the others each without their own filter.
// build returns the FROM clause, conditions and arguments of the matches
// with the filter named skip left out ("" for none).
func countFacets(ctx context.Context, db pgq.Querier, specs []facetSpec, active func(string) bool, build func(skip string) (string, []string, sqlArgs)) ([][]FacetValue, error) {
	shared, own := facetPlan(specs, active)
	out := make([][]FacetValue, len(specs))
	if len(shared) > 0 {
		sub := make([]facetSpec, len(shared))
		for i, j := range shared {
			sub[i] = specs[j]
		}
		from, conds, args := build("")
		got, err := runGroupedFacets(ctx, db, sub, from, conds, args)
		if err != nil {
			return nil, err
		}
		for i, j := range shared {
			out[j] = got[i]
		}
	}
	if len(own) == 0 {
		return out, nil
	}
	qs := make([]facetQuery, len(own))
	for i, j := range own {
		from, conds, args := build(specs[j].name)
		qs[i] = facetQuery{spec: specs[j], from: from + specs[j].join, conds: conds, args: args}
	}
	got, err := runFacets(ctx, db, qs)
	if err != nil {
		return nil, err
	}
	for i, j := range own {
		out[j] = got[i]
	}
	return out, nil
}
