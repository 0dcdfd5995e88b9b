package searchindex

import (
	"cmp"
	"slices"
	"sort"
	"sync"

	"github.com/RoaringBitmap/roaring/v2"
)

// An order is the listed and unlisted live documents kept sorted by some
// of their numbers (Schema.Orders), largest first, so that a page of a
// large set in that order walks the order from its start and stops after
// a page of members, instead of ranking every member.
type order struct {
	nums []int    // the numbers compared, most significant first
	ords []uint32 // live ordinals, sorted
}

// compare orders documents a and b: negative when a comes first.
func (ix *Index[P]) compare(o *order, a, b uint32) int {
	for _, n := range o.nums {
		if c := cmp.Compare(ix.nums[int(b)*ix.stride+n], ix.nums[int(a)*ix.stride+n]); c != 0 {
			return c
		}
	}
	return cmp.Compare(b, a)
}

// position is where ord is, or belongs, in o.
func (ix *Index[P]) position(o *order, ord uint32) (int, bool) {
	return slices.BinarySearchFunc(o.ords, ord, func(x, target uint32) int { return ix.compare(o, x, target) })
}

// orderAdd places the ordinals an Apply put: one by one when they are a
// few, else sorted and merged in one pass (a build's chunks, a bulk
// resync), which inserting one by one would make quadratic.
func (ix *Index[P]) orderAdd(added []uint32) {
	// A key put twice in one Apply left its first ordinal dead.
	added = slices.DeleteFunc(added, func(ord uint32) bool { return !ix.live.Contains(ord) })
	for i := range ix.orders {
		o := &ix.orders[i]
		cmp := func(a, b uint32) int { return ix.compare(o, a, b) }
		if len(added) <= 16 {
			for _, ord := range added {
				at, _ := ix.position(o, ord)
				o.ords = slices.Insert(o.ords, at, ord)
			}
			continue
		}
		batch := slices.Clone(added)
		slices.SortFunc(batch, cmp)
		o.ords = merge(o.ords, batch, cmp)
	}
}

// merge returns the sorted union of sorted a and b.
func merge[T any](a, b []T, cmp func(x, y T) int) []T {
	out := make([]T, 0, len(a)+len(b))
	for len(a) > 0 && len(b) > 0 {
		if cmp(b[0], a[0]) < 0 {
			out, b = append(out, b[0]), b[1:]
		} else {
			out, a = append(out, a[0]), a[1:]
		}
	}
	return append(append(out, a...), b...)
}

// orderRemove takes ord out while its numbers are still those it was
// sorted by.
func (ix *Index[P]) orderRemove(ord uint32) {
	for i := range ix.orders {
		o := &ix.orders[i]
		if at, ok := ix.position(o, ord); ok {
			o.ords = slices.Delete(o.ords, at, at+1)
		}
	}
}

// Order is every live document in maintained order i (Schema.Orders),
// first to last; it must not be modified.
func (v *View[P]) Order(i int) []uint32 { return v.ix.orders[i].ords }

// AtLeast is the live documents of kept order i whose first number is at
// least min: a prefix of the order (NaN sorts last and is never at least
// anything), as a bitmap that every filter of a page can intersect instead
// of testing each member's number again. The bitmap is kept until the next
// Seal, at most maxFloors of them; it must not be modified.
func (v *View[P]) AtLeast(i int, min float64) *roaring.Bitmap {
	k := floorKey{order: i, min: min}
	f := v.ix.floors
	f.mu.Lock()
	set, ok := f.sets[k]
	f.mu.Unlock()
	if ok {
		return set
	}
	o := &v.ix.orders[i]
	head := sort.Search(len(o.ords), func(j int) bool { return !(v.Num(o.ords[j], o.nums[0]) >= min) })
	// The prefix is in the order's order, not the ordinals': marking them
	// in a dense bitmap costs one write each, where sorting them cost a
	// fifth of a serve's CPU under writes, when every Seal drops the kept
	// bitmaps and each request with a minimum made its own again.
	dense := make([]uint64, (len(v.ix.docs)+63)/64)
	for _, ord := range o.ords[:head] {
		dense[ord/64] |= 1 << (ord % 64)
	}
	set = roaring.FromDense(dense, false)
	set.RunOptimize()
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.sets == nil {
		f.sets = map[floorKey]*roaring.Bitmap{}
	}
	if len(f.sets) < maxFloors {
		f.sets[k] = set
	}
	return set
}

// floors keeps AtLeast's bitmaps between Seals; readers share it under the
// index's read lock, hence its own mutex.
type floors struct {
	mu   sync.Mutex
	sets map[floorKey]*roaring.Bitmap
}

type floorKey struct {
	order int
	min   float64
}

// maxFloors bounds the thresholds kept: a visitor chooses them.
const maxFloors = 32

// reset forgets every bitmap: Seal changed the orders.
func (f *floors) reset() {
	f.mu.Lock()
	f.sets = nil
	f.mu.Unlock()
}
