package apply

import (
	"bytes"
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/kind"
	"github.com/zumodra/zumodra/internal/pgq"
	"github.com/zumodra/zumodra/internal/projection"
	"github.com/zumodra/zumodra/internal/source"
)

// projectionVersion is projection.Version; a variable only so that a test
// can play a new projection.
var projectionVersion = projection.Version

func fingerprintSalt(t domain.Tenant) string { return projection.FingerprintSalt(projectionVersion, t) }

// pageToSync returns the page's source ids and, of them, those to read and
// project: all of them with opts.Full, else those whose input fingerprint
// neither the catalog row nor, for a row with no catalog row, its
// exclusion holds. unchanged counts the public rows skipped. It also
// removes the catalog rows of the page's id range that have no source row
// in it (RemoveRange), in the round trip that reads the held fingerprints:
// the rows the page syncs afterwards are all in ids, which the removal
// keeps.
func pageToSync(ctx context.Context, tx pgx.Tx, t domain.Tenant, c kind.Catalog, after int64, limit int, opts Options) (ids, stale []int64, unchanged, removed int, err error) {
	ops := catalogs[c]
	var fps source.Fingerprints
	if opts.Full {
		ids, err = ops.idPage(ctx, tx, t, after, limit)
	} else {
		ids, fps, err = ops.fingerprintPage(ctx, tx, t, fingerprintSalt(t), after, limit)
	}
	if err != nil {
		return nil, nil, 0, 0, err
	}
	upTo := pageEnd(ids, limit)
	if opts.Full || len(ids) == 0 {
		removed, err = RemoveRange(ctx, tx, c, t.ID, after, upTo, ids, opts)
		return ids, ids, 0, removed, err
	}
	inCatalog, excluded := map[int64][]byte{}, map[int64][]byte{}
	b := &pgx.Batch{}
	queueHeldFingerprints(b, c, t.ID, ids, inCatalog, excluded)
	queueRemoveRange(b, c, t.ID, after, upTo, ids, opts, &removed)
	if err := tx.SendBatch(ctx, b).Close(); err != nil {
		return nil, nil, 0, 0, fmt.Errorf("apply %s: read fingerprints: %w", c, err)
	}
	for _, id := range ids {
		fp, public := inCatalog[id]
		switch {
		case public && bytes.Equal(fp, fps[id]) && fp != nil:
			unchanged++
		case !public && excluded[id] != nil && bytes.Equal(excluded[id], fps[id]):
		default:
			stale = append(stale, id)
		}
	}
	return ids, stale, unchanged, removed, nil
}

// pageEnd is the upper bound of a page's id range for RemoveRange: its
// last id, or 0 (no bound) on the last page, so that rows beyond the last
// source id go too.
func pageEnd(ids []int64, limit int) int64 {
	if len(ids) < limit {
		return 0
	}
	return ids[len(ids)-1]
}

// queueHeldFingerprints reads the fingerprints the catalog rows of these
// ids were written from and those their exclusions hold.
func queueHeldFingerprints(b *pgx.Batch, c kind.Catalog, tenantID int64, ids []int64, inCatalog, excluded map[int64][]byte) {
	for _, x := range []struct {
		sql string
		out map[int64][]byte
	}{
		{`SELECT source_id, input_fingerprint FROM ` + c.Table() + ` WHERE tenant_id = $1 AND source_id = ANY($2)`, inCatalog},
		{`SELECT source_id, input_fingerprint FROM public.catalog_exclusions WHERE catalog = '` + string(c) + `' AND tenant_id = $1 AND source_id = ANY($2)`, excluded},
	} {
		b.Queue(x.sql, tenantID, ids).Query(func(rows pgx.Rows) error {
			var id int64
			var fp []byte
			_, err := pgx.ForEachRow(rows, []any{&id, &fp}, func() error {
				x.out[id] = fp
				return nil
			})
			return err
		})
	}
}

// recordExclusions stores the fingerprints under which these source rows
// were found not public.
func recordExclusions(ctx context.Context, q pgq.Querier, c kind.Catalog, tenantID int64, ids []int64, fps map[int64][]byte, opts Options) error {
	if opts.DryRun || len(ids) == 0 {
		return nil
	}
	keep, prints := withFingerprints(ids, fps)
	if len(keep) == 0 {
		return nil
	}
	_, err := q.Exec(ctx, `INSERT INTO public.catalog_exclusions (catalog, tenant_id, source_id, input_fingerprint)
		SELECT $1, $2, v.id, v.fp FROM unnest($3::bigint[], $4::bytea[]) v(id, fp)
		ON CONFLICT (catalog, tenant_id, source_id) DO UPDATE SET input_fingerprint = EXCLUDED.input_fingerprint`,
		string(c), tenantID, keep, prints)
	if err != nil {
		return fmt.Errorf("apply %s: record exclusions: %w", c, err)
	}
	return nil
}

// refreshFingerprints stores the fingerprints of rows whose content did not
// change. It rewrites no content, but it is a catalog write all the same
// (the change feed sees it), which is why only bulk pages do it.
func refreshFingerprints(ctx context.Context, q pgq.Querier, c kind.Catalog, tenantID int64, items []item, opts Options) error {
	if opts.DryRun || len(items) == 0 {
		return nil
	}
	ids := make([]int64, len(items))
	prints := make([][]byte, len(items))
	for i, it := range items {
		ids[i], prints[i] = it.sourceID, it.fp
	}
	_, err := q.Exec(ctx, `UPDATE `+c.Table()+` k SET input_fingerprint = v.fp
		FROM unnest($2::bigint[], $3::bytea[]) v(id, fp)
		WHERE k.tenant_id = $1 AND k.source_id = v.id AND k.input_fingerprint IS DISTINCT FROM v.fp`, tenantID, ids, prints)
	if err != nil {
		return fmt.Errorf("apply %s: refresh fingerprints: %w", c, err)
	}
	return nil
}

func withFingerprints(ids []int64, fps map[int64][]byte) ([]int64, [][]byte) {
	var keep []int64
	var prints [][]byte
	for _, id := range ids {
		if fp := fps[id]; fp != nil {
			keep = append(keep, id)
			prints = append(prints, fp)
		}
	}
	return keep, prints
}
