package catalog

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/zumodra/zumodra/internal/changefeed"
	"github.com/zumodra/zumodra/internal/pgq"
	"github.com/zumodra/zumodra/internal/searchindex"
)

// snapshot is one repeatable-read transaction and the catalog version it
// sees: every read of a response made in it shows one catalog state.
type snapshot struct {
	tx      pgx.Tx // nil in an index snapshot: reads outside the index use the pool
	version int64
	due     time.Time // the version's next moment (due.go)
	indexed bool      // the in-memory index answers, its lock held for the snapshot
	// parsed holds the tsqueries the snapshot's reads asked PostgreSQL
	// for: a list, its facets and its salary currency parse one search.
	parsed map[string]*searchindex.Node
	// matched holds what those searches matched in the index (matchOf).
	matched map[*searchindex.Node]matched
}

type snapshotKey struct{}

// Snapshot runs fn with a context whose catalog reads all see one catalog
// state (a read-only repeatable-read transaction), so that the cards, the
// count, the facets and the stats of one response agree. Results computed
// in it are cached under the state's version, and only there: a cached
// part can never join a response of another state. fn must not use the
// context concurrently (one transaction, one query at a time).
func (s *Store) Snapshot(ctx context.Context, fn func(ctx context.Context) error) error {
	if _, ok := ctx.Value(snapshotKey{}).(*snapshot); ok {
		return fn(ctx) // already in one
	}
	if s.indexCurrent(ctx) {
		return s.indexSnapshot(ctx, fn)
	}
	tx, err := s.pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly})
	if err != nil {
		return fmt.Errorf("catalog snapshot: %w", err)
	}
	defer func() { _ = tx.Rollback(context.WithoutCancel(ctx)) }()
	v, err := changefeed.Current(ctx, tx)
	if err != nil {
		return err
	}
	due, err := s.dueAt(ctx, tx, v)
	if err != nil {
		return err
	}
	if err := fn(context.WithValue(ctx, snapshotKey{}, &snapshot{tx: tx, version: v, due: due})); err != nil {
		return err
	}
	return tx.Commit(ctx)
}

// SnapshotVersion is the catalog version of ctx's snapshot, and whether
// ctx has one.
func SnapshotVersion(ctx context.Context) (int64, bool) {
	sn, ok := ctx.Value(snapshotKey{}).(*snapshot)
	if !ok {
		return 0, false
	}
	return sn.version, true
}

// db is where a read runs: ctx's snapshot, or the pool (one statement,
// one state) outside of one.
// SnapshotDue is the due time of ctx's snapshot (due.go): the first
// moment its listed sets change by the clock alone.
func SnapshotDue(ctx context.Context) (time.Time, bool) {
	sn, ok := ctx.Value(snapshotKey{}).(*snapshot)
	if !ok {
		return time.Time{}, false
	}
	return sn.due, true
}

func (s *Store) db(ctx context.Context) pgq.Querier {
	if sn, ok := ctx.Value(snapshotKey{}).(*snapshot); ok && sn.tx != nil {
		return sn.tx
	}
	return s.pool
}
