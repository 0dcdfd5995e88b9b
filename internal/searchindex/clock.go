package searchindex

import (
	"math"

	"github.com/RoaringBitmap/roaring/v2"
)

// clock is the listed set at one instant, valid until the first window
// boundary after it: a job's deadline passing or a scheduled row's
// publication changes what is listed without any write, so the set is
// recomputed when a read's time crosses that boundary.
type clock struct {
	listed *roaring.Bitmap
	at     int64 // unix microseconds the set is for
	next   int64 // first boundary after at among live documents
	valid  bool
}

func (c *clock) reset() {
	c.listed = roaring.New()
	c.valid = false
}

func (c *clock) covers(t int64) bool {
	return c.valid && c.at <= t && t < c.next
}

func inWindow(t, from, until int64) bool {
	return from <= t && (until == 0 || t < until)
}

// admit lists a new document if its window holds the clock's instant, and
// brings the next boundary forward if the document's comes first.
func (c *clock) admit(ord uint32, from, until int64) {
	if !c.valid {
		return
	}
	if inWindow(c.at, from, until) {
		c.listed.Add(ord)
	}
	c.next = min(c.next, boundaryAfter(c.at, from, until))
}

func boundaryAfter(t, from, until int64) int64 {
	next := int64(math.MaxInt64)
	if from > t {
		next = from
	}
	if until > t {
		next = min(next, until)
	}
	return next
}

// recompute rebuilds the listed set for instant t over the live documents.
func (ix *Index[P]) recompute(t int64) {
	c := &ix.clock
	c.listed = roaring.New()
	c.at, c.next, c.valid = t, math.MaxInt64, true
	it := ix.live.Iterator()
	for it.HasNext() {
		ord := it.Next()
		e := &ix.docs[ord]
		if inWindow(t, e.from, e.until) {
			c.listed.Add(ord)
		}
		c.next = min(c.next, boundaryAfter(t, e.from, e.until))
	}
}
