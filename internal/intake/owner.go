package intake

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/kind"
	"github.com/zumodra/zumodra/internal/source"
)

// owner is where a catalog row came from: its tenant and the id of the
// source row in that tenant's schema.
type owner struct {
	tenantID int64
	sourceID int64
}

// The kind of submission picks the catalog table, input never does.
var (
	jobCatalog      = kind.Jobs.Table()
	providerCatalog = kind.Providers.Table()
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

// lockTenant reads the owning tenant FOR SHARE inside the submission's
// transaction: a concurrent suspension waits for it, or it sees the
// suspension.
func lockTenant(ctx context.Context, tx pgx.Tx, tenantID int64) (domain.Tenant, error) {
	t, err := source.TenantByID(ctx, tx, tenantID, source.Share)
	if errors.Is(err, source.ErrTenantGone) {
		return t, errGone
	}
	if err != nil {
		return t, fmt.Errorf("lock tenant %d: %w", tenantID, err)
	}
	return t, nil
}

// tenantTable returns the quoted, schema-qualified name of a tenant table.
// The schema name comes only from public.tenants, checked against the slug
// when read, never from input.
func tenantTable(t domain.Tenant, name string) string {
	return pgx.Identifier{t.SchemaName, name}.Sanitize()
}

var errGone = domain.Errorf(domain.CodeGone, "this listing is no longer open to submissions")
