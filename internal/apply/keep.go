package apply

import (
	"slices"
	"strconv"
	"strings"

	"github.com/zumodra/zumodra/internal/kind"
	"github.com/zumodra/zumodra/internal/projection"
)

// An edit usually leaves a row's HTML as it was (projection.Prior), and an
// UPDATE that sends the HTML again makes PostgreSQL compress it afresh and,
// for a long text, write it out of line again: the stored value is not
// recognised as the same. So the UPDATE of a held row sends NULL for each
// HTML column whose input digest the catalog row already holds and keeps
// the stored value (keptHTML, updateSQL). The UPDATE also checks that the
// row still holds those digests; a row that does not is missed and
// upserted whole (writes.finish).

// htmlAt is, for each catalog with HTML, the positions of its HTML columns
// and of html_digests among its columns, and updateSQL's condition on the
// kept columns (keptStillHeld).
var htmlAt = map[kind.Catalog]struct {
	html    []int
	digests int
	held    string
}{}

func init() {
	for c, ops := range catalogs {
		if len(ops.htmlColumns) == 0 {
			continue
		}
		at := htmlAt[c]
		for _, col := range ops.htmlColumns {
			at.html = append(at.html, slices.Index(ops.columns, col))
		}
		at.digests = slices.Index(ops.columns, "html_digests")
		if at.digests < 0 || slices.Contains(at.html, -1) {
			panic("apply: the " + string(c) + " catalog's HTML columns are not all among its columns")
		}
		at.held = keptStillHeld(ops.htmlColumns)
		htmlAt[c] = at
	}
}

// keptHTML returns the positions among values of the HTML columns whose
// input digest prior holds: the catalog row already stores their output.
func keptHTML(c kind.Catalog, values []any, prior *projection.Prior) []int {
	at, ok := htmlAt[c]
	if !ok || prior == nil {
		return nil
	}
	digests, _ := values[at.digests].([]byte)
	var keep []int
	for i, pos := range at.html {
		if prior.Holds(i, digests) {
			keep = append(keep, pos)
		}
	}
	return keep
}

// setColumn is the SET of one column in updateSQL: an HTML column keeps
// its stored value when the row's value is NULL.
func setColumn(c kind.Catalog, col string) string {
	if isHTML(c, col) {
		return col + " = coalesce(v." + col + ", k." + col + ")"
	}
	return col + " = v." + col
}

// keptStillHeld is updateSQL's condition that every HTML column sent as
// NULL still has, in the catalog row, the input digest the NULL stood for.
func keptStillHeld(htmlColumns []string) string {
	var b strings.Builder
	for i, col := range htmlColumns {
		digest := func(row string) string {
			return "substring(" + row + ".html_digests from " + strconv.Itoa(i*projection.DigestSize+1) +
				" for " + strconv.Itoa(projection.DigestSize) + ")"
		}
		b.WriteString(" AND (v." + col + " IS NOT NULL OR " + digest("k") + " = " + digest("v") + ")")
	}
	return b.String()
}

func isHTML(c kind.Catalog, col string) bool { return slices.Contains(catalogs[c].htmlColumns, col) }
