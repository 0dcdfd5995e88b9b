package ops

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/zumodra/zumodra/internal/kind"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/source"
)

// DefaultPageSize is how many source rows verification reads per snapshot.
const DefaultPageSize = 1000

// DefaultSampleLimit is how many discrepancies a result keeps as examples.
const DefaultSampleLimit = 20

// Verifier compares the catalog with the projection of the source rows.
type Verifier struct {
	Pool        *pgxpool.Pool
	Log         *slog.Logger
	Now         func() time.Time // decides which deadlines have passed; nil: time.Now
	PageSize    int              // 0: DefaultPageSize
	SampleLimit int              // 0: DefaultSampleLimit
	Concurrency int              // tenants verified at once; 0: 2 (verification waits mostly on the database)
}

// VerifyOptions select what to verify.
type VerifyOptions struct {
	TenantSlugs []string       // nil: every tenant
	Catalogs    []kind.Catalog // nil: every catalog
	Repair      bool           // fix what differs through apply, then verify again
}

// Verify checks the selected catalogs. With Repair it fixes each page's
// discrepancies as it goes (under the tenant's sync lock, through apply)
// and then verifies everything again: the returned results are that second
// pass, with Repair saying what was changed. Per-tenant failures are
// recorded in the results; err is for failures that stop everything.
func (v *Verifier) Verify(ctx context.Context, opts VerifyOptions) (Report, error) {
	start := time.Now()
	ts, err := source.NamedTenants(ctx, v.Pool, opts.TenantSlugs)
	if err != nil {
		return Report{}, err
	}
	cats := catalogsOr(opts.Catalogs)
	var rep Report
	if opts.Repair {
		rep.Repair = &RepairStats{}
		if _, err := v.pass(ctx, ts, cats, rep.Repair); err != nil {
			return rep, err
		}
	}
	if rep.Results, err = v.pass(ctx, ts, cats, nil); err != nil {
		return rep, err
	}
	if err := recordResults(ctx, v.Pool, rep.Results, v.now()); err != nil {
		v.logger().WarnContext(ctx, "recording verification results", "error", err)
	}
	rep.Duration = time.Since(start)
	rep.Seconds = rep.Duration.Seconds()
	return rep, nil
}

// pass verifies every tenant and catalog once, repairing when fix is set,
// Concurrency tenants at a time; results keep the tenants' order.
func (v *Verifier) pass(ctx context.Context, ts []domain.Tenant, cats []kind.Catalog, fix *RepairStats) ([]CatalogResult, error) {
	out := make([]CatalogResult, len(ts)*len(cats))
	fixes := make([]RepairStats, len(ts))
	sem := make(chan struct{}, cmpOr(v.Concurrency, 2))
	var wg sync.WaitGroup
	for i, t := range ts {
		sem <- struct{}{}
		wg.Go(func() {
			defer func() { <-sem }()
			var tfix *RepairStats
			if fix != nil {
				tfix = &fixes[i]
			}
			for j, c := range cats {
				out[i*len(cats)+j] = v.verifyOne(ctx, t, c, tfix)
			}
		})
	}
	wg.Wait()
	if fix != nil {
		for _, f := range fixes {
			fix.Written, fix.Removed, fix.Errors = fix.Written+f.Written, fix.Removed+f.Removed, fix.Errors+f.Errors
		}
	}
	return out, ctx.Err()
}

func (v *Verifier) verifyOne(ctx context.Context, t domain.Tenant, c kind.Catalog, fix *RepairStats) CatalogResult {
	res, err := v.verifyCatalog(ctx, t, specOf(c), fix)
	if err != nil && ctx.Err() == nil {
		v.logger().ErrorContext(ctx, "verify failed", "tenant", t.Slug, "catalog", c, "error", err)
		res.Err = err.Error()
	}
	return res
}

// verifyCatalog walks one tenant's catalog page by page in source id order.
func (v *Verifier) verifyCatalog(ctx context.Context, t domain.Tenant, s spec, fix *RepairStats) (CatalogResult, error) {
	res := CatalogResult{TenantID: t.ID, Tenant: t.Slug, TenantName: t.Name, Catalog: s.catalog}
	for after := int64(0); ; {
		pg, err := v.readPage(ctx, t, s, after, &res)
		if err != nil {
			return res, err
		}
		if fix != nil && len(pg.fix) > 0 {
			if err := v.repairPage(ctx, t, s, pg, fix); err != nil {
				return res, err
			}
		}
		if pg.done {
			return res, nil
		}
		after = pg.last
	}
}

func (v *Verifier) now() time.Time {
	if v.Now != nil {
		return v.Now()
	}
	return time.Now()
}

func (v *Verifier) logger() *slog.Logger {
	if v.Log != nil {
		return v.Log
	}
	return slog.New(slog.DiscardHandler)
}

func (v *Verifier) pageSize() int   { return cmpOr(v.PageSize, DefaultPageSize) }
func (v *Verifier) sampleSize() int { return cmpOr(v.SampleLimit, DefaultSampleLimit) }

func cmpOr(n, def int) int {
	if n > 0 {
		return n
	}
	return def
}

func catalogsOr(cs []kind.Catalog) []kind.Catalog {
	if len(cs) == 0 {
		return kind.All
	}
	return cs
}

// ParseCatalog reads --catalog: jobs, providers, companies or all (nil: every one).
func ParseCatalog(s string) ([]kind.Catalog, error) {
	switch s {
	case "", "all":
		return nil, nil
	case string(kind.Jobs):
		return []kind.Catalog{kind.Jobs}, nil
	case string(kind.Providers):
		return []kind.Catalog{kind.Providers}, nil
	case string(kind.Companies):
		return []kind.Catalog{kind.Companies}, nil
	}
	return nil, domain.FieldError("catalog", "unknown catalog %q: want jobs, providers, companies or all", s)
}

// errPage wraps a page failure with where it happened.
func errPage(t domain.Tenant, c kind.Catalog, after int64, err error) error {
	return fmt.Errorf("verify %s of %s after id %d: %w", c, t.Slug, after, err)
}
