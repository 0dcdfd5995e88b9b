package apply

import (
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/kind"
	"github.com/zumodra/zumodra/internal/pgq"
	"github.com/zumodra/zumodra/internal/projection"
	"github.com/zumodra/zumodra/internal/source"
)

// catalogOps is what apply needs of one catalog beyond its names in kind:
// its columns and how to read and project its source rows, so that each
// sync step is written once for both catalogs.
type catalogOps struct {
	columns []string
	idPage  func(ctx context.Context, q pgq.Querier, t domain.Tenant, after int64, limit int) ([]int64, error)
	// queueRead queues the read of ids on a batch; the function it returns,
	// called once the batch has run, gives the rows to write, the ids of
	// source rows that are not public and the ids without a source row.
	queueRead func(b *pgx.Batch, t domain.Tenant, ids []int64) func() (items []item, excluded, gone []int64)
	// queueFingerprints and fingerprintPage read input fingerprints
	// (internal/source).
	queueFingerprints func(b *pgx.Batch, t domain.Tenant, salt string, ids []int64, out source.Fingerprints)
	fingerprintPage   func(ctx context.Context, q pgq.Querier, t domain.Tenant, salt string, after int64, limit int) ([]int64, source.Fingerprints, error)
}

var catalogs = map[kind.Catalog]catalogOps{
	kind.Jobs: {projection.JobColumns(), source.JobIDPage, queueProjected(source.QueueJobsByID, jobItem),
		source.QueueJobFingerprints, source.JobFingerprintPage},
	kind.Providers: {projection.ProviderColumns(), source.ProviderIDPage, queueProjected(source.QueueProvidersByID, providerItem),
		source.QueueProviderFingerprints, source.ProviderFingerprintPage},
}

// queueProjected builds a queueRead from a source read and a projection of
// one row (its id, and its catalog row when public). internal/projection
// alone decides which rows are public.
func queueProjected[In any](queue func(*pgx.Batch, domain.Tenant, []int64, *[]In), project func(In) (int64, item, bool)) func(*pgx.Batch, domain.Tenant, []int64) func() ([]item, []int64, []int64) {
	return func(b *pgx.Batch, t domain.Tenant, ids []int64) func() ([]item, []int64, []int64) {
		var in []In
		queue(b, t, ids, &in)
		return func() ([]item, []int64, []int64) {
			items := make([]item, 0, len(in))
			var excluded []int64
			found := make([]int64, len(in))
			for i, x := range in {
				id, it, public := project(x)
				found[i] = id
				if public {
					items = append(items, it)
				} else {
					excluded = append(excluded, id)
				}
			}
			return items, excluded, missing(ids, found)
		}
	}
}

func jobItem(x projection.JobInput) (int64, item, bool) {
	r, why := projection.Job(x)
	if why != projection.Public {
		return x.Job.ID, item{}, false
	}
	return x.Job.ID, item{r.TenantID, r.SourceID, r.ContentHash, r.Values(), nil}, true
}

func providerItem(x projection.ProviderInput) (int64, item, bool) {
	r, why := projection.Provider(x)
	if why != projection.Public {
		return x.Provider.ID, item{}, false
	}
	return x.Provider.ID, item{r.TenantID, r.SourceID, r.ContentHash, r.Values(), nil}, true
}
