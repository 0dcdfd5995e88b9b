package resync

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/zumodra/zumodra/internal/kind"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/zumodra/zumodra/internal/apply"
	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/source"
)

// Run resyncs the selected tenants' catalogs, Concurrency tenants at a
// time. A tenant's failure is recorded in its report and does not stop the
// others; the returned error is for a run that could not start or was
// cancelled (see Report.Err for the tenants' errors).
func Run(ctx context.Context, pool *pgxpool.Pool, opts Options) (Report, error) {
	start := time.Now()
	if err := opts.Validate(); err != nil {
		return Report{}, err
	}
	tenants, err := selectTenants(ctx, pool, opts.TenantSlugs)
	if err != nil {
		return Report{}, err
	}
	reports := make([]TenantReport, len(tenants))
	r := &runner{pool: pool, opts: opts, total: len(tenants), grown: newGrower(pool, opts.Logger)}
	sem := make(chan struct{}, opts.Concurrency)
	var wg sync.WaitGroup
	for i, t := range tenants {
		if ctx.Err() != nil {
			break
		}
		sem <- struct{}{}
		wg.Go(func() {
			defer func() { <-sem }()
			reports[i] = r.tenant(ctx, t)
		})
	}
	wg.Wait()
	rep := Report{Totals: map[kind.Catalog]apply.Stats{}, DryRun: opts.DryRun}
	for _, tr := range reports {
		if tr.Slug != "" {
			rep.add(tr)
		}
	}
	rep.Duration = time.Since(start)
	return rep, ctx.Err()
}

func selectTenants(ctx context.Context, pool *pgxpool.Pool, slugs []string) ([]domain.Tenant, error) {
	ts, err := source.NamedTenants(ctx, pool, slugs)
	if err != nil {
		return nil, fmt.Errorf("resync: %w", err)
	}
	return ts, nil
}

// runner carries a run's shared state across tenant goroutines.
type runner struct {
	pool  *pgxpool.Pool
	opts  Options
	mu    sync.Mutex // serialises Progress and done
	done  int
	total int
	grown *grower // the catalog's statistics kept up with its growth
}

func (r *runner) tenant(ctx context.Context, t domain.Tenant) TenantReport {
	start := time.Now()
	rep := TenantReport{TenantID: t.ID, Slug: t.Slug, Catalogs: map[kind.Catalog]apply.Stats{}}
	firsts, err := r.firstPages(ctx, t.ID)
	switch {
	case errors.Is(err, source.ErrTenantGone):
		rep.Gone = true
	case err != nil:
		rep.Err = err
		r.opts.Logger.ErrorContext(ctx, "resync failed", "tenant", t.Slug, "error", err)
	}
	for i, c := range r.opts.Catalogs {
		if err != nil {
			break
		}
		if err = r.catalog(ctx, t.ID, c, firsts[i], &rep); err != nil {
			rep.Err = err
			r.opts.Logger.ErrorContext(ctx, "resync failed", "tenant", t.Slug, "catalog", string(c), "error", err)
		}
	}
	rep.Duration = time.Since(start)
	r.mu.Lock()
	r.done++
	r.mu.Unlock()
	return rep
}

// catalog counts a catalog's first page and syncs the rest, page by page.
func (r *runner) catalog(ctx context.Context, tenantID int64, c kind.Catalog, p apply.Page, rep *TenantReport) error {
	var st apply.Stats
	for {
		st.Add(p.Stats)
		if !r.opts.DryRun {
			r.grown.add(ctx, p.Stats.Inserted)
		}
		rep.Catalogs[c] = st
		rep.Failed = append(rep.Failed, p.Failed...)
		r.progress(rep.Slug, c, st, p.Done)
		if p.Done {
			return nil
		}
		var err error
		p, err = r.page(ctx, tenantID, c, p.Last)
		if errors.Is(err, source.ErrTenantGone) {
			rep.Gone = true
			return nil
		}
		if err != nil {
			return err
		}
	}
}

func (r *runner) progress(slug string, c kind.Catalog, st apply.Stats, done bool) {
	if r.opts.Progress == nil {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.opts.Progress(Progress{Tenant: slug, Catalog: c, Stats: st, CatalogDone: done, TenantsDone: r.done, TenantsTotal: r.total})
}
