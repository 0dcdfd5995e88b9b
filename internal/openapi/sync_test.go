package openapi_test

import (
	"context"

	"github.com/zumodra/zumodra/internal/kind"

	"github.com/jackc/pgx/v5"

	"github.com/zumodra/zumodra/internal/apply"
	"github.com/zumodra/zumodra/internal/source"
)

// syncTenant brings every source row of the tenant into the catalog with
// the workers' own apply code.
func syncTenant(ctx context.Context, tx pgx.Tx, slug string) error {
	t, err := source.LoadTenantBySlug(ctx, tx, slug)
	if err != nil {
		return err
	}
	if err := apply.LockTenant(ctx, tx, t.ID); err != nil {
		return err
	}
	jobs, err := source.JobIDPage(ctx, tx, t, 0, 10000)
	if err != nil {
		return err
	}
	if _, _, err := apply.SyncIDs(ctx, tx, t, kind.Jobs, jobs, apply.Options{}); err != nil {
		return err
	}
	provs, err := source.ProviderIDPage(ctx, tx, t, 0, 10000)
	if err != nil {
		return err
	}
	if _, _, err = apply.SyncIDs(ctx, tx, t, kind.Providers, provs, apply.Options{}); err != nil {
		return err
	}
	_, _, err = apply.SyncIDs(ctx, tx, t, kind.Companies, []int64{t.ID}, apply.Options{})
	return err
}
