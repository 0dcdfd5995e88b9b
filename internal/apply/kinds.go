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
	// called once the batch has run with what the catalog holds of each
	// row's HTML, gives the rows to write, the ids to remove (not public, or
	// without a source row) and the rows that hold values the catalog cannot
	// take (removed too, and reported).
	queueRead func(b *pgx.Batch, t domain.Tenant, ids []int64) func(priors) projected
	// htmlColumns are the catalog's sanitised HTML columns, in the order of
	// projection.Prior.
	htmlColumns []string
	// queueFingerprints and fingerprintPage read input fingerprints
	// (internal/source).
	queueFingerprints func(b *pgx.Batch, t domain.Tenant, salt string, ids []int64, out source.Fingerprints)
	fingerprintPage   func(ctx context.Context, q pgq.Querier, t domain.Tenant, salt string, after int64, limit int) ([]int64, source.Fingerprints, error)
}

// projected is one read of source rows as the projection decided them.
type projected struct {
	items   []item
	remove  []int64
	invalid []RowError
	// excluded are the rows of remove that exist and are not public by the
	// tenant's choice (not invalid): their exclusion can be remembered.
	excluded []int64
	// reasons says why each existing row of remove is not public, for the
	// tenant's listing events.
	reasons map[int64]projection.Reason
}

var catalogs = map[kind.Catalog]catalogOps{
	kind.Jobs: {projection.JobColumns(), source.JobIDPage, queueProjected(kind.Jobs, source.QueueJobsByID, jobItem),
		projection.JobHTMLColumns(), source.QueueJobFingerprints, source.JobFingerprintPage},
	kind.Providers: {projection.ProviderColumns(), source.ProviderIDPage, queueProjected(kind.Providers, source.QueueProvidersByID, providerItem),
		projection.ProviderHTMLColumns(), source.QueueProviderFingerprints, source.ProviderFingerprintPage},
	kind.Companies: {projection.CompanyColumns(), source.CompanyIDPage, queueProjected(kind.Companies, source.QueueCompaniesByID, companyItem),
		nil, source.QueueCompanyFingerprints, source.CompanyFingerprintPage},
}

// queueProjected builds a queueRead from a source read and a projection of
// one row (its id, its catalog row when public, the error that keeps it
// out when it is invalid). internal/projection alone decides which rows are
// public.
func queueProjected[In any](c kind.Catalog, queue func(*pgx.Batch, domain.Tenant, []int64, *[]In), project func(In, priors) (int64, item, projection.Reason, error)) func(*pgx.Batch, domain.Tenant, []int64) func(priors) projected {
	return func(b *pgx.Batch, t domain.Tenant, ids []int64) func(priors) projected {
		var in []In
		queue(b, t, ids, &in)
		return func(held priors) projected {
			p := projected{items: make([]item, 0, len(in)), reasons: map[int64]projection.Reason{}}
			found := make([]int64, len(in))
			for i, x := range in {
				id, it, why, invalid := project(x, held)
				found[i] = id
				if why != projection.Public {
					p.reasons[id] = why
				}
				switch {
				case why == projection.Public:
					p.items = append(p.items, it)
				case invalid != nil:
					p.invalid = append(p.invalid, RowError{c, id, invalid})
					p.remove = append(p.remove, id)
				default:
					p.remove = append(p.remove, id)
					p.excluded = append(p.excluded, id)
				}
			}
			p.remove = append(p.remove, missing(ids, found)...)
			return p
		}
	}
}

func jobItem(x projection.JobInput, held priors) (int64, item, projection.Reason, error) {
	x.Prior = held.of(x.Job.ID)
	r, why := projection.Job(x)
	switch why {
	case projection.Public:
		return x.Job.ID, item{tenantID: r.TenantID, sourceID: r.SourceID, hash: r.ContentHash, values: r.Values()}, why, nil
	case projection.ReasonInvalid:
		return x.Job.ID, item{}, why, projection.JobValueError(x)
	}
	return x.Job.ID, item{}, why, nil
}

func providerItem(x projection.ProviderInput, held priors) (int64, item, projection.Reason, error) {
	x.Prior = held.of(x.Provider.ID)
	r, why := projection.Provider(x)
	switch why {
	case projection.Public:
		return x.Provider.ID, item{tenantID: r.TenantID, sourceID: r.SourceID, hash: r.ContentHash, values: r.Values()}, why, nil
	case projection.ReasonInvalid:
		return x.Provider.ID, item{}, why, projection.ProviderValueError(x)
	}
	return x.Provider.ID, item{}, why, nil
}

// companyItem has no HTML to reuse: a profile is plain text.
func companyItem(x domain.TenantProfile, _ priors) (int64, item, projection.Reason, error) {
	r, why := projection.Company(x)
	if why != projection.Public {
		return x.ID, item{}, why, nil
	}
	return x.ID, item{tenantID: r.TenantID, sourceID: r.SourceID, hash: r.ContentHash, values: r.Values()}, why, nil
}
