package worker_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/resync"
	"github.com/zumodra/zumodra/internal/testfactory"
	"github.com/zumodra/zumodra/internal/worker"
)

// convergenceSize is the CI run; ZUMODRA_CONVERGENCE_LONG=1 runs a larger
// one. ZUMODRA_CONVERGENCE_SEED replays another seed.
type convergenceSize struct{ tenants, writers, ops int }

func convergenceParams(t *testing.T) (convergenceSize, uint64) {
	size := convergenceSize{tenants: 4, writers: 4, ops: 150}
	if os.Getenv("ZUMODRA_CONVERGENCE_LONG") == "1" {
		size = convergenceSize{tenants: 8, writers: 8, ops: 1500}
	}
	seed := uint64(20261128)
	if s := os.Getenv("ZUMODRA_CONVERGENCE_SEED"); s != "" {
		n, err := strconv.ParseUint(s, 10, 64)
		if err != nil {
			t.Fatalf("ZUMODRA_CONVERGENCE_SEED: %v", err)
		}
		seed = n
	}
	t.Logf("seed %d, %+v", seed, size)
	return size, seed
}

// TestConvergence: writers apply random operations across several tenants
// while three workers with small batches run, one of them killed again and
// again mid-transaction. Once the writers stop and the outbox drains, the
// catalog must be exactly the projection of the sources (invariant 1), with
// no dead letter (nothing lost, invariant 4). Bulk resyncs run beside them.
func TestConvergence(t *testing.T) {
	t.Parallel()
	size, seed := convergenceParams(t)
	small := worker.Config{Workers: 1, BatchSize: 5, PageSize: 7, PollInterval: 5 * time.Millisecond, ShutdownGrace: -1}
	e := newEnv(t, small)
	var tns []domain.Tenant
	for range size.tenants {
		tn := testfactory.Tenant(t, e.db, nil)
		for range 3 {
			testfactory.JobCategory(t, e.db, tn, nil)
			testfactory.ProviderCategory(t, e.db, tn, nil)
		}
		tns = append(tns, tn)
	}
	stopA := start(t, e, small)
	stopB := start(t, e, small)
	ctx, stopCrasher := context.WithCancel(e.ctx)
	crashed, crasherDone := runCrasher(t, e, small, ctx, seed)
	resyncs, resyncDone := runResyncs(t, e, ctx)

	var wg sync.WaitGroup
	for w := range size.writers {
		wg.Go(func() {
			rng := rand.New(rand.NewPCG(seed, uint64(w)))
			for i := range size.ops {
				tn := tns[rng.IntN(len(tns))]
				if err := randomOp(e, rng, tn, w*size.ops+i); err != nil && !benign(err) {
					t.Errorf("writer %d op %d: %v", w, i, err)
					return
				}
			}
		})
	}
	wg.Wait()
	// End with every tenant active, so the final comparison covers a full
	// catalog rather than suspended, empty ones (and activation is one more
	// full pass racing the crashes).
	if _, err := e.db.Exec(e.ctx, `UPDATE public.tenants SET status = 'active' WHERE status <> 'active'`); err != nil {
		t.Fatal(err)
	}
	stopCrasher()
	<-crasherDone
	<-resyncDone
	e.drain()
	stopA()
	stopB()
	e.drain()

	if n := e.outboxCount(); n != 0 {
		dead := e.count(`SELECT count(*) FROM public.sync_outbox WHERE dead_at IS NOT NULL`)
		t.Fatalf("outbox holds %d rows (%d dead letters) after draining", n, dead)
	}
	if crashed.Load() == 0 {
		t.Fatal("the crashing worker never died mid-transaction: the test proved nothing about crashes")
	}
	jobs := e.count(`SELECT count(*) FROM public.job_catalog`)
	providers := e.count(`SELECT count(*) FROM public.provider_catalog`)
	if jobs == 0 || providers == 0 {
		t.Fatalf("catalog has %d jobs, %d providers: the workload published nothing", jobs, providers)
	}
	if resyncs.Load() == 0 {
		t.Fatal("no bulk resync completed beside the workers")
	}
	t.Logf("%d crashes, %d bulk resyncs; catalog: %d jobs, %d providers", crashed.Load(), resyncs.Load(), jobs, providers)
	testfactory.RequireConverged(t, e.db)
}

// runCrasher runs a worker whose batches are killed: cancelled just before
// commit (every step done, nothing committed) or at a random moment.
func runCrasher(t *testing.T, e *env, cfg worker.Config, ctx context.Context, seed uint64) (*atomic.Int64, chan struct{}) {
	p, err := worker.New(e.db, cfg)
	if err != nil {
		t.Fatal(err)
	}
	var crashed atomic.Int64
	done := make(chan struct{})
	go func() {
		defer close(done)
		rng := rand.New(rand.NewPCG(seed, 1<<32))
		for ctx.Err() == nil {
			bctx, kill := context.WithCancel(e.ctx)
			mode := rng.IntN(3)
			worker.SetBeforeCommit(p, func(context.Context) {
				if mode == 0 {
					kill()
				}
			})
			if mode == 1 {
				timer := time.AfterFunc(time.Duration(rng.IntN(4000))*time.Microsecond, kill)
				defer timer.Stop()
			}
			b, err := p.ProcessBatch(bctx)
			if err != nil && bctx.Err() == nil {
				t.Errorf("crasher batch: %v", err)
			}
			if err != nil && b.Claimed > 0 {
				crashed.Add(1)
			}
			kill()
			if !b.Found {
				time.Sleep(2 * time.Millisecond) // idle: let the writers get ahead
			}
		}
	}()
	return &crashed, done
}

// runResyncs runs bulk resyncs of every tenant, in small pages, beside the
// workers until ctx ends: bulk and incremental sync share the tenant lock
// and the apply code, and must converge together.
func runResyncs(t *testing.T, e *env, ctx context.Context) (*atomic.Int64, chan struct{}) {
	var n atomic.Int64
	done := make(chan struct{})
	go func() {
		defer close(done)
		for ctx.Err() == nil {
			rep, err := resync.Run(ctx, e.db, resync.Options{BatchSize: 4, Concurrency: 2})
			if ctx.Err() != nil {
				return
			}
			if err != nil || rep.Err() != nil {
				t.Errorf("resync beside the workers: %v %v", err, rep.Err())
				return
			}
			n.Add(1)
		}
	}()
	return &n, done
}

// benign errors are the writers' own: two of them deleting or updating the
// same rows in opposite orders, or adding a skill a provider already has.
func benign(err error) bool {
	var pgErr *pgconn.PgError
	return errors.As(err, &pgErr) && (pgErr.Code == "40P01" || pgErr.Code == "23505")
}

func sqlf(tn domain.Tenant, sql string) string { return fmt.Sprintf(sql, schemaOf(tn)) }
