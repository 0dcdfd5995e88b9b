package inbox

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"

	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/notify"
	"github.com/zumodra/zumodra/internal/pgq"
)

// Erased is what an erase or a purge deleted from one inbox.
type Erased struct {
	IDs  []int64        // the submissions deleted, in id order
	Rows map[string]int // rows deleted, by table: the inbox's and each related one's
}

// Erase deletes every submission of the tenant sent from address, with
// its related rows, in tx. An address with nothing stored erases nothing
// and is no error, so an erase may be repeated.
func Erase(ctx context.Context, tx pgx.Tx, t domain.Tenant, k Kind, address string) (Erased, error) {
	// The row locks order this after a status move in progress (which
	// then finds nothing to move) or before it (and its history row goes).
	rows, err := tx.Query(ctx, `SELECT id FROM `+qualified(t, k.table)+` WHERE `+byAddress+` ORDER BY id FOR UPDATE`, address)
	if err != nil {
		return Erased{}, fmt.Errorf("erase from %s of %s: %w", k.table, t.SchemaName, err)
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return Erased{}, fmt.Errorf("erase from %s of %s: %w", k.table, t.SchemaName, err)
	}
	return k.remove(ctx, tx, t, ids)
}

// expired selects the submissions whose last activity, their creation or
// their last change (a status move stamps updated_at), lies before $1, in
// any stage but the working ones, $2.
const expired = `created_at < $1 AND updated_at < $1 AND NOT (status = ANY ($2::text[]))`

// held selects the submissions as old but in a working stage, which the
// purge keeps.
const held = `created_at < $1 AND updated_at < $1 AND status = ANY ($2::text[])`

// Cursor is where a purge's next batch of one inbox starts: past the last
// row the previous batch read, in (updated_at, id) order. Start is the
// first batch's.
type Cursor struct {
	updated pgtype.Timestamptz
	id      int64
}

// Start is the cursor of a purge's first batch.
var Start = Cursor{updated: pgtype.Timestamptz{InfinityModifier: pgtype.NegativeInfinity, Valid: true}}

// PurgeBatch deletes up to limit submissions after the cursor that expired
// before cutoff, with their related rows, in tx, and returns the cursor of
// the next batch; fewer than limit deleted means the inbox is done. Rows
// another transaction holds are skipped: a move in progress is activity,
// and the next run decides.
func PurgeBatch(ctx context.Context, tx pgx.Tx, t domain.Tenant, k Kind, cutoff time.Time, limit int, after Cursor) (Erased, Cursor, error) {
	rows, err := tx.Query(ctx, `SELECT id, updated_at FROM `+qualified(t, k.table)+`
		WHERE `+expired+` AND (updated_at, id) > ($4, $5)
		ORDER BY updated_at, id LIMIT $3 FOR UPDATE SKIP LOCKED`, cutoff, k.Working, limit, after.updated, after.id)
	if err != nil {
		return Erased{}, after, fmt.Errorf("purge %s of %s: %w", k.table, t.SchemaName, err)
	}
	var ids []int64
	next := after
	_, err = pgx.ForEachRow(rows, []any{&next.id, &next.updated}, func() error {
		ids = append(ids, next.id)
		return nil
	})
	if err != nil {
		return Erased{}, after, fmt.Errorf("purge %s of %s: %w", k.table, t.SchemaName, err)
	}
	e, err := k.remove(ctx, tx, t, ids)
	return e, next, err
}

// Expiry is what a purge at a cutoff would delete from one inbox, by
// table, and how many of its old submissions it keeps in a working stage.
type Expiry struct {
	Rows map[string]int
	Held int
}

// CountExpired counts, deleting nothing, what PurgeBatch would delete at
// cutoff, and the submissions as old that it keeps.
func CountExpired(ctx context.Context, q pgq.Querier, t domain.Tenant, k Kind, cutoff time.Time) (Expiry, error) {
	out := Expiry{Rows: map[string]int{}}
	count := func(table, sql string) error {
		var n int
		if err := q.QueryRow(ctx, sql, cutoff, k.Working).Scan(&n); err != nil {
			return fmt.Errorf("count expired %s of %s: %w", table, t.SchemaName, err)
		}
		out.Rows[table] = n
		return nil
	}
	main := qualified(t, k.table)
	if err := count(k.table, `SELECT count(*) FROM `+main+` WHERE `+expired); err != nil {
		return out, err
	}
	for _, r := range k.related {
		if err := count(r.table, `SELECT count(*) FROM `+qualified(t, r.table)+` WHERE `+r.ref+` IN
			(SELECT id FROM `+main+` WHERE `+expired+`)`); err != nil {
			return out, err
		}
	}
	err := q.QueryRow(ctx, `SELECT count(*) FROM `+main+` WHERE `+held, cutoff, k.Working).Scan(&out.Held)
	if err != nil {
		return out, fmt.Errorf("count held %s of %s: %w", k.table, t.SchemaName, err)
	}
	return out, nil
}

// remove deletes the submissions ids (locked by the caller) and their
// related rows, counting each table's.
func (k Kind) remove(ctx context.Context, tx pgx.Tx, t domain.Tenant, ids []int64) (Erased, error) {
	out := Erased{IDs: ids, Rows: map[string]int{k.table: 0}}
	if out.IDs == nil {
		out.IDs = []int64{}
	}
	for _, r := range k.related {
		out.Rows[r.table] = 0
	}
	if len(ids) == 0 {
		return out, nil
	}
	for _, r := range k.related {
		tag, err := tx.Exec(ctx, `DELETE FROM `+qualified(t, r.table)+` WHERE `+r.ref+` = ANY ($1)`, ids)
		if err != nil {
			return out, fmt.Errorf("delete from %s of %s: %w", r.table, t.SchemaName, err)
		}
		out.Rows[r.table] = int(tag.RowsAffected())
	}
	tag, err := tx.Exec(ctx, `DELETE FROM `+qualified(t, k.table)+` WHERE id = ANY ($1)`, ids)
	if err != nil {
		return out, fmt.Errorf("delete from %s of %s: %w", k.table, t.SchemaName, err)
	}
	out.Rows[k.table] = int(tag.RowsAffected())
	// The notification events about them hold copies of their data.
	return out, notify.Forget(ctx, tx, t.ID, k.Noun, ids)
}
