package changefeed

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/zumodra/zumodra/internal/kind"
)

// Options tune a Follower; the zero value is a good default.
type Options struct {
	// MinPoll is the poll interval right after a change; it doubles on every
	// poll that finds nothing, up to MaxPoll. 0 means 10 ms.
	MinPoll time.Duration
	// MaxPoll bounds the idle poll: the freshness bound on a replica, where
	// no NOTIFY arrives. 0 means 100 ms; with LISTEN working it is 1 s.
	MaxPoll time.Duration
	// MaxChanges bounds the change rows one step reads; a larger step (a
	// bulk resync) becomes a batch that says "anything may have changed".
	// 0 means 10,000.
	MaxChanges int
	// MaxRows bounds the per-row versions remembered; past it they are
	// forgotten at once, as if everything had changed. 0 means 1,000,000.
	MaxRows int
	// PollOnly follows by polling alone, as on a replica, where LISTEN is
	// refused (a replica is detected by itself; this is for tests and for
	// databases behind a pooler that drops notifications).
	PollOnly bool
	Log      *slog.Logger
}

func (o Options) withDefaults() Options {
	if o.MinPoll <= 0 {
		o.MinPoll = 10 * time.Millisecond
	}
	if o.MaxPoll <= 0 {
		o.MaxPoll = 100 * time.Millisecond
	}
	if o.MaxChanges <= 0 {
		o.MaxChanges = 10_000
	}
	if o.MaxRows <= 0 {
		o.MaxRows = 1_000_000
	}
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	return o
}

// Batch is one step of the feed: the versions after From up to To.
type Batch struct {
	From, To int64
	Changes  []Change
	// Complete is false when the changes are not listed (too many, pruned,
	// or a subscriber fell behind): anything may have changed.
	Complete bool
}

// Follower advances one process's view of the catalog version. It reads
// the pool it is given: the read path's, a replica's when there is one.
type Follower struct {
	db   *pgxpool.Pool
	opts Options

	pos     atomic.Int64
	started atomic.Bool
	wake    chan struct{} // a notification or a caller's hint: poll now

	mu        sync.Mutex
	advanced  chan struct{} // closed and replaced on every advance
	rows      map[rowKey]int64
	floor     map[kind.Catalog]int64 // rows not in rows last changed at or before this
	subs      map[*subscriber]struct{}
	listening bool
}

type rowKey struct {
	c  kind.Catalog
	id int64
}

type subscriber struct {
	ch     chan Batch
	behind bool // a batch was dropped: the next one is sent incomplete
	from   int64
}

// NewFollower returns a follower of the feed on db; call Start.
func NewFollower(db *pgxpool.Pool, opts Options) *Follower {
	return &Follower{db: db, opts: opts.withDefaults(), wake: make(chan struct{}, 1),
		advanced: make(chan struct{}), rows: map[rowKey]int64{}, floor: map[kind.Catalog]int64{},
		subs: map[*subscriber]struct{}{}}
}

// Start reads the current version, so that the process serves from a known
// state before it answers anyone, then follows the feed until ctx ends.
// The returned channel yields Run's error once it stops.
func (f *Follower) Start(ctx context.Context) (<-chan error, error) {
	v, err := Current(ctx, f.db)
	if err != nil {
		return nil, err
	}
	f.mu.Lock()
	f.pos.Store(v)
	for _, c := range kind.All {
		f.floor[c] = v
	}
	f.mu.Unlock()
	f.started.Store(true)
	done := make(chan error, 1)
	go func() { done <- f.run(ctx) }()
	return done, nil
}

// Position is the newest version the follower has seen: every change up to
// it is visible to any snapshot taken now. It is -1 before Start, so that
// nothing is cached by a version no one follows.
func (f *Follower) Position() int64 {
	if !f.started.Load() {
		return -1
	}
	return f.pos.Load()
}

// RowVersion is the version of the last change the follower saw to catalog
// row id of c (or a version at or after it): a cache key for what depends
// on that one row alone. It is -1 before Start.
func (f *Follower) RowVersion(c kind.Catalog, id int64) int64 {
	if !f.started.Load() {
		return -1
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if v, ok := f.rows[rowKey{c, id}]; ok && v > f.floor[c] {
		return v
	}
	return f.floor[c]
}

// Hint tells the follower a newer version may exist (a snapshot read one):
// it polls at once instead of waiting for its next tick.
func (f *Follower) Hint() {
	select {
	case f.wake <- struct{}{}:
	default:
	}
}

// Wait returns once the follower's position is at least v, or ctx ends.
func (f *Follower) Wait(ctx context.Context, v int64) error {
	for {
		f.mu.Lock()
		ch := f.advanced
		f.mu.Unlock()
		if f.pos.Load() >= v {
			return nil
		}
		f.Hint()
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-ch:
		}
	}
}

// Subscribe returns a channel of every batch from now on, and a function
// that ends the subscription. A subscriber that does not keep up loses
// batches and then receives one incomplete batch covering the gap.
func (f *Follower) Subscribe() (<-chan Batch, func()) {
	s := &subscriber{ch: make(chan Batch, 64)}
	f.mu.Lock()
	f.subs[s] = struct{}{}
	f.mu.Unlock()
	return s.ch, func() {
		f.mu.Lock()
		defer f.mu.Unlock()
		if _, ok := f.subs[s]; ok {
			delete(f.subs, s)
			close(s.ch)
		}
	}
}

// Listening reports whether a LISTEN connection currently wakes the
// follower (false on a replica, or while it reconnects).
func (f *Follower) Listening() bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.listening
}

func (f *Follower) run(ctx context.Context) error {
	if !f.opts.PollOnly {
		go f.listen(ctx)
	}
	interval := f.opts.MinPoll
	t := time.NewTimer(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-f.wake:
		case <-t.C:
		}
		moved, err := f.step(ctx)
		if err != nil && ctx.Err() == nil {
			f.opts.Log.WarnContext(ctx, "catalog feed: read failed; retrying", "error", err)
		}
		interval = f.nextInterval(interval, moved)
		if !t.Stop() {
			select {
			case <-t.C:
			default:
			}
		}
		t.Reset(interval)
	}
}

// nextInterval: fast right after a change (more tend to follow), doubling
// while idle, up to MaxPoll, or 1 s while LISTEN wakes the follower anyway.
func (f *Follower) nextInterval(cur time.Duration, moved bool) time.Duration {
	if moved {
		return f.opts.MinPoll
	}
	ceiling := f.opts.MaxPoll
	if f.Listening() {
		ceiling = max(ceiling, time.Second)
	}
	return min(cur*2, ceiling)
}

// step reads the current version and, when it moved, the changes up to
// it, and publishes them.
func (f *Follower) step(ctx context.Context) (bool, error) {
	to, err := Current(ctx, f.db)
	if err != nil {
		return false, err
	}
	from := f.pos.Load()
	if to <= from {
		return false, nil
	}
	changes, complete, err := Since(ctx, f.db, from, to, f.opts.MaxChanges)
	if err != nil {
		return false, err
	}
	f.publish(Batch{From: from, To: to, Changes: changes, Complete: complete})
	return true, nil
}

func (f *Follower) publish(b Batch) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.remember(b)
	f.pos.Store(b.To)
	close(f.advanced)
	f.advanced = make(chan struct{})
	for s := range f.subs {
		out := b
		if s.behind {
			out = Batch{From: s.from, To: b.To}
		}
		select {
		case s.ch <- out:
			s.behind = false
		default:
			if !s.behind {
				s.behind, s.from = true, b.From
			}
		}
	}
}

// remember records each changed row's version; an incomplete batch raises
// the floor of every catalog instead.
func (f *Follower) remember(b Batch) {
	if !b.Complete || len(f.rows)+len(b.Changes) > f.opts.MaxRows {
		clear(f.rows)
		for _, c := range kind.All {
			f.floor[c] = b.To
		}
		return
	}
	for _, c := range b.Changes {
		if c.Op == Truncate {
			f.floor[c.Catalog] = c.Version
			continue
		}
		f.rows[rowKey{c.Catalog, c.ID}] = c.Version
	}
}

// listen holds one connection LISTENing on Channel and wakes the follower
// on every notification. A replica refuses LISTEN: then polling alone
// follows the feed, and listen gives up for good.
func (f *Follower) listen(ctx context.Context) {
	for ctx.Err() == nil {
		err := f.listenOnce(ctx)
		f.setListening(false)
		if ctx.Err() != nil {
			return
		}
		if errors.Is(err, errReplica) {
			f.opts.Log.InfoContext(ctx, "catalog feed: the read database is a replica; following it by polling",
				"max_poll", f.opts.MaxPoll.String())
			return
		}
		f.opts.Log.WarnContext(ctx, "catalog feed: LISTEN connection lost; polling until it is back", "error", err)
		t := time.NewTimer(time.Second)
		select {
		case <-ctx.Done():
		case <-t.C:
		}
		t.Stop()
	}
}

var errReplica = errors.New("in recovery")

// listenOnce opens a connection of its own, outside the pool: held for the
// process's life, a pooled one would leave the public pages one connection
// short, and none at all with a pool of one.
func (f *Follower) listenOnce(ctx context.Context) error {
	conn, err := pgx.ConnectConfig(ctx, f.db.Config().ConnConfig)
	if err != nil {
		return err
	}
	defer func() { _ = conn.Close(context.Background()) }()
	var recovering bool
	if err := conn.QueryRow(ctx, `SELECT pg_is_in_recovery()`).Scan(&recovering); err != nil {
		return fmt.Errorf("check for recovery: %w", err)
	}
	if recovering {
		return errReplica
	}
	if _, err := conn.Exec(ctx, "LISTEN "+Channel); err != nil {
		return err
	}
	f.setListening(true)
	f.Hint() // a change may have committed before LISTEN took effect
	for {
		if _, err := conn.WaitForNotification(ctx); err != nil {
			return err
		}
		f.Hint()
	}
}

func (f *Follower) setListening(on bool) {
	f.mu.Lock()
	f.listening = on
	f.mu.Unlock()
}
