package catalog

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/zumodra/zumodra/internal/pgq"
)

// FacetValue is one value of a filter and how many results choosing it gives.
type FacetValue struct {
	Value string `json:"value"` // what the filter parameter takes
	Label string `json:"label"` // what to show (a name where the value is a slug)
	Count int    `json:"count"`
}

// maxFacetValues bounds each facet list (countries, companies, skills can be
// many); the most frequent values are kept.
const maxFacetValues = 50

// facetSpec is one facet: the column grouped, the label shown, and the
// filter left out while counting it, so that the counts say what choosing
// a value would give under all the other filters.
type facetSpec struct {
	name  string // also the filter skipped
	value string // SQL expression of the value
	label string // SQL expression of the label (an aggregate)
	join  string // FROM addition the value needs (an unnest), if any
}

// facetQuery is one grouped count over a catalog table.
type facetQuery struct {
	spec  facetSpec
	from  string
	conds []string
	args  sqlArgs
}

func (f facetQuery) sql() string {
	return fmt.Sprintf(`SELECT v, l, n FROM (SELECT %s AS v, %s AS l, count(*) AS n FROM %s WHERE %s GROUP BY 1) f
		WHERE v <> '' ORDER BY n DESC, v LIMIT %d`, f.spec.value, f.spec.label, f.from, whereSQL(f.conds), maxFacetValues)
}

// runFacets sends all facet queries in one round trip.
func runFacets(ctx context.Context, db pgq.Querier, qs []facetQuery) ([][]FacetValue, error) {
	b := &pgx.Batch{}
	for _, q := range qs {
		b.Queue(q.sql(), q.args...)
	}
	res := db.SendBatch(ctx, b)
	defer res.Close()
	out := make([][]FacetValue, len(qs))
	for i, q := range qs {
		rows, err := res.Query()
		if err != nil {
			return nil, fmt.Errorf("catalog facet %s: %w", q.spec.name, err)
		}
		vals, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (FacetValue, error) {
			var v FacetValue
			err := r.Scan(&v.Value, &v.Label, &v.Count)
			return v, err
		})
		if err != nil {
			return nil, fmt.Errorf("catalog facet %s: %w", q.spec.name, err)
		}
		out[i] = nonNil(vals)
	}
	return out, res.Close()
}
