package demo

import (
	"context"

	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/pgq"
	"github.com/zumodra/zumodra/internal/projection"
	"github.com/zumodra/zumodra/internal/source"
)

// Counts are a tenant's source rows split by whether the publication rules
// (projection.JobExclusion, projection.ProviderExclusion) let them be public.
type Counts struct {
	EligibleJobs, HiddenJobs           int
	EligibleProviders, HiddenProviders int
}

// countPage is how many source rows CountRows reads per round trip.
const countPage = 1000

// CountRows counts the rows of one tenant schema by the publication rules,
// asking the projection rather than restating them.
func CountRows(ctx context.Context, q pgq.Querier, t domain.Tenant) (Counts, error) {
	var c Counts
	err := eachPage(ctx, q, t, source.JobIDPage, func(ids []int64) error {
		jobs, err := source.JobsByID(ctx, q, t, ids)
		for _, in := range jobs {
			tally(projection.JobExclusion(in), &c.EligibleJobs, &c.HiddenJobs)
		}
		return err
	})
	if err != nil {
		return c, err
	}
	err = eachPage(ctx, q, t, source.ProviderIDPage, func(ids []int64) error {
		provs, err := source.ProvidersByID(ctx, q, t, ids)
		for _, in := range provs {
			tally(projection.ProviderExclusion(in), &c.EligibleProviders, &c.HiddenProviders)
		}
		return err
	})
	return c, err
}

func tally(r projection.Reason, public, hidden *int) {
	if r == projection.Public {
		*public++
	} else {
		*hidden++
	}
}

// eachPage hands every page of source ids to fn, in id order.
func eachPage(ctx context.Context, q pgq.Querier, t domain.Tenant,
	page func(context.Context, pgq.Querier, domain.Tenant, int64, int) ([]int64, error), fn func([]int64) error) error {
	var after int64
	for {
		ids, err := page(ctx, q, t, after, countPage)
		if err != nil || len(ids) == 0 {
			return err
		}
		if err := fn(ids); err != nil {
			return err
		}
		after = ids[len(ids)-1]
	}
}
