package live

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"time"

	"github.com/zumodra/zumodra/internal/changefeed"
	"github.com/zumodra/zumodra/internal/kind"
)

// Match tells which of ids (public catalog ids, new to the catalog) match
// a watched query.
type Match func(ctx context.Context, ids []int64) ([]int64, error)

// Feed is the follower the hub listens to (*changefeed.Follower).
type Feed interface {
	Subscribe() (<-chan changefeed.Batch, func())
}

// Options bound a Hub; zero values are defaults.
type Options struct {
	PerClient int           // open streams per client address; 0 means 4
	Total     int           // open streams in all; 0 means 10,000
	Heartbeat time.Duration // comment sent on an idle stream; 0 means 25 s
	Log       *slog.Logger
}

// ErrBusy refuses a stream over the per-client or total bound.
var ErrBusy = errors.New("live: too many open streams")

// Update is what a watcher is told: how many new rows match its list since
// it connected, or that the feed could not say (Stale: reload to see).
type Update struct {
	New   int  `json:"new"`
	Stale bool `json:"stale,omitempty"`
}

// Hub fans feed batches out to the watchers of each distinct query.
type Hub struct {
	opts Options

	mu      sync.Mutex
	watches map[watchKey]*watch
	clients map[string]int // open streams per client address
	open    int
	closed  chan struct{} // closed by Close: every stream ends
	once    sync.Once
}

type watchKey struct {
	c   kind.Catalog
	key string
}

// watch is one distinct query and its watchers.
type watch struct {
	match    Match
	watchers map[*Watcher]struct{}
}

// Watcher is one open stream.
type Watcher struct {
	hub     *Hub
	wk      watchKey
	client  string
	news    map[int64]struct{}
	stale   bool
	updates chan Update // holds the latest unsent update only
}

// NewHub returns a hub; call Run with the follower's feed.
func NewHub(opts Options) *Hub {
	if opts.PerClient <= 0 {
		opts.PerClient = 4
	}
	if opts.Total <= 0 {
		opts.Total = 10_000
	}
	if opts.Heartbeat <= 0 {
		opts.Heartbeat = 25 * time.Second
	}
	if opts.Log == nil {
		opts.Log = slog.New(slog.DiscardHandler)
	}
	return &Hub{opts: opts, watches: map[watchKey]*watch{}, clients: map[string]int{}, closed: make(chan struct{})}
}

// Heartbeat is the interval of the streams' keep-alive comments.
func (h *Hub) Heartbeat() time.Duration { return h.opts.Heartbeat }

// Closed is closed when the hub shuts down: streams end.
func (h *Hub) Closed() <-chan struct{} { return h.closed }

// Close ends every stream (the server is shutting down).
func (h *Hub) Close() { h.once.Do(func() { close(h.closed) }) }

// Watch opens a stream for client on the query named key of catalog c.
// resolve builds the query's Match; it runs only when no one watches that
// query yet, so a popular list costs one resolution, not one per visitor.
func (h *Hub) Watch(ctx context.Context, client string, c kind.Catalog, key string, resolve func(context.Context) (Match, error)) (*Watcher, error) {
	wk := watchKey{c, key}
	h.mu.Lock()
	busy := h.open >= h.opts.Total || h.clients[client] >= h.opts.PerClient
	_, known := h.watches[wk]
	if !busy {
		h.open++
		h.clients[client]++
	}
	h.mu.Unlock()
	if busy {
		return nil, ErrBusy
	}
	w := &Watcher{hub: h, wk: wk, client: client, news: map[int64]struct{}{}, updates: make(chan Update, 1)}
	var m Match
	for {
		if !known && m == nil {
			var err error
			if m, err = resolve(ctx); err != nil {
				h.release(client)
				return nil, err
			}
		}
		h.mu.Lock()
		wt, ok := h.watches[wk]
		if !ok && m != nil {
			wt, ok = &watch{match: m, watchers: map[*Watcher]struct{}{}}, true
			h.watches[wk] = wt
		}
		if ok {
			wt.watchers[w] = struct{}{}
		}
		h.mu.Unlock()
		if ok {
			return w, nil
		}
		known = false // its last watcher left meanwhile: resolve it after all
	}
}

func (h *Hub) release(client string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.open--
	if h.clients[client]--; h.clients[client] <= 0 {
		delete(h.clients, client)
	}
}

// Updates delivers the watcher's latest update whenever it changes.
func (w *Watcher) Updates() <-chan Update { return w.updates }

// Close ends the watch; the last watcher of a query drops the query.
func (w *Watcher) Close() {
	h := w.hub
	h.mu.Lock()
	if wt, ok := h.watches[w.wk]; ok {
		delete(wt.watchers, w)
		if len(wt.watchers) == 0 {
			delete(h.watches, w.wk)
		}
	}
	h.mu.Unlock()
	h.release(w.client)
}

// Run applies every batch of feed to the watches until ctx ends.
func (h *Hub) Run(ctx context.Context, feed Feed) {
	batches, stop := feed.Subscribe()
	defer stop()
	for {
		select {
		case <-ctx.Done():
			return
		case b, ok := <-batches:
			if !ok {
				return
			}
			h.apply(ctx, b)
		}
	}
}
