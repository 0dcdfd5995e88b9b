package searchindex

import (
	"cmp"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/RoaringBitmap/roaring/v2"
)

// View is a read of the index at one version and one instant. It is valid
// only inside the function given to Read; bitmaps it returns must not be
// modified.
type View[P any] struct {
	ix *Index[P]
	at int64
}

// View is the index at time now; take it inside a Read of the index's
// lock that named the index, and use it only there.
func (ix *Index[P]) View(now time.Time) *View[P] {
	return &View[P]{ix: ix, at: now.UnixMicro()}
}

// Version is the catalog version the view shows.
func (v *View[P]) Version() int64 { return v.ix.version }

// Len is the number of documents held, listed or not.
func (v *View[P]) Len() int { return len(v.ix.byKey) }

// Due is the first moment after the view's instant at which the listed set
// changes by the clock alone; the zero time when none is scheduled.
func (v *View[P]) Due() time.Time {
	if n := v.ix.clock.next(); n != maxTime {
		return time.UnixMicro(n).UTC()
	}
	return time.Time{}
}

const maxTime = int64(^uint64(0) >> 1)

// Listed is every document listed at the view's instant.
func (v *View[P]) Listed() *roaring.Bitmap { return v.ix.clock.listed }

// Payload is the payload of the document at ord.
func (v *View[P]) Payload(ord uint32) P { return v.ix.docs[ord].payload }

// Num is the document's i-th number (Doc.Nums).
func (v *View[P]) Num(ord uint32, i int) float64 { return v.ix.nums[int(ord)*v.ix.stride+i] }

// Key is the key of the document at ord.
func (v *View[P]) Key(ord uint32) int64 { return v.ix.docs[ord].key }

// Field is the listed and unlisted live documents having any of values
// in field f.
func (v *View[P]) Field(f int, values ...string) *roaring.Bitmap {
	fd := &v.ix.fields[f]
	var bs []*roaring.Bitmap
	for _, val := range values {
		if id, ok := fd.ids[val]; ok {
			bs = append(bs, fd.docs[id])
		}
	}
	switch len(bs) {
	case 0:
		return roaring.New()
	case 1:
		return bs[0]
	}
	return roaring.FastOr(bs...)
}

// Terms are the lexeme ids a query's positive words matched, for Rank: a
// few, so a slice scanned beats a map.
type Terms []uint32

// Match is the listed documents matching the query n (nil matches none),
// and the lexemes its non-negated words matched.
func (v *View[P]) Match(n *Node) (*roaring.Bitmap, Terms) {
	if n == nil {
		return roaring.New(), nil
	}
	ids := map[uint32]struct{}{}
	set := roaring.And(v.eval(n, ids, false), v.Listed())
	terms := make(Terms, 0, len(ids))
	for id := range ids {
		terms = append(terms, id)
	}
	slices.Sort(terms) // Rank adds in this order: the same rank every time
	return set, terms
}

// eval is the documents, dead ones included, matching n; the set may be
// one the index holds, and must not be modified.
func (v *View[P]) eval(n *Node, terms map[uint32]struct{}, negated bool) *roaring.Bitmap {
	switch n.Op {
	case 'w':
		return v.word(n, terms, negated)
	case '!':
		return roaring.AndNot(v.ix.live, v.eval(n.Kids[0], terms, !negated))
	case '|':
		bs := make([]*roaring.Bitmap, len(n.Kids))
		for i, k := range n.Kids {
			bs[i] = v.eval(k, terms, negated)
		}
		return roaring.FastOr(bs...)
	}
	// '&': intersect the positive kids first, then remove the negated ones.
	// A kid's set may be the index's own (a word's posting): out becomes a
	// set of its own at the first operation, and only then changes in
	// place, instead of cloning a posting to intersect it.
	var out *roaring.Bitmap
	owned := false
	var nots []*Node
	for _, k := range n.Kids {
		if k.Op == '!' {
			nots = append(nots, k.Kids[0])
			continue
		}
		b := v.eval(k, terms, negated)
		switch {
		case out == nil:
			out = b
		case !owned:
			out, owned = roaring.And(out, b), true
		default:
			out.And(b)
		}
	}
	if out == nil {
		out = v.ix.live
	}
	for _, k := range nots {
		if b := v.eval(k, terms, !negated); owned {
			out.AndNot(b)
		} else {
			out, owned = roaring.AndNot(out, b), true
		}
	}
	return out
}

// word is the documents of one lexeme, or of every lexeme it prefixes.
func (v *View[P]) word(n *Node, terms map[uint32]struct{}, negated bool) *roaring.Bitmap {
	ix := v.ix
	if !n.Prefix {
		id, ok := ix.lex[n.Lexeme]
		if !ok {
			return roaring.New()
		}
		if !negated {
			terms[id] = struct{}{}
		}
		return ix.postings[id]
	}
	ids := v.prefixed(n.Lexeme)
	bs := make([]*roaring.Bitmap, len(ids))
	for i, id := range ids {
		bs[i] = ix.postings[id]
		if !negated {
			terms[id] = struct{}{}
		}
	}
	return roaring.FastOr(bs...)
}

// prefixed lists the lexemes starting with p.
func (v *View[P]) prefixed(p string) []uint32 {
	ix := v.ix
	sorted := ix.sorted
	i := sort.Search(len(sorted), func(i int) bool { return ix.lexemes[sorted[i]] >= p })
	var out []uint32
	for ; i < len(sorted) && strings.HasPrefix(ix.lexemes[sorted[i]], p); i++ {
		out = append(out, sorted[i])
	}
	return out
}

// Rank is the document's relevance to terms: the sum of the weights of
// its heading's lexemes that the query matched, added in terms' order as
// Tiers adds them, so that both give one document one rank.
func (v *View[P]) Rank(ord uint32, terms Terms) float32 {
	var r float32
	head := v.ix.docs[ord].head
	for _, t := range terms {
		for _, h := range head {
			if h.id == t {
				r += h.weight
				break
			}
		}
	}
	return r
}

// Headed is the documents, dead ones included, whose heading holds any of
// terms: exactly those to which Rank gives more than 0, so that a walk by
// relevance ranks them alone and takes the rest in an order that ignores
// the rank.
func (v *View[P]) Headed(terms Terms) *roaring.Bitmap {
	var bs []*roaring.Bitmap
	for _, t := range terms {
		for _, tr := range v.ix.tiers[t] {
			bs = append(bs, tr.docs)
		}
	}
	if len(bs) == 1 {
		return bs[0]
	}
	return roaring.FastOr(bs...)
}

// Tier is the members of a set that Rank gives one rank.
type Tier struct {
	Rank float32
	Docs *roaring.Bitmap
}

// maxTiers bounds the tiers Tiers works through: the tiers of several
// words multiply, and past this many ranking each member costs less.
const maxTiers = 32

// Tiers partitions set by Rank(·, terms), highest rank first, the members
// ranked 0 last; false when the partition would pass maxTiers parts. A
// page in relevance order then walks the first tiers in another order
// instead of ranking every member: a word's documents fall into a few
// tiers, by its weight in their headings.
func (v *View[P]) Tiers(set *roaring.Bitmap, terms Terms) ([]Tier, bool) {
	tiers := []Tier{{Docs: set}}
	for _, t := range terms {
		var next []Tier
		for _, c := range tiers {
			rest := c.Docs
			for _, tr := range v.ix.tiers[t] {
				d := roaring.And(rest, tr.docs)
				if d.IsEmpty() {
					continue
				}
				next = append(next, Tier{Rank: c.Rank + tr.weight, Docs: d})
				rest = roaring.AndNot(rest, d)
			}
			if !rest.IsEmpty() {
				next = append(next, Tier{Rank: c.Rank, Docs: rest})
			}
			if len(next) > maxTiers {
				return nil, false
			}
		}
		tiers = next
	}
	slices.SortFunc(tiers, func(a, b Tier) int { return cmp.Compare(b.Rank, a.Rank) })
	out := tiers[:0]
	for _, tr := range tiers {
		if n := len(out); n > 0 && out[n-1].Rank == tr.Rank {
			out[n-1].Docs = roaring.Or(out[n-1].Docs, tr.Docs)
			continue
		}
		out = append(out, tr)
	}
	return out, true
}

// ValueCount is one value of a field and the documents of a set having it.
type ValueCount struct {
	Value, Label string
	Count        int
}

// containerCost is what intersecting a set with one value's documents
// costs per container of 65,536 ordinals, in reads of a column: a field is
// counted by intersection when that costs less than visiting every member
// of the set, which it does for few values over a large set.
const containerCost = 256

// Count counts the documents of set (a subset of the listed set) having
// each value of each of fields, and keeps each field's n most frequent
// values, in Top's order, named as the documents name them (Labels); where
// documents name one value differently, the smallest name among the set's
// wins, as min() in SQL. Only the values kept are named and returned: a
// facet shows fifty of a thousand companies.
func (v *View[P]) Count(set *roaring.Bitmap, fields []int, n int) [][]ValueCount {
	ix := v.ix
	scratch := countScratch.Get().(*[]int)
	defer countScratch.Put(scratch)
	counts := v.tally(set, fields, scratch)
	out := make([][]ValueCount, len(fields))
	var ids []uint32
	for i, f := range fields {
		fd, c := &ix.fields[f], counts[i]
		ids = ids[:0]
		for id, k := range c {
			if k > 0 {
				ids = append(ids, uint32(id))
			}
		}
		ids = topBy(ids, n, func(a, b uint32) int { return cmp.Or(cmp.Compare(c[b], c[a]), cmp.Compare(fd.values[a], fd.values[b])) })
		out[i] = make([]ValueCount, len(ids))
		for k, id := range ids {
			out[i][k] = ValueCount{Value: fd.values[id], Label: v.label(set, f, id), Count: c[id]}
		}
	}
	return out
}

// countScratch recycles Count's counters: one per value of the fields
// counted, thousands for a field of cities.
var countScratch = sync.Pool{New: func() any { return new([]int) }}

// tally counts, for each of fields, the documents of set having each
// value, in counters cut from scratch (grown as needed, zeroed here).
func (v *View[P]) tally(set *roaring.Bitmap, fields []int, scratch *[]int) [][]int {
	ix := v.ix
	total := 0
	for _, f := range fields {
		total += len(ix.fields[f].values)
	}
	if cap(*scratch) < total {
		*scratch = make([]int, total)
	}
	all := (*scratch)[:total]
	clear(all)
	counts := make([][]int, len(fields))
	var walk []int // positions in fields counted by visiting documents
	members, containers := set.GetCardinality(), set.Stats().Containers
	for i, f := range fields {
		fd := &ix.fields[f]
		counts[i], all = all[:len(fd.values):len(fd.values)], all[len(fd.values):]
		if members < uint64(len(fd.values))*containers*containerCost {
			walk = append(walk, i)
			continue
		}
		for id, docs := range fd.docs {
			counts[i][id] = int(set.AndCardinality(docs))
		}
	}
	if len(walk) > 0 {
		v.walkCount(set, fields, walk, counts)
	}
	return counts
}

// walkCount adds to counts[i] the values of field fields[i] of every
// document of set, for each i of walk: a batch of ordinals at a time,
// field after field, so that each pass reads one column.
func (v *View[P]) walkCount(set *roaring.Bitmap, fields, walk []int, counts [][]int) {
	ix := v.ix
	var batch [256]uint32
	it := set.ManyIterator()
	for n := it.NextMany(batch[:]); n > 0; n = it.NextMany(batch[:]) {
		for _, i := range walk {
			f, c := fields[i], counts[i]
			col := ix.fields[f].col
			for _, ord := range batch[:n] {
				switch id := col[ord]; id {
				case 0:
				case several:
					ix.each(ord, f, func(id, _ uint32) { c[id]++ })
				default:
					c[id-1]++
				}
			}
		}
	}
}

// label names value id of field f among the documents of set. The listed
// documents' names of it are tallied; when they agree, so do the set's.
func (v *View[P]) label(set *roaring.Bitmap, f int, id uint32) string {
	ix := v.ix
	fd := &ix.fields[f]
	if int(id) >= len(fd.listed.labels) || len(fd.listed.labels[id]) == 0 {
		return fd.values[id]
	}
	names := fd.listed.labels[id]
	if len(names) == 1 {
		return minKey(names)
	}
	first, out := true, ""
	roaring.And(set, fd.docs[id]).Iterate(func(ord uint32) bool {
		ix.each(ord, f, func(vid, name uint32) {
			if l := ix.named[name]; vid == id && (first || l < out) {
				first, out = false, l
			}
		})
		return true
	})
	return out
}

// Top orders counts largest first, then by value, and keeps the first n;
// it reorders counts.
func Top(counts []ValueCount, n int) []ValueCount { return topBy(counts, n, byCount) }

// topBy orders xs by cmp and keeps the first n; it reorders xs. A facet of
// a thousand companies shows fifty, so the first n are kept sorted and a
// later one enters only when it beats the last of them, instead of
// sorting all.
func topBy[T any](xs []T, n int, cmp func(a, b T) int) []T {
	if n <= 0 {
		return xs[:0]
	}
	if n >= (len(xs)+3)/4 { // n*4 could overflow
		slices.SortFunc(xs, cmp)
		return xs[:min(n, len(xs))]
	}
	top := xs[:n]
	slices.SortFunc(top, cmp)
	for _, x := range xs[n:] {
		if cmp(x, top[n-1]) >= 0 {
			continue
		}
		i, _ := slices.BinarySearchFunc(top, x, cmp)
		copy(top[i+1:], top[i:n-1])
		top[i] = x
	}
	return top
}

func byCount(a, b ValueCount) int {
	return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Value, b.Value))
}

// Ordinal is the ordinal of the document of key, if the index holds it.
func (v *View[P]) Ordinal(key int64) (uint32, bool) {
	ord, ok := v.ix.byKey[key]
	return ord, ok
}
