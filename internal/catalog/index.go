package catalog

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

	"github.com/zumodra/zumodra/internal/changefeed"
	"github.com/zumodra/zumodra/internal/kind"
	"github.com/zumodra/zumodra/internal/pgq"
	"github.com/zumodra/zumodra/internal/searchindex"
)

// memIndex is the process's in-memory index of the catalog (package
// searchindex): every job and provider row, whether listed now or not,
// at one catalog version, kept by the change feed. While it is not ready
// (being built, or after a failed catch-up) the reads go to PostgreSQL.
type memIndex struct {
	lock      searchindex.Lock
	jobs      *jobIndex
	providers *providerIndex
	ready     atomic.Bool
	version   atomic.Int64 // the version both indexes show
	feed      FeedWaiter
	cards     *strtab // the strings the cards of both indexes share
	stats     listedMemo[Stats]
	locations listedMemo[[]Country]

	mu       sync.Mutex
	advanced chan struct{} // closed and replaced when version advances
}

// advance records that the indexes show version v.
func (m *memIndex) advance(v int64) {
	m.version.Store(v)
	m.mu.Lock()
	close(m.advanced)
	m.advanced = make(chan struct{})
	m.mu.Unlock()
}

type rowScanner interface{ Scan(dest ...any) error }

// FeedWaiter is what the index follows: the process's change feed
// follower (*changefeed.Follower).
type FeedWaiter interface {
	Wait(ctx context.Context, v int64) error
	Position() int64
}

// IndexReady reports whether searches are answered from the in-memory index.
func (s *Store) IndexReady() bool { return s.index != nil && s.index.ready.Load() }

// maxIndexWait is how long a read waits for the index to apply what the
// feed follower has already seen, before it asks PostgreSQL instead: the
// index is normally one short step behind, and a visitor must never be
// shown a state older than the one the process knows of. The wait is
// generous because the alternative is dear: on a loaded machine a step
// takes a few hundred milliseconds, and the same list from PostgreSQL
// takes longer still while adding to the load.
const maxIndexWait = time.Second

// indexCurrent reports whether the index may answer now: it is ready and
// shows at least the version the follower has seen (waiting a moment for
// it to get there).
func (s *Store) indexCurrent(ctx context.Context) bool {
	if !s.IndexReady() {
		return false
	}
	pos := s.index.feed.Position()
	if s.index.version.Load() >= pos {
		return true
	}
	wctx, cancel := context.WithTimeout(ctx, maxIndexWait)
	defer cancel()
	return s.WaitIndexed(wctx, pos) == nil
}

// StartIndex builds the in-memory index from the catalog, then keeps it at
// the feed's version until ctx ends: after each advance of feed it reads
// the change rows since its own version and the rows they name, in one
// repeatable-read snapshot, so the index always shows exactly one catalog
// state. Until the first build completes, reads use PostgreSQL. The
// returned channel yields the error that stopped it (nil when ctx ended).
func (s *Store) StartIndex(ctx context.Context, feed FeedWaiter, log *slog.Logger) <-chan error {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	s.index = &memIndex{jobs: searchindex.New(jobSchema),
		providers: searchindex.New(providerSchema), cards: newStrtab(), advanced: make(chan struct{}), feed: feed}
	done := make(chan error, 1)
	go func() {
		// The index reads through a connection of its own, with the read
		// pool's settings: visitors filling the pool must not keep it from
		// being built, and its minute-long build must not take theirs.
		cfg := s.pool.Config().Copy()
		cfg.MinConns, cfg.MaxConns = 0, 1
		pool, err := pgxpool.NewWithConfig(ctx, cfg)
		if err != nil {
			done <- fmt.Errorf("catalog index: %w", err)
			return
		}
		defer pool.Close()
		done <- s.followIndex(ctx, pool, feed, log)
	}()
	return done
}

func (s *Store) followIndex(ctx context.Context, pool *pgxpool.Pool, feed FeedWaiter, log *slog.Logger) error {
	version := int64(noVersion)
	for ctx.Err() == nil {
		start := time.Now()
		v, err := s.indexStep(ctx, pool, version)
		if err != nil {
			if ctx.Err() != nil {
				break
			}
			// The database went away or a read failed: answer from
			// PostgreSQL until a fresh build succeeds.
			s.index.ready.Store(false)
			log.WarnContext(ctx, "catalog index: catching up failed; searching PostgreSQL until it is rebuilt", "error", err)
			version = noVersion
			if !sleep(ctx, time.Second) {
				break
			}
			continue
		}
		if version == noVersion {
			st := s.IndexStatus()
			log.InfoContext(ctx, "catalog index built", "version", v, "jobs", st.Jobs, "providers", st.Providers,
				"took_ms", time.Since(start).Milliseconds())
		}
		version = v
		s.index.advance(v)
		if err := feed.Wait(ctx, version+1); err != nil {
			break
		}
	}
	return nil
}

func sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}

// noVersion is the version of an index not built yet: below any catalog
// version, the empty catalog's 0 included.
const noVersion = -1

// indexStep brings the index from version (noVersion: nothing) to the
// catalog's current version and returns it.
func (s *Store) indexStep(ctx context.Context, pool *pgxpool.Pool, version int64) (int64, error) {
	tx, err := pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly})
	if err != nil {
		return 0, fmt.Errorf("catalog index: %w", err)
	}
	defer func() { _ = tx.Rollback(context.WithoutCancel(ctx)) }()
	cur, err := changefeed.Current(ctx, tx)
	if err != nil || cur == version {
		return cur, err
	}
	var changes []changefeed.Change
	complete := false
	if version != noVersion {
		if changes, complete, err = changefeed.Since(ctx, tx, version, cur, maxIndexChanges); err != nil {
			return 0, err
		}
	}
	if !complete || truncated(changes) {
		err = s.rebuildIndex(ctx, tx, cur)
	} else {
		err = s.applyChanges(ctx, tx, cur, changes)
	}
	if err != nil {
		return 0, err
	}
	return cur, tx.Commit(ctx)
}

// maxIndexChanges bounds the rows one catch-up step reads by id; past it
// (a bulk resync) one pass over the whole catalog is cheaper.
const maxIndexChanges = 20_000

func truncated(changes []changefeed.Change) bool {
	for _, c := range changes {
		if c.Op == changefeed.Truncate {
			return true
		}
	}
	return false
}

// maxBuild bounds the statements of a full build: minutes at the largest
// catalogs we measured, and still an end to a snapshot held open.
const maxBuild = 10 * time.Minute

// rebuildIndex reads the whole catalog into new indexes and swaps them in.
func (s *Store) rebuildIndex(ctx context.Context, tx pgx.Tx, version int64) error {
	// Reading every row takes longer than a visitor's statement may (the
	// public role's statement_timeout), so the build sets its own bound.
	if _, err := tx.Exec(ctx, fmt.Sprintf("SET LOCAL statement_timeout = '%ds'", int(maxBuild.Seconds()))); err != nil {
		return fmt.Errorf("catalog index: %w", err)
	}
	// The new indexes are private until swapped in: they fill without the
	// lock, a chunk of rows at a time, so the rows read never pile up. A
	// new string table forgets the values no row has any more.
	jobs := searchindex.New(jobSchema)
	providers := searchindex.New(providerSchema)
	cards := newStrtab()
	if err := streamDocs(ctx, tx, jobDocSQL, cards.jobDoc, jobs.Fill); err != nil {
		return err
	}
	if err := streamDocs(ctx, tx, providerDocSQL, cards.providerDoc, providers.Fill); err != nil {
		return err
	}
	jobs.Seal(version)
	providers.Seal(version)
	// Contents are swapped, not pointers: readers name the indexes before
	// they take the lock.
	s.index.lock.Write(func() { *s.index.jobs, *s.index.providers, s.index.cards = *jobs, *providers, cards })
	s.index.ready.Store(true)
	return nil
}

// applyChanges reads the rows the changes name and applies them to the
// index as one step: a row no longer in the catalog is removed.
func (s *Store) applyChanges(ctx context.Context, tx pgq.Querier, version int64, changes []changefeed.Change) error {
	ids := map[kind.Catalog][]int64{}
	for _, c := range changes {
		ids[c.Catalog] = append(ids[c.Catalog], c.ID)
	}
	jd, err := readDocs(ctx, tx, jobDocSQL, ids[kind.Jobs], s.index.cards.jobDoc)
	if err != nil {
		return err
	}
	pd, err := readDocs(ctx, tx, providerDocSQL, ids[kind.Providers], s.index.cards.providerDoc)
	if err != nil {
		return err
	}
	s.index.lock.Write(func() {
		s.index.jobs.Apply(version, jd, gone(ids[kind.Jobs], jd))
		s.index.providers.Apply(version, pd, gone(ids[kind.Providers], pd))
	})
	return nil
}

// readDocs reads the catalog rows of ids.
func readDocs[P any](ctx context.Context, q pgq.Querier, sql string, ids []int64, scan func(rowScanner) (searchindex.Doc[P], error)) ([]searchindex.Doc[P], error) {
	if len(ids) == 0 {
		return nil, nil
	}
	var out []searchindex.Doc[P]
	err := scanDocs(ctx, q, sql+" WHERE id = ANY($1)", []any{ids}, scan, func(d searchindex.Doc[P]) { out = append(out, d) })
	return out, err
}

// streamDocs reads every row of sql, handing them to put a chunk at a time.
// Reading and scanning the rows (with their excerpts and interned strings)
// runs beside putting them into the index, a few chunks apart, so a build
// uses both of a small machine's cores.
func streamDocs[P any](ctx context.Context, q pgq.Querier, sql string, scan func(rowScanner) (searchindex.Doc[P], error), put func([]searchindex.Doc[P])) error {
	const chunk = 1000
	chunks := make(chan []searchindex.Doc[P], 4)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for c := range chunks {
			put(c)
		}
	}()
	buf := make([]searchindex.Doc[P], 0, chunk)
	err := scanDocs(ctx, q, sql, nil, scan, func(d searchindex.Doc[P]) {
		if buf = append(buf, d); len(buf) == chunk {
			chunks <- buf
			buf = make([]searchindex.Doc[P], 0, chunk)
		}
	})
	if err == nil && len(buf) > 0 {
		chunks <- buf
	}
	close(chunks)
	<-done
	return err
}

func scanDocs[P any](ctx context.Context, q pgq.Querier, sql string, args []any, scan func(rowScanner) (searchindex.Doc[P], error), each func(searchindex.Doc[P])) error {
	rows, err := q.Query(ctx, sql, args...)
	if err != nil {
		return fmt.Errorf("catalog index: read rows: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		d, err := scan(rows)
		if err != nil {
			return fmt.Errorf("catalog index: scan a row: %w", err)
		}
		each(d)
	}
	return wrap("catalog index: read rows", rows.Err())
}

// gone lists the ids asked for that no longer have a row.
func gone[P any](ids []int64, docs []searchindex.Doc[P]) []int64 {
	have := make(map[int64]bool, len(docs))
	for _, d := range docs {
		have[d.Key] = true
	}
	var out []int64
	for _, id := range ids {
		if !have[id] {
			out = append(out, id)
		}
	}
	return out
}

// errNotIndexed says a read cannot be answered from the index (not ready,
// or a query it does not evaluate): the caller reads PostgreSQL.
var errNotIndexed = errors.New("catalog: not answered by the index")

// WaitIndexed returns once the index shows catalog version v or a later
// one, or ctx ends; at once when there is no index.
func (s *Store) WaitIndexed(ctx context.Context, v int64) error {
	if s.index == nil {
		return nil
	}
	for {
		s.index.mu.Lock()
		ch := s.index.advanced
		s.index.mu.Unlock()
		if s.IndexReady() && s.index.version.Load() >= v {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-ch:
		}
	}
}

// IndexStatus is the in-memory index's state, for /readyz and metrics.
type IndexStatus struct {
	Enabled   bool  `json:"enabled"`
	Ready     bool  `json:"ready"`
	Version   int64 `json:"version"`   // the catalog version it shows
	Jobs      int   `json:"jobs"`      // rows held, listed now or not
	Providers int   `json:"providers"` // rows held, listed now or not
}

// IndexStatus reports the index's state.
func (s *Store) IndexStatus() IndexStatus {
	if s.index == nil {
		return IndexStatus{}
	}
	st := IndexStatus{Enabled: true, Ready: s.IndexReady(), Version: s.index.version.Load()}
	_ = s.index.lock.Read(s.now(), func() error {
		st.Jobs, st.Providers = s.index.jobs.Len(), s.index.providers.Len()
		return nil
	})
	return st
}

// listedMemo keeps one value derived from the listed sets alone (the site's
// totals, its places), with the generations of both indexes it was derived
// from: it is exact until either changes, so every page can show it
// without each deriving it again from a thousand tallies. Callers share
// the value and must not modify it.
type listedMemo[T any] struct {
	p atomic.Pointer[listedValue[T]]
}

type listedValue[T any] struct {
	jobs, providers uint64
	v               T
}

// get is the value for the views' listed sets, derived when they changed.
func (m *listedMemo[T]) get(jv *jobView, pv *providerView, derive func() T) T {
	j, p := jv.Generation(), pv.Generation()
	if e := m.p.Load(); e != nil && e.jobs == j && e.providers == p {
		return e.v
	}
	v := derive()
	m.p.Store(&listedValue[T]{jobs: j, providers: p, v: v})
	return v
}
