package live

import (
	"context"
	"errors"
	"slices"
	"sync/atomic"
	"testing"

	"github.com/zumodra/zumodra/internal/changefeed"
	"github.com/zumodra/zumodra/internal/kind"
)

// batches is the hub's input as the follower delivers it.
type batches chan changefeed.Batch

func (b batches) Subscribe() (<-chan changefeed.Batch, func()) { return b, func() {} }

func insert(ids ...int64) changefeed.Batch {
	b := changefeed.Batch{Complete: true}
	for _, id := range ids {
		b.Changes = append(b.Changes, changefeed.Change{Catalog: kind.Jobs, ID: id, Op: changefeed.Insert})
	}
	return b
}

// Visitors of one list share one watch: a batch costs one match per
// distinct watched query, whatever the number of visitors, and each
// visitor counts the new matches since it connected; an unpublished one
// stops counting, and an incomplete batch makes every watcher stale.
func TestOneMatchPerQueryPerBatch(t *testing.T) {
	h := NewHub(Options{PerClient: 10})
	feed := make(batches)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go h.Run(ctx, feed)
	var resolved, matched atomic.Int32
	evens := func(context.Context) (Match, error) {
		resolved.Add(1)
		return func(_ context.Context, ids []int64) ([]int64, error) {
			matched.Add(1)
			return slices.DeleteFunc(slices.Clone(ids), func(id int64) bool { return id%2 != 0 }), nil
		}, nil
	}
	var ws []*Watcher
	for i := range 3 {
		w, err := h.Watch(ctx, "client-"+string(rune('a'+i)), kind.Jobs, "evens", evens)
		if err != nil {
			t.Fatal(err)
		}
		ws = append(ws, w)
	}
	if resolved.Load() != 1 {
		t.Fatalf("one list resolved %d times for three visitors", resolved.Load())
	}
	feed <- insert(1, 2, 4)
	for _, w := range ws {
		if u := <-w.Updates(); u != (Update{New: 2}) {
			t.Fatalf("update %+v, want 2 new", u)
		}
	}
	if matched.Load() != 1 {
		t.Fatalf("%d match queries for one batch and one list", matched.Load())
	}
	feed <- changefeed.Batch{Complete: true, Changes: []changefeed.Change{{Catalog: kind.Jobs, ID: 2, Op: changefeed.Delete}}}
	for _, w := range ws {
		if u := <-w.Updates(); u != (Update{New: 1}) {
			t.Fatalf("after an unpublish: %+v", u)
		}
	}
	feed <- changefeed.Batch{}
	if u := <-ws[1].Updates(); !u.Stale {
		t.Fatalf("after an incomplete batch: %+v", u)
	}
}

// Streams are bounded per client address; a closed watcher frees its slot.
func TestStreamsBoundedPerClient(t *testing.T) {
	h := NewHub(Options{PerClient: 2, Total: 3})
	ctx := context.Background()
	none := func(context.Context) (Match, error) {
		return func(context.Context, []int64) ([]int64, error) { return nil, nil }, nil
	}
	a1, _ := h.Watch(ctx, "a", kind.Jobs, "q", none)
	if _, err := h.Watch(ctx, "a", kind.Jobs, "q", none); err != nil {
		t.Fatal(err)
	}
	if _, err := h.Watch(ctx, "a", kind.Jobs, "q", none); !errors.Is(err, ErrBusy) {
		t.Fatalf("third stream of one client: %v", err)
	}
	if _, err := h.Watch(ctx, "b", kind.Jobs, "q", none); err != nil {
		t.Fatal(err)
	}
	if _, err := h.Watch(ctx, "c", kind.Jobs, "q", none); !errors.Is(err, ErrBusy) {
		t.Fatalf("over the total: %v", err)
	}
	a1.Close()
	if _, err := h.Watch(ctx, "c", kind.Jobs, "q", none); err != nil {
		t.Fatalf("after a stream closed: %v", err)
	}
}
