package kind

import "testing"

// Every catalog has every name, and no two catalogs share one (a company
// is one row, so its row and whole entities are one): a branch on
// the catalog would otherwise silently read the wrong table.
func TestNamesComplete(t *testing.T) {
	seen := map[string]Catalog{}
	for _, c := range All {
		for _, n := range []string{c.Table(), c.SourceTable(), c.Entity(), c.WholeEntity(), c.Title()} {
			if n == "" {
				t.Errorf("%s: a name is empty", c)
			}
			if o, ok := seen[n]; ok && o != c {
				t.Errorf("%s and %s share %q", o, c, n)
			}
			seen[n] = c
		}
	}
}
