package source

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/pgq"
)

// Input fingerprints: a digest of every source row a catalog row is made
// from, computed by the database without reading the rows' text out. xmin
// changes with every insert or update, whoever writes (even with triggers
// disabled); version is kept beside it for clarity in a dump. $1 is the
// salt (projection.FingerprintSalt: the projection's version and the
// tenant).
func jobFingerprintSQL(t domain.Tenant, where string) string {
	return `SELECT j.id, decode(md5($1 || '|' || j.xmin::text || ':' || j.version || '|' ||
			coalesce(c.id || ':' || c.xmin::text || ':' || c.version, '-')), 'hex')
		FROM ` + table(t, "job_postings") + ` j LEFT JOIN ` + table(t, "job_categories") + ` c ON c.id = j.category_id ` + where
}

func providerFingerprintSQL(t domain.Tenant, where string) string {
	return `SELECT p.id, decode(md5($1 || '|' || p.xmin::text || ':' || p.version || '|' ||
			coalesce((SELECT string_agg(s.id || ':' || s.xmin::text, ',' ORDER BY s.id)
				FROM ` + table(t, "provider_skills") + ` s WHERE s.provider_id = p.id), '') || '|' ||
			coalesce((SELECT string_agg(c.id || ':' || l.xmin::text || ':' || c.xmin::text, ',' ORDER BY c.id)
				FROM ` + table(t, "provider_category_links") + ` l JOIN ` + table(t, "provider_categories") + ` c ON c.id = l.category_id
				WHERE l.provider_id = p.id), '')), 'hex')
		FROM ` + table(t, "service_providers") + ` p ` + where
}

// Fingerprints are the input fingerprints of a catalog's source rows.
type Fingerprints map[int64][]byte

// QueueJobFingerprints queues the fingerprints of these jobs on a batch.
// Queue it before the read of the rows themselves: under READ COMMITTED
// each statement sees its own snapshot, and a fingerprint older than the
// rows it is stored with can only cause a needless re-read, never a skip of
// a change.
func QueueJobFingerprints(b *pgx.Batch, t domain.Tenant, salt string, ids []int64, out Fingerprints) {
	queueFingerprints(b, t, jobFingerprintSQL(t, `WHERE j.id = ANY($2)`), salt, ids, out)
}

// QueueProviderFingerprints is QueueJobFingerprints for providers.
func QueueProviderFingerprints(b *pgx.Batch, t domain.Tenant, salt string, ids []int64, out Fingerprints) {
	queueFingerprints(b, t, providerFingerprintSQL(t, `WHERE p.id = ANY($2)`), salt, ids, out)
}

func queueFingerprints(b *pgx.Batch, t domain.Tenant, sql, salt string, ids []int64, out Fingerprints) {
	b.Queue(sql, salt, ids).Query(func(rows pgx.Rows) error {
		var id int64
		var fp []byte
		_, err := pgx.ForEachRow(rows, []any{&id, &fp}, func() error {
			out[id] = fp
			return nil
		})
		return wrapRead(err, "fingerprints", t)
	})
}

// JobFingerprintPage returns up to limit job ids greater than after, in
// order, each with its fingerprint: a bulk sync page, decided before
// anything is read.
func JobFingerprintPage(ctx context.Context, q pgq.Querier, t domain.Tenant, salt string, after int64, limit int) ([]int64, Fingerprints, error) {
	return fingerprintPage(ctx, q, t, jobFingerprintSQL(t, `WHERE j.id > $2 ORDER BY j.id LIMIT $3`), salt, after, limit)
}

// ProviderFingerprintPage is JobFingerprintPage for providers.
func ProviderFingerprintPage(ctx context.Context, q pgq.Querier, t domain.Tenant, salt string, after int64, limit int) ([]int64, Fingerprints, error) {
	return fingerprintPage(ctx, q, t, providerFingerprintSQL(t, `WHERE p.id > $2 ORDER BY p.id LIMIT $3`), salt, after, limit)
}

func fingerprintPage(ctx context.Context, q pgq.Querier, t domain.Tenant, sql, salt string, after int64, limit int) ([]int64, Fingerprints, error) {
	rows, err := q.Query(ctx, sql, salt, after, limit)
	if err != nil {
		return nil, nil, fmt.Errorf("fingerprint page of %s: %w", t.Slug, err)
	}
	var ids []int64
	fps := Fingerprints{}
	var id int64
	var fp []byte
	_, err = pgx.ForEachRow(rows, []any{&id, &fp}, func() error {
		ids = append(ids, id)
		fps[id] = fp
		return nil
	})
	if err != nil {
		return nil, nil, fmt.Errorf("fingerprint page of %s: %w", t.Slug, err)
	}
	return ids, fps, nil
}
