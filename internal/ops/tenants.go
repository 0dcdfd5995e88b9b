package ops

import (
	"context"

	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/pgq"
	"github.com/zumodra/zumodra/internal/source"
)

// selectTenants returns the named tenants (all when slugs is empty), in id
// order; an unknown slug is a not-found domain error naming it.
func selectTenants(ctx context.Context, q pgq.Querier, slugs []string) ([]domain.Tenant, error) {
	if len(slugs) == 0 {
		return source.ListTenants(ctx, q)
	}
	out := make([]domain.Tenant, 0, len(slugs))
	for _, s := range slugs {
		t, err := source.LoadTenantBySlug(ctx, q, s)
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, nil
}
