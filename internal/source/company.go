package source

import (
	"context"
	"fmt"
	"strconv"

	"github.com/jackc/pgx/v5"

	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/pgq"
)

// The company catalog's source is the tenant's own row: its one source id is
// the tenant's id. These reads give it the shape of the other catalogs'
// sources (id pages, reads by id, fingerprints), so that sync, bulk resync
// and verify treat it like them. t.ID is an id read from the database,
// never input, so it may be written into the SQL.

func companyWhere(t domain.Tenant, cond string) string {
	return ` FROM public.tenants WHERE id = ` + strconv.FormatInt(t.ID, 10) + ` AND ` + cond
}

// CompanyIDPage returns the tenant's id when it is greater than after: the
// one page of the company catalog's bulk scan.
func CompanyIDPage(ctx context.Context, q pgq.Querier, t domain.Tenant, after int64, limit int) ([]int64, error) {
	rows, err := q.Query(ctx, `SELECT id`+companyWhere(t, `id > $1 LIMIT $2`), after, limit)
	if err != nil {
		return nil, fmt.Errorf("page company of %s: %w", t.Slug, err)
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return nil, fmt.Errorf("page company of %s: %w", t.Slug, err)
	}
	return ids, nil
}

// QueueCompaniesByID queues the read of the tenant's profile when its id is
// among ids; *out holds it, or nothing when the tenant is gone.
func QueueCompaniesByID(b *pgx.Batch, t domain.Tenant, ids []int64, out *[]domain.TenantProfile) {
	b.Queue(`SELECT `+ProfileReturning+companyWhere(t, `id = ANY($1)`), ids).Query(func(rows pgx.Rows) error {
		in, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (domain.TenantProfile, error) { return ScanProfile(r) })
		*out = in
		return wrapRead(err, "company profile", t)
	})
}

// CompaniesByID is QueueCompaniesByID run alone.
func CompaniesByID(ctx context.Context, q pgq.Querier, t domain.Tenant, ids []int64) ([]domain.TenantProfile, error) {
	var out []domain.TenantProfile
	b := &pgx.Batch{}
	QueueCompaniesByID(b, t, ids, &out)
	if err := q.SendBatch(ctx, b).Close(); err != nil {
		return nil, err
	}
	return out, nil
}

// companyFingerprintSQL digests the tenant row: its xmin changes with every
// write of it, the profile's included.
func companyFingerprintSQL(t domain.Tenant, cond string) string {
	return `SELECT id, decode(md5($1 || '|' || xmin::text || ':' || version), 'hex')` + companyWhere(t, cond)
}

// QueueCompanyFingerprints is QueueJobFingerprints for the company row.
func QueueCompanyFingerprints(b *pgx.Batch, t domain.Tenant, salt string, ids []int64, out Fingerprints) {
	queueFingerprints(b, t, companyFingerprintSQL(t, `id = ANY($2)`), salt, ids, out)
}

// CompanyFingerprintPage is JobFingerprintPage for the company row.
func CompanyFingerprintPage(ctx context.Context, q pgq.Querier, t domain.Tenant, salt string, after int64, limit int) ([]int64, Fingerprints, error) {
	return fingerprintPage(ctx, q, t, companyFingerprintSQL(t, `id > $2 ORDER BY id LIMIT $3`), salt, after, limit)
}
