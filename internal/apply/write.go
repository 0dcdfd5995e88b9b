package apply

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"sync"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/zumodra/zumodra/internal/kind"
	"github.com/zumodra/zumodra/internal/pgq"
)

// chunkRows bounds one statement's parameters below PostgreSQL's 65,535.
const chunkRows = 512

// padded is the number of rows a statement of n rows is written for: the
// next power of two, the rest of the rows NULL (matching nothing, inserting
// nothing). A statement is prepared once per connection and text, and the
// catalogs' statements are 60 columns wide: with one text per row count, a
// connection prepared a new statement for most batches (parsing and
// planning thousands of parameters) and the texts pushed the sources' own
// prepared statements out of the cache. Ten sizes bound them.
func padded(n int) int {
	p := 1
	for p < n {
		p *= 2
	}
	return min(p, chunkRows)
}

// upsert writes the changed items and returns how many rows it wrote.
func upsert(ctx context.Context, q pgq.Querier, c kind.Catalog, cols []string, items []item, opts Options) (int, error) {
	if opts.DryRun || len(items) == 0 {
		return len(items), nil
	}
	w, err := newWrites(ctx, q, c, cols)
	if err != nil {
		return 0, err
	}
	b := &pgx.Batch{}
	w.queue(b, items)
	if err := q.SendBatch(ctx, b).Close(); err != nil {
		return w.written, fmt.Errorf("apply %s: write: %w", c, err)
	}
	return w.written, w.finish(ctx, q)
}

func withFingerprint(cols []string) []string {
	return append(cols[:len(cols):len(cols)], "input_fingerprint")
}

// writes queues the writes of changed items on a batch: an UPDATE of the
// rows the catalog holds, an upsert of the others. Not one upsert for all:
// an INSERT ... ON CONFLICT runs the table's BEFORE INSERT row triggers on
// every proposed row before it meets the conflict, so the search trigger
// computed both search vectors of a row from scratch (about 1 KB of text)
// and the public-id trigger looked its id up, for each row that was merely
// changed, only for the update to keep the stored vectors.
type writes struct {
	c       kind.Catalog
	cols    []string // the columns written, input_fingerprint included
	types   []string // their SQL types, for the UPDATE's VALUES
	written int
	// missed are held rows the UPDATE did not find: gone since they were
	// read, which the tenant lock rules out for every writer that takes it;
	// finish upserts them all the same.
	missed []item
}

func newWrites(ctx context.Context, q pgq.Querier, c kind.Catalog, cols []string) (*writes, error) {
	w := &writes{c: c, cols: withFingerprint(cols)}
	types, err := columnTypes(ctx, q, c)
	if err != nil {
		return nil, err
	}
	for _, col := range w.cols {
		if types[col] == "" {
			return nil, fmt.Errorf("apply %s: no column %s", c, col)
		}
		w.types = append(w.types, types[col])
	}
	return w, nil
}

// typesOf caches columnTypes: a catalog's columns change only with a
// migration, which runs before the workers start.
var typesOf sync.Map // kind.Catalog -> map[string]string

// columnTypes reads the SQL type of each column of the catalog's table.
func columnTypes(ctx context.Context, q pgq.Querier, c kind.Catalog) (map[string]string, error) {
	if t, ok := typesOf.Load(c); ok {
		return t.(map[string]string), nil
	}
	rows, err := q.Query(ctx, `SELECT attname, format_type(atttypid, atttypmod) FROM pg_attribute
		WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped`, c.Table())
	if err != nil {
		return nil, fmt.Errorf("apply %s: column types: %w", c, err)
	}
	types := map[string]string{}
	var name, typ string
	if _, err := pgx.ForEachRow(rows, []any{&name, &typ}, func() error {
		types[name] = typ
		return nil
	}); err != nil {
		return nil, fmt.Errorf("apply %s: column types: %w", c, err)
	}
	typesOf.Store(c, types)
	return types, nil
}

func (w *writes) queue(b *pgx.Batch, items []item) {
	var held, fresh []item
	for _, it := range items {
		if it.held {
			held = append(held, it)
		} else {
			fresh = append(fresh, it)
		}
	}
	for start := 0; start < len(held); start += chunkRows {
		w.queueUpdate(b, held[start:min(start+chunkRows, len(held))])
	}
	w.queueUpsert(b, fresh)
}

func (w *writes) queueUpdate(b *pgx.Batch, chunk []item) {
	n := padded(len(chunk))
	b.Queue(updateSQL(w.c, w.cols, w.types, n), updateArgs(chunk, len(w.cols), n)...).Query(func(rows pgx.Rows) error {
		found := map[[2]int64]bool{}
		var tenantID, sourceID int64
		_, err := pgx.ForEachRow(rows, []any{&tenantID, &sourceID}, func() error {
			found[[2]int64{tenantID, sourceID}] = true
			return nil
		})
		if err != nil {
			return fmt.Errorf("apply %s: update: %w", w.c, err)
		}
		w.written += len(found)
		for _, it := range chunk {
			if !found[[2]int64{it.tenantID, it.sourceID}] {
				w.missed = append(w.missed, it)
			}
		}
		return nil
	})
}

func (w *writes) queueUpsert(b *pgx.Batch, items []item) {
	for start := 0; start < len(items); start += chunkRows {
		chunk := items[start:min(start+chunkRows, len(items))]
		n := padded(len(chunk))
		b.Queue(upsertSQL(w.c, w.cols, w.types, n), upsertArgs(chunk, len(w.cols), n)...).Exec(func(tag pgconn.CommandTag) error {
			w.written += int(tag.RowsAffected())
			return nil
		})
	}
}

// finish upserts the rows the UPDATE missed, once the batch has run.
func (w *writes) finish(ctx context.Context, q pgq.Querier) error {
	if len(w.missed) == 0 {
		return nil
	}
	b := &pgx.Batch{}
	w.queueUpsert(b, w.missed)
	w.missed = nil
	if err := q.SendBatch(ctx, b).Close(); err != nil {
		return fmt.Errorf("apply %s: upsert: %w", w.c, err)
	}
	return nil
}

// updateSQL rewrites n held rows from a VALUES list, matched on (tenant_id,
// source_id); the casts of the first row type the list. The WHERE on the
// hash is upsertSQL's.
func updateSQL(c kind.Catalog, cols, types []string, n int) string {
	var b strings.Builder
	b.WriteString("UPDATE " + c.Table() + " k SET ")
	for _, col := range cols {
		if col != "tenant_id" && col != "source_id" {
			b.WriteString(setColumn(c, col) + ", ")
		}
	}
	b.WriteString("synced_at = now() FROM (VALUES ")
	writeValues(&b, types, len(cols), n)
	b.WriteString(") v (" + strings.Join(cols, ", ") + ") WHERE k.tenant_id = v.tenant_id AND k.source_id = v.source_id" +
		" AND k.content_hash IS DISTINCT FROM v.content_hash" + htmlAt[c].held + " RETURNING k.tenant_id, k.source_id")
	return b.String()
}

// writeValues writes n rows of width parameters, ($1, $2), ($3, $4), the
// first row's cast to types: the casts type the whole list.
func writeValues(b *strings.Builder, types []string, width, n int) {
	p := 1
	for i := range n {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteByte('(')
		for j := range width {
			if j > 0 {
				b.WriteString(", ")
			}
			b.WriteString("$" + strconv.Itoa(p))
			if i == 0 {
				b.WriteString("::" + types[j])
			}
			p++
		}
		b.WriteByte(')')
	}
}

// upsertArgs are the parameters of upsertSQL and updateSQL for n rows:
// each item's values and its input fingerprint, width of them per item,
// then NULL rows up to n.
func upsertArgs(items []item, width, n int) []any {
	args := make([]any, 0, n*width)
	for _, it := range items {
		args = append(append(args, it.values...), it.fp)
	}
	return append(args, make([]any, (n-len(items))*width)...)
}

// updateArgs are upsertArgs with NULL for the HTML each item keeps.
func updateArgs(items []item, width, n int) []any {
	args := upsertArgs(items, width, n)
	for i, it := range items {
		for _, pos := range it.keep {
			args[i*width+pos] = nil
		}
	}
	return args
}

// upsertSQL is a multi-row INSERT ... ON CONFLICT DO UPDATE. The WHERE on
// the hash repeats changedItems' decision inside the statement, so that even
// a caller racing without the tenant lock could not rewrite an unchanged row.
func upsertSQL(c kind.Catalog, cols, types []string, n int) string {
	var b strings.Builder
	b.WriteString("INSERT INTO " + c.Table() + " (" + strings.Join(cols, ", ") + ") SELECT * FROM (VALUES ")
	writeValues(&b, types, len(cols), n)
	b.WriteString(") v (" + strings.Join(cols, ", ") + ") WHERE v.tenant_id IS NOT NULL")
	b.WriteString(" ON CONFLICT (tenant_id, source_id) DO UPDATE SET ")
	for _, col := range cols {
		if col != "tenant_id" && col != "source_id" {
			b.WriteString(col + " = EXCLUDED." + col + ", ")
		}
	}
	b.WriteString("synced_at = now() WHERE " + strings.TrimPrefix(c.Table(), "public.") +
		".content_hash IS DISTINCT FROM EXCLUDED.content_hash")
	return b.String()
}

// Remove deletes the tenant's catalog rows of these source ids (those that
// exist) and returns how many it deleted.
func Remove(ctx context.Context, q pgq.Querier, c kind.Catalog, tenantID int64, ids []int64, opts Options) (int, error) {
	if len(ids) == 0 {
		return 0, nil
	}
	where := ` WHERE tenant_id = $1 AND source_id = ANY($2)`
	return deleteWhere(ctx, q, c, where, opts, tenantID, ids)
}

// RemoveRange deletes the tenant's catalog rows with after < source_id <=
// upTo (no upper bound when upTo is 0) whose source id is not in keep: a bulk
// sync page's way of dropping rows whose source vanished or stopped being
// public, with memory bounded by the page.
func RemoveRange(ctx context.Context, q pgq.Querier, c kind.Catalog, tenantID, after, upTo int64, keep []int64, opts Options) (int, error) {
	where, args := removeRangeSQL(tenantID, after, upTo, keep)
	return deleteWhere(ctx, q, c, where, opts, args...)
}

// queueRemoveRange is RemoveRange queued on a batch; *n is set when it
// runs.
func queueRemoveRange(b *pgx.Batch, c kind.Catalog, tenantID, after, upTo int64, keep []int64, opts Options, n *int) {
	sql, args := removeRangeSQL(tenantID, after, upTo, keep)
	if opts.DryRun {
		b.Queue(`SELECT count(*) FROM `+c.Table()+sql, args...).QueryRow(func(row pgx.Row) error {
			if err := row.Scan(n); err != nil {
				return fmt.Errorf("apply %s: count removals: %w", c, err)
			}
			return nil
		})
		return
	}
	b.Queue(`DELETE FROM `+c.Table()+sql, args...).Exec(func(tag pgconn.CommandTag) error {
		*n = int(tag.RowsAffected())
		return nil
	})
}

func removeRangeSQL(tenantID, after, upTo int64, keep []int64) (string, []any) {
	if keep == nil {
		keep = []int64{}
	}
	return ` WHERE tenant_id = $1 AND source_id > $2 AND ($3::bigint = 0 OR source_id <= $3) AND source_id <> ALL($4)`,
		[]any{tenantID, after, upTo, keep}
}

func deleteWhere(ctx context.Context, q pgq.Querier, c kind.Catalog, where string, opts Options, args ...any) (int, error) {
	if opts.DryRun {
		var n int
		err := q.QueryRow(ctx, `SELECT count(*) FROM `+c.Table()+where, args...).Scan(&n)
		if err != nil {
			return 0, fmt.Errorf("apply %s: count removals: %w", c, err)
		}
		return n, nil
	}
	tag, err := q.Exec(ctx, `DELETE FROM `+c.Table()+where, args...)
	if err != nil {
		return 0, fmt.Errorf("apply %s: remove: %w", c, err)
	}
	return int(tag.RowsAffected()), nil
}
