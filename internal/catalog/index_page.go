package catalog

import (
	"cmp"
	"container/heap"
	"slices"
	"sort"
	"time"

	"github.com/RoaringBitmap/roaring/v2"
)

// ikey is a sort key as the index compares it: the sortSpec's leading
// keys as float64 (times in unix microseconds, booleans 0 or 1, all exact
// in a float64) and the row id that ends every spec.
type ikey struct {
	k  [2]float64
	id int64
}

func (a ikey) compare(b ikey) int {
	return cmp.Or(cmp.Compare(a.k[0], b.k[0]), cmp.Compare(a.k[1], b.k[1]), cmp.Compare(a.id, b.id))
}

func boolKey(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

func timeKey(t time.Time) float64 { return float64(t.UnixMicro()) }

// typedKeys turns k into the typed values of spec's keys, as a cursor and
// runPage carry them.
func typedKeys(spec sortSpec, k ikey) []any {
	out := make([]any, len(spec.keys))
	for i, sk := range spec.keys {
		if i == len(spec.keys)-1 {
			out[i] = k.id
			continue
		}
		switch f := k.k[i]; sk.kind {
		case keyTime:
			out[i] = time.UnixMicro(int64(f)).UTC()
		case keyFloat32:
			out[i] = float32(f)
		case keyInt:
			out[i] = int64(f)
		case keyBool:
			out[i] = f != 0
		default:
			out[i] = f
		}
	}
	return out
}

// keyOf is typedKeys reversed, for a cursor's keys.
func keyOf(spec sortSpec, vals []any) ikey {
	var k ikey
	for i, v := range vals {
		if i == len(vals)-1 {
			k.id = v.(int64)
			continue
		}
		switch x := v.(type) {
		case time.Time:
			k.k[i] = timeKey(x)
		case float32:
			k.k[i] = float64(x)
		case int64:
			k.k[i] = float64(x)
		case bool:
			k.k[i] = boolKey(x)
		case float64:
			k.k[i] = x
		}
	}
	return k
}

// indexWalk is one keyset page over a set of index ordinals: the order,
// the cursor position and the page size, as pageQuery has them for SQL.
type indexWalk struct {
	spec  sortSpec
	key   func(ord uint32) ikey
	after *ikey // the cursor's position; nil on the first page
	back  bool
	limit int
	// sorted, when set, is every live ordinal already in spec's order (a
	// maintained order of the index), and listed the listed set: a large
	// set is then paged by walking it rather than ranking every member.
	sorted []uint32
	listed *roaring.Bitmap
	// parts, when set, splits a walk by relevance: the set's parts in the
	// order of their ranks, each walked like a set of its own.
	parts func(set *roaring.Bitmap) []walkPart
}

// walkPart is a part of a set whose members all come before the next
// part's in the walk's order: its key, and the order that lists it, if
// one does (see indexWalk.sorted). The key must order every row of sorted,
// members or not: the walk finds its cursor there by binary search.
type walkPart struct {
	set    *roaring.Bitmap
	key    func(ord uint32) ikey
	sorted []uint32
}

// before reports whether a comes first in the walking direction.
func (w indexWalk) before(a, b ikey) bool {
	if !w.spec.asc != w.back {
		return a.compare(b) > 0
	}
	return a.compare(b) < 0
}

// page returns the ordinals of one page in display order, with the same
// contract as runPage: the first and last items' keys, and whether rows
// exist beyond the page in the walking direction.
func (w indexWalk) page(set *roaring.Bitmap) (ords []uint32, first, last []any, more bool) {
	return w.finish(w.collect(set))
}

// collect is up to limit+1 members of set after the cursor, in walking
// order.
func (w indexWalk) collect(set *roaring.Bitmap) []keyed {
	if w.parts != nil {
		return w.collectParts(set)
	}
	// Walking an order costs about limit / density membership tests, where
	// density is the set's share of the listed rows; ranking costs one key
	// per member. Walk when the first is the smaller, for as long as the
	// set's members are spread as expected: one bunched at the order's end
	// would have the walk test nearly every row, so past a few times the
	// expected tests it stops and ranks instead.
	if w.sorted != nil {
		n, listed := set.GetCardinality(), w.listed.GetCardinality()
		if expect := uint64(w.limit+1) * listed / max(n, 1); expect <= n {
			if items, ok := w.walkSorted(set, int(4*expect+64)); ok {
				return items
			}
		}
	}
	return w.rank(set)
}

// collectParts collects from each part of set in turn, in the walking
// direction, until the page is full: a page of a broad search by
// relevance then walks its best tier or two in the newest order instead
// of ranking every match.
func (w indexWalk) collectParts(set *roaring.Bitmap) []keyed {
	parts := w.parts(set)
	if w.back {
		slices.Reverse(parts)
	}
	var items []keyed
	for _, p := range parts {
		if len(items) > w.limit {
			break
		}
		sub := w
		sub.parts, sub.key, sub.sorted, sub.limit = nil, p.key, p.sorted, w.limit-len(items)
		items = append(items, sub.collect(p.set)...)
	}
	return items
}

// rank collects by computing every member's key, keeping the best.
func (w indexWalk) rank(set *roaring.Bitmap) []keyed {
	before := w.before
	h := &keyHeap{worst: func(a, b ikey) bool { return before(b, a) }}
	set.Iterate(func(ord uint32) bool {
		k := w.key(ord)
		if w.after != nil && !before(*w.after, k) {
			return true
		}
		if h.Len() <= w.limit {
			heap.Push(h, keyed{ord, k})
		} else if before(k, h.items[0].k) {
			h.items[0] = keyed{ord, k}
			heap.Fix(h, 0)
		}
		return true
	})
	items := h.items
	slices.SortFunc(items, func(a, b keyed) int {
		if before(a.k, b.k) {
			return -1
		}
		return 1
	})
	return items
}

// walkSorted collects up to limit+1 members of set after the cursor, in
// the walking direction, from the sorted ordinals; false when that took
// more than budget membership tests.
func (w indexWalk) walkSorted(set *roaring.Bitmap, budget int) ([]keyed, bool) {
	n := len(w.sorted)
	// The sorted ordinals run in spec's order, which is the walking
	// direction unless walking back; find the first past the cursor.
	at := func(i int) uint32 { return w.sorted[i] }
	if w.back {
		at = func(i int) uint32 { return w.sorted[n-1-i] }
	}
	start := 0
	if w.after != nil {
		start = sort.Search(n, func(i int) bool { return w.before(*w.after, w.key(at(i))) })
	}
	var items []keyed
	for i := start; i < n && len(items) <= w.limit; i++ {
		if i-start == budget {
			return nil, false
		}
		if ord := at(i); set.Contains(ord) {
			items = append(items, keyed{ord, w.key(ord)})
		}
	}
	return items, true
}

// finish cuts items (in walking order, up to limit+1) to the page.
func (w indexWalk) finish(items []keyed) (ords []uint32, first, last []any, more bool) {
	if len(items) > w.limit {
		more, items = true, items[:w.limit]
	}
	if w.back {
		slices.Reverse(items)
	}
	for _, it := range items {
		ords = append(ords, it.ord)
	}
	if len(items) > 0 {
		first, last = typedKeys(w.spec, items[0].k), typedKeys(w.spec, items[len(items)-1].k)
	}
	return ords, first, last, more
}

type keyed struct {
	ord uint32
	k   ikey
}

// keyHeap keeps the page's best items with the worst on top, to be
// replaced by a better one.
type keyHeap struct {
	items []keyed
	worst func(a, b ikey) bool
}

func (h *keyHeap) Len() int           { return len(h.items) }
func (h *keyHeap) Less(i, j int) bool { return h.worst(h.items[i].k, h.items[j].k) }
func (h *keyHeap) Swap(i, j int)      { h.items[i], h.items[j] = h.items[j], h.items[i] }
func (h *keyHeap) Push(x any)         { h.items = append(h.items, x.(keyed)) }
func (h *keyHeap) Pop() any {
	x := h.items[len(h.items)-1]
	h.items = h.items[:len(h.items)-1]
	return x
}

// walkFor positions a walk after the cursor st, if any.
func walkFor(spec sortSpec, st cursorState, limit int, key func(uint32) ikey) (indexWalk, error) {
	w := indexWalk{spec: spec, key: key, limit: limit, back: st.Backward}
	if st.Keys == nil {
		return w, nil
	}
	vals, err := cursorKeys(st, spec)
	if err != nil {
		return w, err
	}
	k := keyOf(spec, vals)
	w.after = &k
	return w, nil
}
