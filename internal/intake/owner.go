package intake

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/notify"
	"github.com/zumodra/zumodra/internal/projection"
	"github.com/zumodra/zumodra/internal/source"
)

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

// errNotYet refuses a row scheduled for later as if it did not exist: it
// has never been public, so it is not found rather than gone.
var errNotYet = domain.Errorf(domain.CodeNotFound, "no such listing")

// timeRefusal is the error of a clock rule the row fails (nil for none):
// a passed deadline is gone, a row not yet published is not found.
func timeRefusal(r projection.Reason) error {
	switch r {
	case projection.Public:
		return nil
	case projection.ReasonScheduled:
		return errNotYet
	}
	return errGone
}

// announce records a new submission's event in its transaction, so the
// tenant hears of exactly the submissions that were stored.
func (s *Service) announce(ctx context.Context, tx pgx.Tx, t domain.Tenant, r *Receipt, e notify.Event) error {
	n, err := s.events.Record(ctx, tx, t.ID, e)
	r.mailed = n > 0
	return err
}
