package ops

import (
	"context"
	"fmt"
	"time"

	"github.com/zumodra/zumodra/internal/kind"

	"github.com/jackc/pgx/v5"

	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/outbox"
	"github.com/zumodra/zumodra/internal/pgq"
	"github.com/zumodra/zumodra/internal/projection"
	"github.com/zumodra/zumodra/internal/source"
)

// projected is one source row as the projection decides it.
type projected struct {
	id      int64
	public  bool
	reason  projection.Reason
	expired bool  // public, but its application deadline has passed
	values  []any // in the spec's column order; nil unless public
	invalid error // it would be public but holds values the catalog cannot take
}

// catalogRow is one catalog row as read back.
type catalogRow struct {
	id     int64
	values []any
}

// spec is what verification needs to know about one catalog, so that one
// merge serves both.
type spec struct {
	catalog kind.Catalog
	entity  outbox.Entity // the outbox entity of one source row
	whole   outbox.Entity // the outbox entity of a full pass of this catalog
	columns []string
	idPage  func(ctx context.Context, q pgq.Querier, t domain.Tenant, after int64, limit int) ([]int64, error)
	project func(ctx context.Context, q pgq.Querier, t domain.Tenant, ids []int64, now time.Time) ([]projected, error)
	scan    func(rows pgx.Rows) (catalogRow, error)
}

func specOf(c kind.Catalog) spec { return specs[c] }

var specs = map[kind.Catalog]spec{kind.Jobs: jobSpec, kind.Providers: providerSpec, kind.Companies: companySpec}

var jobSpec = spec{
	catalog: kind.Jobs,
	entity:  outbox.EntityJob,
	whole:   outbox.EntityTenantJobs,
	columns: projection.JobColumns(),
	idPage:  source.JobIDPage,
	project: func(ctx context.Context, q pgq.Querier, t domain.Tenant, ids []int64, now time.Time) ([]projected, error) {
		in, err := source.JobsByID(ctx, q, t, ids)
		if err != nil {
			return nil, err
		}
		out := make([]projected, len(in))
		for i, x := range in {
			row, why := projection.Job(x)
			out[i] = projected{id: x.Job.ID, public: why == projection.Public, reason: why}
			if why == projection.ReasonInvalid {
				out[i].invalid = projection.JobValueError(x)
			}
			if out[i].public {
				out[i].values = row.Values()
				out[i].expired = row.ApplicationDeadline != nil && row.ApplicationDeadline.Before(now)
			}
		}
		return out, nil
	},
	scan: func(rows pgx.Rows) (catalogRow, error) {
		r, err := pgx.RowToStructByName[projection.JobRow](rows)
		if err != nil {
			return catalogRow{}, fmt.Errorf("scan job_catalog: %w", err)
		}
		return catalogRow{id: r.SourceID, values: r.Values()}, nil
	},
}

var providerSpec = spec{
	catalog: kind.Providers,
	entity:  outbox.EntityProvider,
	whole:   outbox.EntityTenantProviders,
	columns: projection.ProviderColumns(),
	idPage:  source.ProviderIDPage,
	project: func(ctx context.Context, q pgq.Querier, t domain.Tenant, ids []int64, _ time.Time) ([]projected, error) {
		in, err := source.ProvidersByID(ctx, q, t, ids)
		if err != nil {
			return nil, err
		}
		out := make([]projected, len(in))
		for i, x := range in {
			row, why := projection.Provider(x)
			out[i] = projected{id: x.Provider.ID, public: why == projection.Public, reason: why}
			if why == projection.ReasonInvalid {
				out[i].invalid = projection.ProviderValueError(x)
			}
			if out[i].public {
				out[i].values = row.Values()
			}
		}
		return out, nil
	},
	scan: func(rows pgx.Rows) (catalogRow, error) {
		r, err := pgx.RowToStructByName[projection.ProviderRow](rows)
		if err != nil {
			return catalogRow{}, fmt.Errorf("scan provider_catalog: %w", err)
		}
		return catalogRow{id: r.SourceID, values: r.Values()}, nil
	},
}

var companySpec = spec{
	catalog: kind.Companies,
	entity:  outbox.EntityCompany,
	whole:   outbox.EntityCompany,
	columns: projection.CompanyColumns(),
	idPage:  source.CompanyIDPage,
	project: func(ctx context.Context, q pgq.Querier, t domain.Tenant, ids []int64, _ time.Time) ([]projected, error) {
		in, err := source.CompaniesByID(ctx, q, t, ids)
		if err != nil {
			return nil, err
		}
		out := make([]projected, len(in))
		for i, x := range in {
			row, why := projection.Company(x)
			out[i] = projected{id: x.ID, public: why == projection.Public, reason: why}
			if out[i].public {
				out[i].values = row.Values()
			}
		}
		return out, nil
	},
	scan: func(rows pgx.Rows) (catalogRow, error) {
		r, err := pgx.RowToStructByName[projection.CompanyRow](rows)
		if err != nil {
			return catalogRow{}, fmt.Errorf("scan company_catalog: %w", err)
		}
		return catalogRow{id: r.SourceID, values: r.Values()}, nil
	},
}
