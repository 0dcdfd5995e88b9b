package catalog

import (
	"context"
	"fmt"
	"strconv"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/zumodra/zumodra/internal/changefeed"
	"github.com/zumodra/zumodra/internal/pgq"
)

// A listed set changes in two ways: a write (a new catalog version) or the
// clock reaching a row's moment (a published_at or an application deadline)
// with no write at all. Cached results are therefore keyed by the version
// and by the next such moment of that version (its due time): once the
// clock reaches it, no key that named it is looked up again, and the next
// read computes afresh and finds the moment after.

// never is the due time of a catalog with no moment ahead: later than any
// time the catalog can hold.
var never = time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)

// dueSQL finds the first moment after $1 at which a listed set changes by
// the clock: each part is one step on an index (published_at's of 0002,
// the deadline's of 0022), run once per catalog version and per moment
// passed, not per request.
const dueSQL = `SELECT least(
	(SELECT min(published_at) FROM public.job_catalog WHERE published_at > $1),
	(SELECT min(application_deadline) FROM public.job_catalog WHERE application_deadline > $1),
	(SELECT min(published_at) FROM public.provider_catalog WHERE published_at > $1))`

// dueState remembers the due time of the newest version it was asked for.
type dueState struct {
	mu      sync.Mutex
	version int64
	at      time.Time // zero: nothing computed yet
}

// dueAt returns the due time of catalog version version, read through q
// (which sees that version), computing it only when the one remembered is
// of another version or has passed.
func (s *Store) dueAt(ctx context.Context, q pgq.Querier, version int64) (time.Time, error) {
	now := s.now()
	s.due.mu.Lock()
	v, at := s.due.version, s.due.at
	s.due.mu.Unlock()
	if v == version && now.Before(at) {
		return at, nil
	}
	var next *time.Time
	if err := q.QueryRow(ctx, dueSQL, now).Scan(&next); err != nil {
		return time.Time{}, fmt.Errorf("catalog due time: %w", err)
	}
	at = never
	if next != nil {
		at = *next
	}
	s.rememberDue(version, at)
	return at, nil
}

// rememberDue records the due time of version, which Due then answers
// for the caches' lookups: a snapshot's results are stored under the due
// time it read, so lookups must name the same one.
func (s *Store) rememberDue(version int64, at time.Time) {
	s.due.mu.Lock()
	if version >= s.due.version {
		s.due.version, s.due.at = version, at
	}
	s.due.mu.Unlock()
}

// Due returns the due time of catalog version version when it is known
// and still ahead; ok is false otherwise (the caller then looks nothing up
// and reads afresh).
func (s *Store) Due(version int64) (at time.Time, ok bool) {
	s.due.mu.Lock()
	v, at := s.due.version, s.due.at
	s.due.mu.Unlock()
	return at, v == version && s.now().Before(at)
}

// CurrentDue is the due time of the catalog as it is now, for a view that
// reads outside a snapshot: computed in one state with its version.
func (s *Store) CurrentDue(ctx context.Context) (time.Time, error) {
	var at time.Time
	err := pgx.BeginTxFunc(ctx, s.pool, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly}, func(tx pgx.Tx) error {
		v, err := changefeed.Current(ctx, tx)
		if err != nil {
			return err
		}
		at, err = s.dueAt(ctx, tx, v)
		return err
	})
	return at, err
}

// DueKey is a due time as a cache key part.
func DueKey(at time.Time) string { return strconv.FormatInt(at.UnixMicro(), 10) }
