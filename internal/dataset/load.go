package dataset

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/zumodra/zumodra/internal/domain"
)

// loadAll loads the tenants' rows, ds.Loaders tenants at a time, largest
// first so the stragglers at the end are small.
func loadAll(ctx context.Context, pool *pgxpool.Pool, ds Options, ts []domain.Tenant, replica bool, g *Generated) error {
	jobs, provs := shares(ds.Jobs, len(ts)), shares(ds.Providers, len(ts))
	var mu sync.Mutex
	var firstErr error
	var bytes atomic.Int64
	next := make(chan int)
	var wg sync.WaitGroup
	for range ds.Loaders {
		wg.Go(func() {
			for i := range next {
				c, err := loadTenant(ctx, pool, ds, ts[i], i, jobs[i], provs[i], replica)
				mu.Lock()
				if err != nil && firstErr == nil {
					firstErr = fmt.Errorf("dataset: load %s: %w", ts[i].Slug, err)
				}
				g.addCounts(c, suspendedIndex(i))
				mu.Unlock()
				bytes.Add(c.bytes)
			}
		})
	}
	for i := range ts {
		if ctx.Err() != nil || firstErr != nil {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
	g.Bytes = bytes.Load()
	if firstErr != nil {
		return firstErr
	}
	return ctx.Err()
}

// suspendedIndex reports whether suspendSome will suspend tenant i.
func suspendedIndex(i int) bool { return i%50 == 49 }

// counts is what one tenant's load wrote.
type counts struct {
	jobs, providers, skills, links int
	publicJobs, publicProviders    int
	bytes                          int64
}

func (g *Generated) addCounts(c counts, suspended bool) {
	g.Jobs += c.jobs
	g.Providers += c.providers
	g.Skills += c.skills
	g.Links += c.links
	if !suspended {
		g.PublicJobs += c.publicJobs
		g.PublicProviders += c.publicProviders
	}
}

// loadTenant writes one tenant's categories, jobs, providers, skills and
// links in one transaction, ids included so that children can point at
// their parents, then moves the identity sequences past them.
func loadTenant(ctx context.Context, pool *pgxpool.Pool, ds Options, t domain.Tenant, idx, nJobs, nProv int, replica bool) (counts, error) {
	var c counts
	tx, err := pool.Begin(ctx)
	if err != nil {
		return c, err
	}
	defer func() { _ = tx.Rollback(context.WithoutCancel(ctx)) }()
	if replica {
		if _, err := tx.Exec(ctx, `SET LOCAL session_replication_role = replica`); err != nil {
			return c, err
		}
	}
	gen := newTenantGen(ds, idx)
	if err := copyRows(ctx, tx, t, "job_categories", []string{"id", "name", "slug", "description"}, gen.jobCategoryRows()); err != nil {
		return c, err
	}
	if err := copyJobs(ctx, tx, t, gen, nJobs, &c); err != nil {
		return c, err
	}
	if err := copyRows(ctx, tx, t, "provider_categories", []string{"id", "name", "slug"}, gen.providerCategoryRows()); err != nil {
		return c, err
	}
	if err := copyProviders(ctx, tx, t, gen, nProv, &c); err != nil {
		return c, err
	}
	if err := advanceSequences(ctx, tx, t); err != nil {
		return c, err
	}
	return c, tx.Commit(ctx)
}

func copyRows(ctx context.Context, tx pgx.Tx, t domain.Tenant, table string, cols []string, rows [][]any) error {
	if _, err := tx.CopyFrom(ctx, pgx.Identifier{t.SchemaName, table}, cols, pgx.CopyFromRows(rows)); err != nil {
		return fmt.Errorf("copy %s: %w", table, err)
	}
	return nil
}

func copyJobs(ctx context.Context, tx pgx.Tx, t domain.Tenant, gen *tenantGen, n int, c *counts) error {
	i := 0
	src := pgx.CopyFromFunc(func() ([]any, error) {
		if i >= n {
			return nil, nil
		}
		i++
		j := gen.job(int64(i))
		c.jobs++
		c.bytes += j.bytes
		if j.public {
			c.publicJobs++
		}
		return j.values, nil
	})
	if _, err := tx.CopyFrom(ctx, pgx.Identifier{t.SchemaName, "job_postings"}, jobSourceColumns, src); err != nil {
		return fmt.Errorf("copy job_postings: %w", err)
	}
	return nil
}

// copyProviders generates the tenant's providers in memory (a tenant's
// share is at most a few thousand) because three tables take their rows.
func copyProviders(ctx context.Context, tx pgx.Tx, t domain.Tenant, gen *tenantGen, n int, c *counts) error {
	var provs, skillRows, links [][]any
	for i := 1; i <= n; i++ {
		p := gen.provider(int64(i))
		provs = append(provs, p.values)
		skillRows = append(skillRows, p.skills...)
		links = append(links, p.links...)
		c.bytes += p.bytes
		if p.public {
			c.publicProviders++
		}
	}
	c.providers, c.skills, c.links = n, len(skillRows), len(links)
	if err := copyRows(ctx, tx, t, "service_providers", providerSourceColumns, provs); err != nil {
		return err
	}
	if err := copyRows(ctx, tx, t, "provider_skills", []string{"provider_id", "name", "level", "years_experience"}, skillRows); err != nil {
		return err
	}
	return copyRows(ctx, tx, t, "provider_category_links", []string{"provider_id", "category_id"}, links)
}

// advanceSequences moves the identity sequences past the copied ids, so
// that later inserts (the tenant API, the propagation writers) get new ids.
func advanceSequences(ctx context.Context, tx pgx.Tx, t domain.Tenant) error {
	for _, table := range []string{"job_categories", "job_postings", "provider_categories", "service_providers"} {
		qualified := pgx.Identifier{t.SchemaName, table}.Sanitize()
		_, err := tx.Exec(ctx, `SELECT setval(pg_get_serial_sequence($1, 'id'), m) FROM (SELECT max(id) AS m FROM `+
			qualified+`) x WHERE m IS NOT NULL`, qualified)
		if err != nil {
			return fmt.Errorf("advance %s: %w", table, err)
		}
	}
	return nil
}
