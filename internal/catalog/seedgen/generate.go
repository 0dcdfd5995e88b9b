package seedgen

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"golang.org/x/sync/errgroup"
)

// Options size the generated catalog.
type Options struct {
	Seed      uint64
	Tenants   int
	Jobs      int
	Providers int
	// Now anchors publication dates (the last 180 days) and deadlines.
	Now time.Time
	// Workers is the number of parallel COPY streams per table; 2 if 0.
	Workers int
}

// Generate inserts the tenants, then jobs and providers, reporting progress
// to out. The same options always produce the same rows.
func Generate(ctx context.Context, pool *pgxpool.Pool, o Options, out io.Writer) error {
	if o.Tenants < 1 || o.Jobs < 0 || o.Providers < 0 {
		return fmt.Errorf("seedgen: need at least one tenant and non-negative counts")
	}
	if o.Workers < 1 {
		o.Workers = 2
	}
	start := time.Now()
	ts, err := insertTenants(ctx, pool, o)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "tenants: %d in %s\n", len(ts), time.Since(start).Round(time.Millisecond))
	for _, step := range []struct {
		name  string
		count int
		table string
		cols  []string
		row   func(*rand.Rand, []tenant, int, time.Time) []any
	}{
		{"jobs", o.Jobs, "job_catalog", jobColumns, jobRow},
		{"providers", o.Providers, "provider_catalog", providerColumns, providerRow},
	} {
		t0 := time.Now()
		if err := copyParallel(ctx, pool, o, step.table, step.cols, step.count, ts, step.row); err != nil {
			return fmt.Errorf("seedgen %s: %w", step.name, err)
		}
		fmt.Fprintf(out, "%s: %d in %s\n", step.name, step.count, time.Since(t0).Round(time.Millisecond))
	}
	// VACUUM, not only ANALYZE: it sets the visibility map, without which
	// index-only scans and count(*) visit the heap for every row.
	_, err = pool.Exec(ctx, "VACUUM (ANALYZE) public.tenants, public.job_catalog, public.provider_catalog")
	return err
}

// copyParallel splits rows 0..n into o.Workers contiguous ranges, each
// COPYed on its own connection. Every row draws from a generator seeded by
// its own index, so the result does not depend on the split.
func copyParallel(ctx context.Context, pool *pgxpool.Pool, o Options, table string, cols []string, n int,
	ts []tenant, row func(*rand.Rand, []tenant, int, time.Time) []any) error {
	g, ctx := errgroup.WithContext(ctx)
	per := (n + o.Workers - 1) / o.Workers
	for w := range o.Workers {
		lo, hi := w*per, min(n, (w+1)*per)
		if lo >= hi {
			continue
		}
		g.Go(func() error {
			i := lo
			src := pgx.CopyFromFunc(func() ([]any, error) {
				if i >= hi {
					return nil, nil
				}
				r := rand.New(rand.NewPCG(o.Seed, uint64(i)+uint64(len(table))<<40))
				v := row(r, ts, i, o.Now)
				i++
				return v, nil
			})
			_, err := pool.CopyFrom(ctx, pgx.Identifier{"public", table}, cols, src)
			return err
		})
	}
	return g.Wait()
}
