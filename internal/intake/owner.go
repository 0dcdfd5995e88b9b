package intake

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/zumodra/zumodra/internal/domain"
)

// owner is where a catalog row came from: its tenant and the id of the
// source row in that tenant's schema.
type owner struct {
	tenantID int64
	sourceID int64
}

// The catalog table names are constants: the kind of submission picks one,
// input never does.
const (
	jobCatalog      = "public.job_catalog"
	providerCatalog = "public.provider_catalog"
)

func (s *Service) findOwner(ctx context.Context, table string, catalogID int64) (owner, error) {
	var o owner
	err := s.pool.QueryRow(ctx, `SELECT tenant_id, source_id FROM `+table+` WHERE id = $1`, catalogID).
		Scan(&o.tenantID, &o.sourceID)
	if errors.Is(err, pgx.ErrNoRows) {
		return o, domain.Errorf(domain.CodeNotFound, "no such listing")
	}
	if err != nil {
		return o, fmt.Errorf("look up catalog row %d in %s: %w", catalogID, table, err)
	}
	return o, nil
}

// tenantRow is the owning tenant, read FOR SHARE inside the submission's
// transaction: a concurrent suspension waits for it, or it sees the
// suspension.
type tenantRow struct {
	name   string
	schema string
	active bool
}

func lockTenant(ctx context.Context, tx pgx.Tx, tenantID int64) (tenantRow, error) {
	var t tenantRow
	var status string
	err := tx.QueryRow(ctx, `SELECT name, schema_name, status FROM public.tenants WHERE id = $1 FOR SHARE`, tenantID).
		Scan(&t.name, &t.schema, &status)
	if errors.Is(err, pgx.ErrNoRows) {
		return t, errGone
	}
	if err != nil {
		return t, fmt.Errorf("lock tenant %d: %w", tenantID, err)
	}
	t.active = status == domain.TenantActive
	return t, nil
}

// table returns the quoted, schema-qualified name of a tenant table. The
// schema name comes only from public.tenants (validated there by a CHECK
// against the slug), never from input.
func (t tenantRow) table(name string) string {
	return pgx.Identifier{t.schema, name}.Sanitize()
}

var errGone = domain.Errorf(domain.CodeGone, "this listing is no longer open to submissions")
