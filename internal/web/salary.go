package web

import (
	"github.com/zumodra/zumodra/internal/catalog"
	"github.com/zumodra/zumodra/internal/money"
)

// currencyFacet is the salary currency control: each currency the results
// show salaries in, with its CLDR symbol ("USD ($)"), and how many.
func currencyFacet(vals []catalog.FacetValue, chosen string) facetView {
	f := selectFacet("currency", "Salary currency", "Most common", vals, chosen)
	for i, o := range f.Options {
		if sym := money.Symbol(o.Value); sym != "" && sym != o.Value {
			f.Options[i].Label = o.Value + " (" + sym + ")"
		}
	}
	return f
}

// salaryNote says what a minimum salary or the salary sort compared: the
// currency (the visitor's or the most common), and that every pay period
// counts by its yearly equivalent. Empty when nothing compared salaries.
func salaryNote(q catalog.JobQuery, cur string) string {
	if q.MinSalary == nil && q.Sort != catalog.SortSalary {
		return ""
	}
	if cur == "" {
		return "No matching job shows a salary."
	}
	how := "your choice"
	if q.Currency == "" {
		how = "the currency most of these jobs pay in"
	}
	return "Salaries compared in " + cur + " (" + how + "), as yearly amounts: hourly pay x 2,080, daily x 260, weekly x 52, monthly x 12. Jobs paying in other currencies are never ranked against them."
}
