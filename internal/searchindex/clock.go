package searchindex

import (
	"container/heap"
	"math"

	"github.com/RoaringBitmap/roaring/v2"
)

// clock is the listed set at one instant, valid until the first window
// boundary after it: a job's deadline passing or a scheduled row's
// publication changes what is listed without any write. A read whose time
// crosses that boundary moves the clock forward, relisting only the
// documents whose boundaries it passed (the events); a clock sent back
// (only tests do) rebuilds the set.
type clock struct {
	listed      *roaring.Bitmap
	at          int64 // unix microseconds the set is for
	valid       bool
	events      events // future window boundaries of documents, soonest first
	newest      int64  // the latest from among the listed documents
	newestStale bool   // the newest one left: find it again (freshNewest)
}

// event is a document's window boundary at t. A document replaced or
// removed leaves its events behind; passing them re-evaluates whatever
// document holds the ordinal then, which changes nothing.
type event struct {
	t   int64
	ord uint32
}

type events []event

func (h events) Len() int           { return len(h) }
func (h events) Less(i, j int) bool { return h[i].t < h[j].t }
func (h events) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *events) Push(x any)        { *h = append(*h, x.(event)) }
func (h *events) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

func (c *clock) reset() {
	c.listed = roaring.New()
	c.valid = false
}

// next is the first boundary after the clock's instant.
func (c *clock) next() int64 {
	if len(c.events) == 0 {
		return math.MaxInt64
	}
	return c.events[0].t
}

func (c *clock) covers(t int64) bool {
	return c.valid && c.at <= t && t < c.next()
}

func inWindow(t, from, until int64) bool {
	return from <= t && (until == 0 || t < until)
}

// admit lists a new document if its window holds the clock's instant,
// reporting whether it did, and schedules its future boundaries.
func (c *clock) admit(ord uint32, from, until int64) bool {
	if !c.valid {
		return false
	}
	for _, b := range []int64{from, until} {
		if b > c.at {
			heap.Push(&c.events, event{b, ord})
		}
	}
	if inWindow(c.at, from, until) {
		c.listed.Add(ord)
		return true
	}
	return false
}

// advance brings the clock to instant t: forward by the events passed,
// backward (or from nothing) by a rebuild.
func (ix *Index[P]) advance(t int64) {
	c := &ix.clock
	if !c.valid || t < c.at {
		ix.rebuildClock(t)
		return
	}
	c.at = t
	for len(c.events) > 0 && c.events[0].t <= t {
		ev := heap.Pop(&c.events).(event)
		if !ix.live.Contains(ev.ord) {
			continue
		}
		e := &ix.docs[ev.ord]
		switch in, was := inWindow(t, e.from, e.until), c.listed.Contains(ev.ord); {
		case in && !was:
			c.listed.Add(ev.ord)
			ix.count(ev.ord, 1)
		case !in && was:
			ix.count(ev.ord, -1)
			c.listed.Remove(ev.ord)
		}
	}
	ix.freshNewest()
}

// rebuildClock rebuilds the listed set for instant t over the live documents.
func (ix *Index[P]) rebuildClock(t int64) {
	c := &ix.clock
	c.listed, c.events = roaring.New(), nil
	c.at, c.valid = t, true
	ix.resetTallies()
	it := ix.live.Iterator()
	for it.HasNext() {
		ord := it.Next()
		e := &ix.docs[ord]
		if c.admit(ord, e.from, e.until) {
			ix.count(ord, 1)
		}
	}
}

// pruneEvents drops the events replaced or removed documents left behind,
// once they outnumber the documents: each edit of a row with a future
// deadline schedules a new event and leaves the old one.
func (ix *Index[P]) pruneEvents() {
	c := &ix.clock
	if len(c.events) < 1024 || len(c.events) < 2*len(ix.byKey) {
		return
	}
	kept, seen := c.events[:0], make(map[event]bool, len(ix.byKey))
	for _, ev := range c.events {
		e := &ix.docs[ev.ord]
		if ix.live.Contains(ev.ord) && (ev.t == e.from || ev.t == e.until) && !seen[ev] {
			seen[ev] = true
			kept = append(kept, ev)
		}
	}
	c.events = kept
	heap.Init(&c.events)
}

// PendingEvents is the number of window boundaries scheduled, stale ones
// included (for tests and metrics). Call it inside a lock's Read or Write.
func (ix *Index[P]) PendingEvents() int { return len(ix.clock.events) }
