package searchindex

import "sync/atomic"

// The tallies count, per value of every field, the documents listed at the
// clock's instant, and the names they give it (label), so that counts over
// everything listed (the unfiltered facets, the site's totals) cost a pass
// over the values instead of one over the documents. They change with the
// listed set: when a document is listed or unlisted by a write, and when
// the clock moves (advance).

// tally is one field's counts among the listed documents.
type tally struct {
	n      []int            // by value id
	labels []map[string]int // by value id: the names listed documents give it
}

func (t *tally) grow(ids int) {
	for len(t.n) < ids {
		t.n = append(t.n, 0)
		t.labels = append(t.labels, nil)
	}
}

// generations numbers the listed sets of every index of the process, so
// that no two states of any index share a generation, a rebuilt one's
// included.
var generations atomic.Uint64

// count adds d (1 or -1) for the listed document at ord.
func (ix *Index[P]) count(ord uint32, d int) {
	ix.gen = generations.Add(1)
	for f := range ix.fields {
		fd := &ix.fields[f]
		t := &fd.listed
		t.grow(len(fd.values))
		ix.each(ord, f, func(id, name uint32) {
			t.n[id] += d
			if !fd.labelled {
				return
			}
			l := ix.named[name]
			if t.labels[id] == nil {
				t.labels[id] = map[string]int{}
			}
			if t.labels[id][l] += d; t.labels[id][l] == 0 {
				delete(t.labels[id], l)
			}
		})
	}
	e := &ix.docs[ord]
	if d > 0 && e.from > ix.clock.newest {
		ix.clock.newest = e.from
	} else if d < 0 && e.from == ix.clock.newest {
		ix.clock.newestStale = true
	}
}

// resetTallies empties the tallies before a rebuild counts again.
func (ix *Index[P]) resetTallies() {
	ix.gen = generations.Add(1)
	for f := range ix.fields {
		ix.fields[f].listed = tally{}
	}
	ix.clock.newest, ix.clock.newestStale = 0, false
}

// freshNewest finds the newest listed document again after the newest one
// left: a pass over the listed set, which only that event costs.
func (ix *Index[P]) freshNewest() {
	if !ix.clock.newestStale {
		return
	}
	ix.clock.newest, ix.clock.newestStale = 0, false
	ix.clock.listed.Iterate(func(ord uint32) bool {
		ix.clock.newest = max(ix.clock.newest, ix.docs[ord].from)
		return true
	})
}

// ListedCounts counts the listed documents of each value of field f, and
// names each value by the smallest name its listed documents give it.
// Values without a listed document are left out; the order is none.
func (v *View[P]) ListedCounts(f int) []ValueCount {
	fd := &v.ix.fields[f]
	var out []ValueCount
	for id, n := range fd.listed.n {
		if n == 0 {
			continue
		}
		vc := ValueCount{Value: fd.values[id], Label: fd.values[id], Count: n}
		if names := fd.listed.labels[id]; len(names) > 0 {
			vc.Label = minKey(names)
		}
		out = append(out, vc)
	}
	return out
}

func minKey(m map[string]int) string {
	first, out := true, ""
	for k := range m {
		if first || k < out {
			first, out = false, k
		}
	}
	return out
}

// Generation identifies the listed set and its tallies (ListedCounts,
// Newest): it changes whenever they may have, and no other state of any
// index in the process has had it, so that what is derived from them alone
// can be kept until it changes.
func (v *View[P]) Generation() uint64 { return v.ix.gen }

// Newest is the latest From among the listed documents, in unix
// microseconds; 0 when none is listed.
func (v *View[P]) Newest() int64 { return v.ix.clock.newest }
