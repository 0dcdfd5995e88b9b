package counts

import (
	"cmp"
	"context"
	"log/slog"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/zumodra/zumodra/internal/kind"
	"github.com/zumodra/zumodra/internal/metrics"
	"github.com/zumodra/zumodra/internal/pgq"
)

// Event is what is counted of a public row.
type Event uint8

// The events.
const (
	View       Event = iota // a person opened the detail page
	Submission              // an application was stored for the job, an inquiry for the provider
)

func (e Event) String() string {
	if e == Submission {
		return "submission"
	}
	return "view"
}

// Defaults of Options.
const (
	DefaultInterval   = 10 * time.Second
	DefaultMaxPending = 100_000 // rows; a row's tally is a few dozen bytes
	flushTimeout      = 10 * time.Second
)

// shardCount spreads the tallies over locks, so that views of different
// rows on different cores rarely wait for each other.
const shardCount = 32

type key struct {
	catalog kind.Catalog
	id      int64
}

type tally struct{ views, submissions int64 }

type shard struct {
	mu sync.Mutex
	m  map[key]tally
	_  [48]byte // pads a shard to a 64-byte cache line, so two shards' locks never share one
}

// Options configure a Counter.
type Options struct {
	Interval   time.Duration // between flushes; 0: DefaultInterval
	MaxPending int           // distinct rows held between flushes; 0: DefaultMaxPending
	// Read is where Totals reads the stored counts (the public read
	// pool); nil reads through the querier the flushes write with.
	Read pgq.Querier
	Log  *slog.Logger
}

// Counter holds one process's counts until they are flushed.
type Counter struct {
	write, read pgq.Querier
	log         *slog.Logger
	interval    time.Duration
	max         int64
	pending     atomic.Int64 // distinct rows in the shards
	shards      [shardCount]shard
}

// New returns a Counter flushing through write.
func New(write pgq.Querier, o Options) *Counter {
	c := &Counter{write: write, read: cmp.Or[pgq.Querier](o.Read, write), log: o.Log,
		interval: cmp.Or(o.Interval, DefaultInterval), max: int64(cmp.Or(o.MaxPending, DefaultMaxPending))}
	if c.log == nil {
		c.log = slog.New(slog.DiscardHandler)
	}
	for i := range c.shards {
		c.shards[i].m = map[key]tally{}
	}
	return c
}

// Add counts one event of the public row id of catalog c. It never blocks
// on the database; past MaxPending distinct rows a new row's event is
// dropped (and counted as dropped) until the next flush.
func (c *Counter) Add(cat kind.Catalog, id int64, e Event) {
	c.add(key{cat, id}, e.tally(1))
}

// Submitted counts a stored application or inquiry (intake's counter).
func (c *Counter) Submitted(cat kind.Catalog, id int64) { c.Add(cat, id, Submission) }

func (e Event) tally(n int64) tally {
	if e == Submission {
		return tally{submissions: n}
	}
	return tally{views: n}
}

func (c *Counter) add(k key, n tally) {
	s := &c.shards[uint64(k.id)%shardCount]
	s.mu.Lock()
	t, ok := s.m[k]
	if !ok && c.pending.Load() >= c.max {
		s.mu.Unlock()
		dropped(n)
		return
	}
	if !ok {
		c.pending.Add(1)
	}
	t.views += n.views
	t.submissions += n.submissions
	s.m[k] = t
	s.mu.Unlock()
}

func dropped(n tally) {
	if n.views > 0 {
		metrics.CountsDropped.WithLabelValues(View.String()).Add(float64(n.views))
	}
	if n.submissions > 0 {
		metrics.CountsDropped.WithLabelValues(Submission.String()).Add(float64(n.submissions))
	}
}

// Pending is the number of rows with counts not yet flushed.
func (c *Counter) Pending() int { return int(c.pending.Load()) }

// Totals returns the counts of the public row id of cat: the stored ones
// plus this process's pending ones.
func (c *Counter) Totals(ctx context.Context, cat kind.Catalog, id int64) (Totals, error) {
	t, err := Of(ctx, c.read, cat, id)
	if err != nil {
		return Totals{}, err
	}
	p := c.Held(cat, id)
	t.Views += p.Views
	t.Submissions += p.Submissions
	return t, nil
}

// Held returns the counts of the public row id of cat that this process
// holds until its next flush.
func (c *Counter) Held(cat kind.Catalog, id int64) Totals {
	s := &c.shards[uint64(id)%shardCount]
	s.mu.Lock()
	p := s.m[key{cat, id}]
	s.mu.Unlock()
	return Totals{Views: p.views, Submissions: p.submissions}
}

// take empties the shards into a batch in (catalog, id) order.
func (c *Counter) take() Batch {
	type entry struct {
		k key
		t tally
	}
	var es []entry
	for i := range c.shards {
		s := &c.shards[i]
		s.mu.Lock()
		m := s.m
		if len(m) > 0 {
			s.m = map[key]tally{}
			c.pending.Add(-int64(len(m)))
		}
		s.mu.Unlock()
		for k, t := range m {
			es = append(es, entry{k, t})
		}
	}
	slices.SortFunc(es, func(a, b entry) int {
		return cmp.Or(cmp.Compare(a.k.catalog, b.k.catalog), cmp.Compare(a.k.id, b.k.id))
	})
	var b Batch
	for _, e := range es {
		b.Catalogs = append(b.Catalogs, string(e.k.catalog))
		b.IDs = append(b.IDs, e.k.id)
		b.Views = append(b.Views, e.t.views)
		b.Submissions = append(b.Submissions, e.t.submissions)
	}
	return b
}

// Flush writes every pending count in one statement. When it fails the
// counts go back to the shards for the next flush (within MaxPending).
func (c *Counter) Flush(ctx context.Context) error {
	b := c.take()
	if b.Len() == 0 {
		return nil
	}
	if err := Add(ctx, c.write, b); err != nil {
		c.restore(b)
		return err
	}
	sums := map[string]tally{}
	for i := range b.IDs {
		t := sums[b.Catalogs[i]]
		t.views, t.submissions = t.views+b.Views[i], t.submissions+b.Submissions[i]
		sums[b.Catalogs[i]] = t
	}
	for cat, t := range sums {
		metrics.CountsFlushed.WithLabelValues(cat, View.String()).Add(float64(t.views))
		metrics.CountsFlushed.WithLabelValues(cat, Submission.String()).Add(float64(t.submissions))
	}
	return nil
}

func (c *Counter) restore(b Batch) {
	for i := range b.IDs {
		c.add(key{kind.Catalog(b.Catalogs[i]), b.IDs[i]}, tally{b.Views[i], b.Submissions[i]})
	}
}

// Run flushes every interval until ctx ends, then once more with a
// context of its own, so that what was counted up to the shutdown is kept.
// Call it after the HTTP server has drained.
func (c *Counter) Run(ctx context.Context) {
	t := time.NewTicker(c.interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			fctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), flushTimeout)
			defer cancel()
			c.flushLogged(fctx)
			return
		case <-t.C:
			fctx, cancel := context.WithTimeout(ctx, flushTimeout)
			c.flushLogged(fctx)
			cancel()
		}
	}
}

func (c *Counter) flushLogged(ctx context.Context) {
	if err := c.Flush(ctx); err != nil {
		c.log.WarnContext(ctx, "counts: flush failed; kept for the next one", "pending_rows", c.Pending(), "error", err)
	}
}
