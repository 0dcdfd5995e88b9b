package bench

import (
	"context"
	"fmt"
	"os"
	"runtime/pprof"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/zumodra/zumodra/internal/apply"
	"github.com/zumodra/zumodra/internal/catalog"
	"github.com/zumodra/zumodra/internal/kind"
	"github.com/zumodra/zumodra/internal/memlimit"
	"github.com/zumodra/zumodra/internal/resync"
)

// Phase is one measured write of catalog rows.
type Phase struct {
	Name string
	Rows int // catalog rows written (or, for the unchanged pass, visited)
	Wall time.Duration
	CPU  CPU
	Note string
}

// RowsPerSec is the phase's throughput.
func (p Phase) RowsPerSec() float64 { return perSec(p.Rows, p.Wall) }

func perSec(n int, d time.Duration) float64 {
	if d <= 0 {
		return 0
	}
	return float64(n) / d.Seconds()
}

// BulkResult compares the bulk sync with its limit and the original's
// strategy, all over the same data in the same run.
type BulkResult struct {
	Concurrency int
	Limit       Phase
	PerRow      Phase // a sample; see PerRowTotal
	PerRowTotal time.Duration
	First       Phase // internal/resync into an empty catalog
	Second      Phase // internal/resync again, nothing changed
	Child       ChildRun
	ChildRows   int
	Profile     string // go tool pprof -top of First, when profiled
	Profile2    string // and of Second
}

// runBulk measures, each from an empty catalog: the limit, the per-row
// sample, the first resync (CPU-profiled when asked), then a second resync
// over the unchanged catalog, and last `zumodra sync-public-catalogs` as a
// child for its peak memory, which leaves the catalog full for what follows.
func (s *suite) runBulk(ctx context.Context) (BulkResult, error) {
	r := BulkResult{Concurrency: s.opts.Concurrency}
	ts := s.gen.Tenants
	var err error
	if r.Limit, err = s.phase(ctx, "limit: INSERT ... SELECT per tenant", true, func() (int, error) {
		return runLimit(ctx, s.pool, ts, s.opts.Concurrency)
	}); err != nil {
		return r, err
	}
	if r.PerRow, err = s.phase(ctx, "original: SELECT then UPDATE/INSERT per row", true, func() (int, error) {
		return runPerRow(ctx, s.pool, ts, s.opts.Concurrency, s.scale.PerRowSample)
	}); err != nil {
		return r, err
	}
	public := s.gen.PublicJobs + s.gen.PublicProviders
	r.PerRowTotal = time.Duration(float64(public) / max(r.PerRow.RowsPerSec(), 1e-9) * float64(time.Second))
	if r.First, err = s.profiled(ctx, "", func() (Phase, error) {
		return s.phase(ctx, "internal/resync, empty catalog", true, s.resync(ctx, false))
	}, &r.Profile); err != nil {
		return r, err
	}
	if r.Second, err = s.profiled(ctx, ".second", func() (Phase, error) {
		return s.phase(ctx, "internal/resync, nothing changed", false, s.resync(ctx, true))
	}, &r.Profile2); err != nil {
		return r, err
	}
	if err := truncateCatalogs(ctx, s.pool); err != nil {
		return r, err
	}
	r.Child, err = runChild(ctx, s.opts.Binary, s.opts.DatabaseURL, "sync-public-catalogs",
		"--json", fmt.Sprintf("--concurrency=%d", s.opts.Concurrency))
	if err != nil {
		return r, err
	}
	r.ChildRows, err = catalogRows(ctx, s.pool)
	return r, err
}

// phase times fn, from an empty catalog when fresh.
func (s *suite) phase(ctx context.Context, name string, fresh bool, fn func() (int, error)) (Phase, error) {
	if fresh {
		if err := truncateCatalogs(ctx, s.pool); err != nil {
			return Phase{}, err
		}
	}
	m := startCPU(ctx, s.pool)
	start := time.Now()
	n, err := fn()
	p := Phase{Name: name, Rows: n, Wall: time.Since(start)}
	p.CPU = m.stop(ctx)
	if err != nil {
		return p, fmt.Errorf("bench: %s: %w", name, err)
	}
	s.logf("  %s: %d rows in %s (%.0f rows/s)", name, n, p.Wall.Round(time.Millisecond), p.RowsPerSec())
	return p, nil
}

// listings are the catalogs whose rows the bulk figures count: the jobs
// and providers the generator makes, not the one company row per tenant.
var listings = []kind.Catalog{kind.Jobs, kind.Providers}

// resync returns a run of internal/resync over every tenant that reports
// the rows it wrote, or, when unchanged, the rows it found unchanged.
func (s *suite) resync(ctx context.Context, unchanged bool) func() (int, error) {
	return func() (int, error) {
		defer memlimit.Batch()() // as sync-public-catalogs runs it
		rep, err := resync.Run(ctx, s.pool, resync.Options{Concurrency: s.opts.Concurrency, Logger: s.opts.Logger})
		if err == nil {
			err = rep.Err()
		}
		n := 0
		for _, c := range listings {
			st := rep.Totals[c]
			if unchanged {
				n += st.Unchanged
				if st.Written > 0 {
					return n, fmt.Errorf("second sync wrote %d %s rows, want none", st.Written, c)
				}
			} else {
				n += st.Written
			}
		}
		return n, err
	}
}

// profiled runs fn under the CPU profiler when Options.CPUProfile is set
// (writing to that path plus suffix), and summarises the profile with go
// tool pprof -top when go is on PATH.
func (s *suite) profiled(ctx context.Context, suffix string, fn func() (Phase, error), summary *string) (Phase, error) {
	if s.opts.CPUProfile == "" {
		return fn()
	}
	path := s.opts.CPUProfile + suffix
	f, err := os.Create(path)
	if err != nil {
		return Phase{}, fmt.Errorf("bench: %w", err)
	}
	defer f.Close()
	if err := pprof.StartCPUProfile(f); err != nil {
		return Phase{}, fmt.Errorf("bench: %w", err)
	}
	p, err := fn()
	pprof.StopCPUProfile()
	*summary = pprofTop(ctx, path)
	return p, err
}

func truncateCatalogs(ctx context.Context, pool *pgxpool.Pool) error {
	if err := apply.EmptyAll(ctx, pool); err != nil {
		return fmt.Errorf("bench: %w", err)
	}
	return nil
}

func catalogRows(ctx context.Context, pool *pgxpool.Pool) (int, error) {
	return catalog.CountAll(ctx, pool, listings)
}
