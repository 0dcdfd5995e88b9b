package bench

import (
	"context"
	"fmt"
	"math/rand/v2"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/zumodra/zumodra/internal/catalog"
	"github.com/zumodra/zumodra/internal/kind"
	"github.com/zumodra/zumodra/internal/worker"
)

// PropagationResult holds the delay from commit to catalog at each offered
// rate, and the highest rate the workers sustained.
type PropagationResult struct {
	Workers   int
	Writers   int
	Rates     []RateResult
	Ramp      []RampStep
	Sustained float64 // highest achieved commit rate at which the outbox did not grow
	Notify    bool    // the writers committed with capture NOTIFY on
	OneTenant bool    // the writers changed one tenant's jobs only
}

// RateResult is one paced run of single-row updates.
type RateResult struct {
	Offered            int // changes per second asked
	Committed          int
	Achieved           float64 // commits per second actually made
	Seen, Unseen       int     // changes seen in the catalog, and not within the grace period
	P50, P95, P99, Max time.Duration
}

// target is a public job whose updates the watcher looks for.
type target struct {
	tenantID, sourceID int64
	table              string // quoted schema.job_postings
}

// runPropagation starts the sync workers in this process (worker.Pool, as
// `zumodra serve` runs them), then offers each rate in turn, then ramps up
// until the outbox grows.
func (s *suite) runPropagation(ctx context.Context) (PropagationResult, error) {
	r := PropagationResult{Workers: s.opts.Workers, Writers: 32, Notify: s.opts.Notify, OneTenant: s.opts.OneTenant}
	targets, err := s.targets(ctx)
	if err != nil {
		return r, err
	}
	trace := newSQLTrace()
	workerDB, err := s.tracedPool(ctx, int32(max(8, r.Workers+2)), trace)
	if err != nil {
		return r, err
	}
	defer workerDB.Close()
	writerDB, err := s.writerPool(ctx, int32(r.Writers))
	if err != nil {
		return r, err
	}
	defer writerDB.Close()
	var sink atomic.Pointer[watcher]
	var shape batchShape
	wp, err := worker.New(workerDB, worker.Config{Workers: r.Workers, Logger: s.opts.Logger, Name: "bench",
		AfterCommit: func(b worker.Batch) {
			shape.add(b)
			if wa := sink.Load(); wa != nil {
				wa.applied(b)
			}
		}})
	if err != nil {
		return r, err
	}
	wctx, stop := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { _ = wp.Run(wctx); close(done) }()
	defer func() { stop(); <-done }()
	w := &writers{db: writerDB, n: r.Writers, targets: targets}
	for _, rate := range s.scale.Rates {
		rr, err := s.profiledRate(ctx, trace, &shape, rate, func() (RateResult, error) { return s.measureRate(ctx, w, &sink, rate) })
		if err != nil {
			return r, err
		}
		s.logf("  %d changes/s offered: %.0f committed/s, p50 %s p99 %s", rate, rr.Achieved, rr.P50, rr.P99)
		r.Rates = append(r.Rates, rr)
	}
	r.Ramp, r.Sustained, err = s.ramp(ctx, w)
	return r, err
}

func (s *suite) extraPool(ctx context.Context, conns int32) (*pgxpool.Pool, error) {
	return s.tracedPool(ctx, conns, nil)
}

// tracedPool is extraPool with a statement tracer (nil for none).
func (s *suite) tracedPool(ctx context.Context, conns int32, trace *sqlTrace) (*pgxpool.Pool, error) {
	cfg, err := pgxpool.ParseConfig(s.opts.DatabaseURL)
	if err != nil {
		return nil, fmt.Errorf("bench: %w", err)
	}
	cfg.MaxConns, cfg.MinConns = conns, conns
	if trace != nil {
		cfg.ConnConfig.Tracer = trace
		cfg.ConnConfig.RuntimeParams["application_name"] = syncApplication
	}
	return pgxpool.NewWithConfig(ctx, cfg)
}

// writerPool is the writers' pool; with Notify their sessions turn the
// capture triggers' NOTIFY on, the setting an operator may choose.
func (s *suite) writerPool(ctx context.Context, conns int32) (*pgxpool.Pool, error) {
	return s.writerPoolNotify(ctx, conns, s.opts.Notify)
}

func (s *suite) writerPoolNotify(ctx context.Context, conns int32, notify bool) (*pgxpool.Pool, error) {
	cfg, err := pgxpool.ParseConfig(s.opts.DatabaseURL)
	if err != nil {
		return nil, fmt.Errorf("bench: %w", err)
	}
	cfg.MaxConns, cfg.MinConns = conns, conns
	if notify {
		cfg.ConnConfig.RuntimeParams["zumodra.capture_notify"] = "on"
	}
	return pgxpool.NewWithConfig(ctx, cfg)
}

// targets picks up to 20,000 public jobs, spread over every tenant, in a
// fixed shuffled order.
func (s *suite) targets(ctx context.Context) ([]target, error) {
	schemas := map[int64]string{}
	for _, t := range s.gen.Tenants {
		schemas[t.ID] = pgx.Identifier{t.SchemaName, "job_postings"}.Sanitize()
	}
	origins, err := catalog.SampleOrigins(ctx, s.pool, kind.Jobs, 20000)
	if err == nil && len(origins) == 0 {
		err = fmt.Errorf("no public job to update")
	}
	if err != nil {
		return nil, fmt.Errorf("bench: pick targets: %w", err)
	}
	out := make([]target, len(origins))
	for i, o := range origins {
		out[i] = target{o.TenantID, o.SourceID, schemas[o.TenantID]}
	}
	if s.opts.OneTenant {
		out = ofLargestTenant(out)
	}
	rand.New(rand.NewPCG(s.opts.Seed, 7)).Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out, nil
}

// ofLargestTenant keeps the targets of the tenant with the most: every
// change then waits for the one worker that holds that tenant's lock.
func ofLargestTenant(ts []target) []target {
	n := map[int64]int{}
	var best int64
	for _, t := range ts {
		n[t.tenantID]++
		if n[t.tenantID] > n[best] {
			best = t.tenantID
		}
	}
	var out []target
	for _, t := range ts {
		if t.tenantID == best {
			out = append(out, t)
		}
	}
	return out
}
