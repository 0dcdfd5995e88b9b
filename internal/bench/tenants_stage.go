package bench

import (
	"context"
	"time"
)

// TenantsResult is the time to create and migrate the tenant schemas.
type TenantsResult struct {
	Tenants  int
	Creators int
	Create   time.Duration // tenants.Store.Create: row, schema, every tenant migration, first key
	Migrate  ChildRun      // `zumodra migrate` afterwards: every schema visited, nothing pending
}

// runTenants reports the creation timed while generating (the tenants are
// created by tenants.Store.Create exactly as `zumodra tenants create`
// does), then times `zumodra migrate` over all the schemas.
func (s *suite) runTenants(ctx context.Context) (TenantsResult, error) {
	r := TenantsResult{Tenants: len(s.gen.Tenants), Creators: 4, Create: s.gen.Create}
	var err error
	r.Migrate, err = runChild(ctx, s.opts.Binary, s.opts.DatabaseURL, "migrate")
	return r, err
}
