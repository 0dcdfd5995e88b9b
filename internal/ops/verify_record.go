package ops

import (
	"context"
	"fmt"
	"time"

	"github.com/zumodra/zumodra/internal/kind"
	"github.com/zumodra/zumodra/internal/source"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// recordResults keeps each result as its tenant's latest verification, for
// the admin page and doctor.
func recordResults(ctx context.Context, pool *pgxpool.Pool, rs []CatalogResult, at time.Time) error {
	if len(rs) == 0 {
		return nil
	}
	b := &pgx.Batch{}
	for _, r := range rs {
		b.Queue(`INSERT INTO public.catalog_verifications (tenant_id, catalog, eligible, in_catalog, missing,
				stale, drifted, pending, expired, drifted_columns, error, verified_at, invalid)
			SELECT $1::bigint, $2::text, $3::int, $4::int, $5::int, $6::int, $7::int, $8::int, $9::int,
				coalesce($10::text[], '{}'), $11::text, $12::timestamptz, $13::int
			WHERE `+source.TenantExists("$1")+`
			ON CONFLICT (tenant_id, catalog) DO UPDATE SET eligible = EXCLUDED.eligible,
				in_catalog = EXCLUDED.in_catalog, missing = EXCLUDED.missing, stale = EXCLUDED.stale,
				drifted = EXCLUDED.drifted, pending = EXCLUDED.pending, expired = EXCLUDED.expired,
				drifted_columns = EXCLUDED.drifted_columns, error = EXCLUDED.error,
				verified_at = EXCLUDED.verified_at, invalid = EXCLUDED.invalid`,
			r.TenantID, string(r.Catalog), r.Eligible, r.InCatalog, r.Missing, r.Stale, r.Drifted,
			r.Pending, r.Expired, r.Columns(), r.Err, at, r.Invalid)
	}
	// A tenant deleted since it was verified is skipped (WHERE EXISTS)
	// rather than failing the foreign key and with it the whole batch.
	if err := pool.SendBatch(ctx, b).Close(); err != nil {
		return fmt.Errorf("record verification results: %w", err)
	}
	return nil
}

// LastVerification is the recorded verification of one tenant's catalog.
type LastVerification struct {
	TenantID       int64        `json:"tenant_id"`
	Catalog        kind.Catalog `json:"catalog"`
	Eligible       int          `json:"eligible"`
	InCatalog      int          `json:"in_catalog"`
	Missing        int          `json:"missing"`
	Stale          int          `json:"stale"`
	Drifted        int          `json:"drifted"`
	Pending        int          `json:"pending"`
	Expired        int          `json:"expired"`
	Invalid        int          `json:"invalid"`
	DriftedColumns []string     `json:"drifted_columns"`
	Error          string       `json:"error,omitempty"`
	VerifiedAt     time.Time    `json:"verified_at"`
}

// LastVerifications reads the recorded verifications of these tenants (all
// when ids is nil).
func LastVerifications(ctx context.Context, q interface {
	Query(context.Context, string, ...any) (pgx.Rows, error)
}, ids []int64) ([]LastVerification, error) {
	rows, err := q.Query(ctx, `SELECT tenant_id, catalog, eligible, in_catalog, missing, stale, drifted,
			pending, expired, invalid, drifted_columns, error, verified_at
		FROM public.catalog_verifications WHERE $1::bigint[] IS NULL OR tenant_id = ANY($1)
		ORDER BY tenant_id, catalog`, ids)
	if err != nil {
		return nil, fmt.Errorf("read verifications: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (LastVerification, error) {
		var v LastVerification
		err := r.Scan(&v.TenantID, &v.Catalog, &v.Eligible, &v.InCatalog, &v.Missing, &v.Stale, &v.Drifted,
			&v.Pending, &v.Expired, &v.Invalid, &v.DriftedColumns, &v.Error, &v.VerifiedAt)
		return v, err
	})
	if err != nil {
		return nil, fmt.Errorf("read verifications: %w", err)
	}
	return out, nil
}
