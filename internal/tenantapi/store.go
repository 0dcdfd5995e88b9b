package tenantapi

import (
	"context"
	"errors"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/zumodra/zumodra/internal/domain"
)

// The storage side of a resource. Every function runs inside the request's
// tenant transaction (see inTenant) and returns domain errors.

func (res *resource[F]) get(ctx context.Context, tx pgx.Tx, id int64, lock bool) (*record[F], error) {
	sql := `SELECT ` + res.returning() + ` FROM ` + res.table + ` WHERE id = $1`
	if lock {
		sql += ` FOR UPDATE`
	}
	rec, err := res.scan(tx.QueryRow(ctx, sql, id))
	if domain.IsNotFound(err) {
		return nil, domain.Errorf(domain.CodeNotFound, "%s %d not found", res.noun, id)
	}
	if err != nil {
		return nil, err
	}
	return rec, res.loadChildren(ctx, tx, []*record[F]{rec})
}

func (res *resource[F]) list(ctx context.Context, tx pgx.Tx, pg page) ([]*record[F], error) {
	rows, err := tx.Query(ctx, `SELECT `+res.returning()+` FROM `+res.table+
		` WHERE id > $1 ORDER BY id LIMIT $2`, pg.after, pg.limit+1)
	if err != nil {
		return nil, translate(err, res.table)
	}
	defer rows.Close()
	var recs []*record[F]
	for rows.Next() {
		rec, err := res.scan(rows)
		if err != nil {
			return nil, err
		}
		recs = append(recs, rec)
	}
	if err := rows.Err(); err != nil {
		return nil, translate(err, res.table)
	}
	return recs, res.loadChildren(ctx, tx, recs)
}

func (res *resource[F]) insert(ctx context.Context, tx pgx.Tx, f *F) (*record[F], error) {
	sql := `INSERT INTO ` + res.table + ` (` + strings.Join(res.columns, ", ") + `) VALUES (` +
		placeholders(1, len(res.columns)) + `) RETURNING ` + res.returning()
	rec, err := res.scan(tx.QueryRow(ctx, sql, res.fieldValues(f)...))
	if err != nil {
		return nil, err
	}
	return rec, res.saveChildren(ctx, tx, rec, f)
}

// update writes f over the row only if it still has the version the client
// read: two editors of one version never both win.
func (res *resource[F]) update(ctx context.Context, tx pgx.Tx, id, version int64, f *F) (*record[F], error) {
	sets := make([]string, len(res.columns))
	for i, c := range res.columns {
		sets[i] = c + " = $" + itoa(i+3)
	}
	sql := `UPDATE ` + res.table + ` SET ` + strings.Join(sets, ", ") +
		` WHERE id = $1 AND version = $2 RETURNING ` + res.returning()
	rec, err := res.scan(tx.QueryRow(ctx, sql, append([]any{id, version}, res.fieldValues(f)...)...))
	if domain.IsNotFound(err) {
		return nil, res.missed(ctx, tx, id)
	}
	if err != nil {
		return nil, err
	}
	return rec, res.saveChildren(ctx, tx, rec, f)
}

func (res *resource[F]) delete(ctx context.Context, tx pgx.Tx, id, version int64) error {
	tag, err := tx.Exec(ctx, `DELETE FROM `+res.table+` WHERE id = $1 AND version = $2`, id, version)
	if err != nil {
		return translate(err, res.table)
	}
	if tag.RowsAffected() == 0 {
		return res.missed(ctx, tx, id)
	}
	return nil
}

// missed explains a conditional write that touched no row: the row is gone
// (404) or has moved on to another version (412).
func (res *resource[F]) missed(ctx context.Context, tx pgx.Tx, id int64) error {
	var version int64
	err := tx.QueryRow(ctx, `SELECT version FROM `+res.table+` WHERE id = $1`, id).Scan(&version)
	if errors.Is(err, pgx.ErrNoRows) {
		return domain.Errorf(domain.CodeNotFound, "%s %d not found", res.noun, id)
	}
	if err != nil {
		return translate(err, res.table)
	}
	return domain.Errorf(domain.CodePrecondition, "%s %d was changed by someone else (now %s); read it again and reapply your change", res.noun, id, etag(version))
}

func (res *resource[F]) loadChildren(ctx context.Context, tx pgx.Tx, recs []*record[F]) error {
	if res.children == nil || len(recs) == 0 {
		return nil
	}
	return res.children.load(ctx, tx, recs)
}

func (res *resource[F]) saveChildren(ctx context.Context, tx pgx.Tx, rec *record[F], f *F) error {
	if res.children == nil {
		return nil
	}
	if err := res.children.save(ctx, tx, rec.ID, f); err != nil {
		return err
	}
	// Read back what was stored, as the database normalised it.
	return res.children.load(ctx, tx, []*record[F]{rec})
}
