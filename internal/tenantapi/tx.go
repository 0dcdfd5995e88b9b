package tenantapi

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/zumodra/zumodra/internal/domain"
)

// inTenant runs fn in one transaction whose search_path is the tenant's
// schema alone: the unqualified table names of this package resolve there
// and nowhere else. pg_catalog stays implicitly searched; the triggers name
// public explicitly. Any error rolls everything back.
//
// The first transaction of a request carrying an Idempotency-Key claims
// the key too (see idempotent), so the key and the write commit together.
func (h *Handler) inTenant(ctx context.Context, t domain.Tenant, fn func(pgx.Tx) error) error {
	err := pgx.BeginFunc(ctx, h.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, "SET LOCAL search_path TO "+pgx.Identifier{t.SchemaName}.Sanitize()); err != nil {
			return fmt.Errorf("enter schema %s: %w", t.SchemaName, err)
		}
		if err := claimKey(ctx, tx); err != nil {
			return err
		}
		return fn(tx)
	})
	if err == nil {
		keyCommitted(ctx)
	}
	return err
}
