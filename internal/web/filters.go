package web

import (
	"net/url"
	"slices"

	"github.com/zumodra/zumodra/internal/catalog"
)

// facetView is one filter control with its values and their counts.
type facetView struct {
	Name    string // the query parameter
	Label   string
	Any     string // the "no filter" option of a select
	Options []option
	Flags   []flagOption // yes/no filters, each its own parameter
}

// flagOption is a yes/no filter: a checkbox sending name=1.
type flagOption struct {
	Name     string
	Label    string
	Count    int
	Selected bool
}

// option is one value of a filter or sort control. Count -1 hides the count.
type option struct {
	Value    string
	Label    string
	Count    int
	Selected bool
}

// chip is an active filter shown above the results, as a link removing it.
type chip struct {
	Label     string
	RemoveURL string
}

// selectFacet builds a single-choice filter from catalog counts. A chosen
// value missing from the counts (nothing matches it now) is kept, with 0,
// so the control still shows what the visitor chose.
func selectFacet(name, lbl, anyLabel string, vals []catalog.FacetValue, chosen string) facetView {
	f := facetView{Name: name, Label: lbl, Any: anyLabel}
	found := false
	for _, v := range vals {
		sel := v.Value == chosen
		found = found || sel
		f.Options = append(f.Options, option{Value: v.Value, Label: v.Label, Count: v.Count, Selected: sel})
	}
	if chosen != "" && !found {
		f.Options = append(f.Options, option{Value: chosen, Label: chosen, Count: 0, Selected: true})
	}
	return f
}

// checkFacet builds a multi-choice filter over a fixed enum, listing the
// values that match something or are chosen, in the enum's order.
func checkFacet(name, lbl string, enum []string, labels map[string]string, vals []catalog.FacetValue, chosen []string) facetView {
	counts := make(map[string]int, len(vals))
	for _, v := range vals {
		counts[v.Value] = v.Count
	}
	f := facetView{Name: name, Label: lbl}
	for _, e := range enum {
		sel := slices.Contains(chosen, e)
		if counts[e] == 0 && !sel {
			continue
		}
		f.Options = append(f.Options, option{Value: e, Label: label(labels, e), Count: counts[e], Selected: sel})
	}
	return f
}

// sortOptions lists the sort orders a listing offers. The order used when
// none is chosen goes first with the value "", so that a new search from a
// page sorted by default is ranked by relevance rather than carrying the
// browsing order along. Relevance is offered only while searching.
func sortOptions(all []option, chosen string, searching bool, browseDefault string) []option {
	def := browseDefault
	if searching {
		def = catalog.SortRelevance
	}
	out := []option{{Value: "", Count: -1, Selected: chosen == "" || chosen == def}}
	for _, o := range all {
		switch {
		case o.Value == def:
			out[0].Label = o.Label
		case o.Value != catalog.SortRelevance:
			o.Selected, o.Count = o.Value == chosen, -1
			out = append(out, o)
		}
	}
	return out
}

// chipsFor lists the active filters among names, each removable alone;
// labelOf returns "" for a value that filters nothing (verified=0).
func chipsFor(path string, v url.Values, names []string, labelOf func(name, value string) string) []chip {
	var out []chip
	for _, n := range names {
		for _, val := range values(v, n) {
			if l := labelOf(n, val); l != "" {
				out = append(out, chip{Label: l, RemoveURL: withoutValue(path, v, n, val)})
			}
		}
	}
	return out
}

// facetLabel finds the display label of a value among facet counts.
func facetLabel(vals []catalog.FacetValue, value string) string {
	for _, v := range vals {
		if v.Value == value {
			return v.Label
		}
	}
	return value
}
