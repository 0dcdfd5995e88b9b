package ops

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/zumodra/zumodra/internal/apply"
	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/source"
)

// repairPage resyncs the page's differing rows through the apply code, in
// one transaction holding the tenant's sync lock, like a worker would.
func (v *Verifier) repairPage(ctx context.Context, t domain.Tenant, s spec, pg page, fix *RepairStats) error {
	var st apply.Stats
	var failed []apply.RowError
	err := pgx.BeginFunc(ctx, v.Pool, func(tx pgx.Tx) error {
		if err := apply.LockTenant(ctx, tx, t.ID); err != nil {
			return err
		}
		// The tenant as it is now, under the lock: it may have been
		// suspended or renamed since the snapshot.
		cur, err := source.LoadTenant(ctx, tx, t.ID)
		if errors.Is(err, source.ErrTenantGone) {
			return nil // its catalog rows went with it
		}
		if err != nil {
			return err
		}
		if err := apply.ForgetHashes(ctx, tx, s.catalog, t.ID, pg.drifted); err != nil {
			return err
		}
		st, failed, err = apply.SyncIsolated(ctx, tx, cur, s.catalog, pg.fix, apply.Options{})
		return err
	})
	if err != nil {
		return fmt.Errorf("repair %s of %s: %w", s.catalog, t.Slug, err)
	}
	st.Record(s.catalog)
	fix.Written += st.Written
	fix.Removed += st.Removed
	fix.Errors += len(failed)
	for _, f := range failed {
		v.logger().ErrorContext(ctx, "repair: row failed", "tenant", t.Slug, "catalog", s.catalog, "source_id", f.ID, "error", f.Err)
	}
	return nil
}
