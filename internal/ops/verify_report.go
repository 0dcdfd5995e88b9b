package ops

import (
	"maps"
	"slices"
	"time"

	"github.com/zumodra/zumodra/internal/kind"
)

// Kind is a kind of discrepancy between the catalog and the projection of
// its sources.
type Kind string

// The kinds of discrepancy.
const (
	Missing Kind = "missing" // public per the projection, absent from the catalog
	Stale   Kind = "stale"   // in the catalog, but not public (or its source is gone)
	Drifted Kind = "drifted" // in both, with columns that differ
)

// Invalid marks a source row that would be public but holds a value the
// catalog cannot take (projection.ReasonInvalid). It is counted apart, not
// as a discrepancy: the catalog rightly lacks the row, and only the tenant
// can fix it (its sync is a dead letter naming the field). When the catalog
// still has the row, that row is also a stale discrepancy.
const Invalid Kind = "invalid"

// Kinds lists every kind of discrepancy, in report order.
var Kinds = []Kind{Missing, Stale, Drifted}

// Discrepancy is one catalog row that is not what the projection says.
type Discrepancy struct {
	SourceID int64    `json:"source_id"`
	Kind     Kind     `json:"kind"`
	Reason   string   `json:"reason,omitempty"`  // stale: why it is not public; invalid: which values
	Columns  []string `json:"columns,omitempty"` // drifted: which columns differ
}

// CatalogResult is the verification of one catalog of one tenant.
type CatalogResult struct {
	TenantID   int64        `json:"tenant_id"`
	Tenant     string       `json:"tenant"`
	TenantName string       `json:"tenant_name"`
	Catalog    kind.Catalog `json:"catalog"`
	Eligible   int          `json:"eligible"`   // public per the projection, deadline not passed
	InCatalog  int          `json:"in_catalog"` // catalog rows
	Missing    int          `json:"missing"`
	Stale      int          `json:"stale"`
	Drifted    int          `json:"drifted"`
	// Pending counts differences that pending outbox rows will settle: the
	// workers have not got to them yet, so they are not discrepancies.
	Pending int `json:"pending"`
	// Expired counts public jobs past their application deadline that are
	// not in the catalog: cleanup-stale removed them, as it should.
	Expired int `json:"expired"`
	// Invalid counts source rows kept out because they hold values the
	// catalog cannot take; they are listed among the samples, kind invalid.
	Invalid        int            `json:"invalid"`
	DriftedColumns map[string]int `json:"drifted_columns,omitempty"`
	Samples        []Discrepancy  `json:"samples,omitempty"` // the first few discrepancies
	Err            string         `json:"error,omitempty"`   // verification itself failed
}

// Discrepancies counts missing, stale and drifted rows.
func (r CatalogResult) Discrepancies() int { return r.Missing + r.Stale + r.Drifted }

// Count returns the number of discrepancies of one kind.
func (r CatalogResult) Count(k Kind) int {
	switch k {
	case Missing:
		return r.Missing
	case Stale:
		return r.Stale
	}
	return r.Drifted
}

// Columns lists the drifted column names, sorted.
func (r CatalogResult) Columns() []string { return slices.Sorted(maps.Keys(r.DriftedColumns)) }

func (r *CatalogResult) add(d Discrepancy, sampleLimit int) {
	switch d.Kind {
	case Missing:
		r.Missing++
	case Stale:
		r.Stale++
	case Drifted:
		r.Drifted++
		if r.DriftedColumns == nil {
			r.DriftedColumns = map[string]int{}
		}
		for _, c := range d.Columns {
			r.DriftedColumns[c]++
		}
	}
	if len(r.Samples) < sampleLimit {
		r.Samples = append(r.Samples, d)
	}
}

// Report is the outcome of a verification.
type Report struct {
	Results  []CatalogResult `json:"results"` // per tenant, then catalog
	Repair   *RepairStats    `json:"repair,omitempty"`
	Duration time.Duration   `json:"-"`
	Seconds  float64         `json:"duration_seconds"`
}

// RepairStats is what a repair pass changed, through the apply code.
type RepairStats struct {
	Written int `json:"written"`
	Removed int `json:"removed"`
	Errors  int `json:"errors"`
}

// Discrepancies is the total over all results.
func (r Report) Discrepancies() int {
	n := 0
	for _, res := range r.Results {
		n += res.Discrepancies()
	}
	return n
}

// Failed reports whether a tenant could not be verified at all.
func (r Report) Failed() bool {
	for _, res := range r.Results {
		if res.Err != "" {
			return true
		}
	}
	return false
}

// Totals sums the counts per catalog and kind, for the metric.
func (r Report) Totals() map[kind.Catalog]map[Kind]int {
	out := map[kind.Catalog]map[Kind]int{}
	for _, c := range kind.All {
		out[c] = map[Kind]int{}
	}
	for _, res := range r.Results {
		for _, k := range Kinds {
			out[res.Catalog][k] += res.Count(k)
		}
	}
	return out
}
