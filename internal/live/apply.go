package live

import (
	"context"
	"time"

	"github.com/zumodra/zumodra/internal/changefeed"
	"github.com/zumodra/zumodra/internal/kind"
)

// matchTimeout bounds one watch's match query.
const matchTimeout = 5 * time.Second

// delta is what one batch did to one catalog.
type delta struct {
	added, removed []int64
}

func split(b changefeed.Batch) map[kind.Catalog]*delta {
	out := map[kind.Catalog]*delta{}
	for _, c := range b.Changes {
		d := out[c.Catalog]
		if d == nil {
			d = &delta{}
			out[c.Catalog] = d
		}
		switch c.Op {
		case changefeed.Insert:
			d.added = append(d.added, c.ID)
		case changefeed.Delete:
			d.removed = append(d.removed, c.ID)
		}
	}
	return out
}

// apply runs one match per watched query the batch concerns, then updates
// that query's watchers. An incomplete batch marks every watcher stale.
func (h *Hub) apply(ctx context.Context, b changefeed.Batch) {
	if !b.Complete {
		h.markAllStale()
		return
	}
	deltas := split(b)
	type job struct {
		wk    watchKey
		match Match
		d     *delta
	}
	var jobs []job
	h.mu.Lock()
	for wk, wt := range h.watches {
		if d := deltas[wk.c]; d != nil && (len(d.added) > 0 || len(d.removed) > 0) {
			jobs = append(jobs, job{wk, wt.match, d})
		}
	}
	h.mu.Unlock()
	for _, j := range jobs {
		var matched []int64
		if len(j.d.added) > 0 {
			mctx, cancel := context.WithTimeout(ctx, matchTimeout)
			var err error
			matched, err = j.match(mctx, j.d.added)
			cancel()
			if err != nil {
				h.opts.Log.WarnContext(ctx, "live: matching new rows failed", "catalog", j.wk.c, "error", err)
				h.markStale(j.wk)
				continue
			}
		}
		h.update(j.wk, matched, j.d.removed)
	}
}

func (h *Hub) update(wk watchKey, matched, removed []int64) {
	h.mu.Lock()
	defer h.mu.Unlock()
	wt, ok := h.watches[wk]
	if !ok {
		return
	}
	for w := range wt.watchers {
		before := len(w.news)
		for _, id := range matched {
			w.news[id] = struct{}{}
		}
		for _, id := range removed {
			delete(w.news, id)
		}
		if len(w.news) != before {
			w.send()
		}
	}
}

func (h *Hub) markStale(wk watchKey) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if wt, ok := h.watches[wk]; ok {
		for w := range wt.watchers {
			w.stale = true
			w.send()
		}
	}
}

func (h *Hub) markAllStale() {
	h.mu.Lock()
	defer h.mu.Unlock()
	for _, wt := range h.watches {
		for w := range wt.watchers {
			w.stale = true
			w.send()
		}
	}
}

// send replaces any unsent update with the current one (called under the
// hub's lock): a slow stream skips counts, never blocks the hub.
func (w *Watcher) send() {
	u := Update{New: len(w.news), Stale: w.stale}
	select {
	case <-w.updates:
	default:
	}
	w.updates <- u
}
