package counts_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"

	"github.com/zumodra/zumodra/internal/changefeed"
	"github.com/zumodra/zumodra/internal/counts"
	"github.com/zumodra/zumodra/internal/kind"
	"github.com/zumodra/zumodra/internal/metrics"
	"github.com/zumodra/zumodra/internal/testdb"
	"github.com/zumodra/zumodra/internal/testfactory"
)

// Many goroutines counting the same rows while flushes run between them
// lose nothing and count nothing twice: the stored sums are exact.
func TestConcurrentCountsSumExactly(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := testdb.New(t)
	_, _, a := publicJob(t, pool)
	_, _, b := publicJob(t, pool)
	c := counts.New(pool, counts.Options{})
	const writers, each = 64, 500
	var wg sync.WaitGroup
	for w := range writers {
		wg.Go(func() {
			for i := range each {
				c.Add(kind.Jobs, a, counts.View)
				if i%5 == 0 {
					c.Add(kind.Jobs, b, counts.Submission)
				}
				if w == 0 && i%100 == 0 {
					if err := c.Flush(ctx); err != nil {
						t.Error(err)
					}
				}
			}
		})
	}
	wg.Wait()
	if err := c.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	if got := stored(t, pool, kind.Jobs, a); got != (counts.Totals{Views: writers * each}) {
		t.Fatalf("job a: %+v, want %d views", got, writers*each)
	}
	if got := stored(t, pool, kind.Jobs, b); got != (counts.Totals{Submissions: writers * each / 5}) {
		t.Fatalf("job b: %+v, want %d submissions", got, writers*each/5)
	}
	if c.Pending() != 0 {
		t.Fatalf("%d rows still pending after the last flush", c.Pending())
	}
}

// Two processes flushing the same rows at once neither deadlock (each
// batch locks its rows in the same order) nor lose an increment.
func TestTwoProcessesFlushTheSameRows(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := testdb.New(t)
	var ids []int64
	for range 4 {
		_, _, id := publicJob(t, pool)
		ids = append(ids, id)
	}
	const rounds = 50
	var wg sync.WaitGroup
	for p := range 2 {
		c := counts.New(pool, counts.Options{})
		wg.Go(func() {
			for range rounds {
				for i := range ids { // the two walk the rows in opposite orders
					id := ids[i]
					if p == 1 {
						id = ids[len(ids)-1-i]
					}
					c.Add(kind.Jobs, id, counts.View)
				}
				if err := c.Flush(ctx); err != nil {
					t.Error(err)
				}
			}
		})
	}
	wg.Wait()
	for _, id := range ids {
		if got := stored(t, pool, kind.Jobs, id); got.Views != 2*rounds {
			t.Errorf("job %d: %d views, want %d", id, got.Views, 2*rounds)
		}
	}
}

// A flush is not a catalog change: the catalog version stays, so no cache
// keyed by it is evicted by counting.
func TestFlushLeavesTheCatalogVersion(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := testdb.New(t)
	_, _, id := publicJob(t, pool)
	before, err := changefeed.Current(ctx, pool)
	if err != nil {
		t.Fatal(err)
	}
	c := counts.New(pool, counts.Options{})
	c.Add(kind.Jobs, id, counts.View)
	if err := c.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	if after, err := changefeed.Current(ctx, pool); err != nil || after != before {
		t.Fatalf("catalog version %d before the flush, %d after (%v)", before, after, err)
	}
	if got := stored(t, pool, kind.Jobs, id); got.Views != 1 {
		t.Fatalf("stored %+v", got)
	}
}

// Totals adds the process's pending counts to the stored ones, so a page
// rendered between flushes is not behind this process's own visitors.
func TestTotalsIncludePending(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := testdb.New(t)
	_, _, id := publicJob(t, pool)
	c := counts.New(pool, counts.Options{})
	c.Add(kind.Jobs, id, counts.View)
	if err := c.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	c.Add(kind.Jobs, id, counts.View)
	c.Submitted(kind.Jobs, id)
	got, err := c.Totals(ctx, kind.Jobs, id)
	if err != nil || got != (counts.Totals{Views: 2, Submissions: 1}) {
		t.Fatalf("totals %+v %v, want 2 views and 1 submission", got, err)
	}
	if s := stored(t, pool, kind.Jobs, id); s != (counts.Totals{Views: 1}) {
		t.Fatalf("stored %+v before the second flush", s)
	}
}

// Ids never public are skipped, and a row whose catalog row is gone keeps
// its count (its public id stays): neither fails the flush, which would
// otherwise hold every other row's counts hostage.
func TestFlushAfterTheRowIsGone(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := testdb.New(t)
	tenantID, sourceID, id := publicJob(t, pool)
	if _, err := pool.Exec(ctx, `DELETE FROM public.job_catalog WHERE id = $1`, id); err != nil {
		t.Fatal(err)
	}
	c := counts.New(pool, counts.Options{})
	c.Add(kind.Jobs, id, counts.View)
	c.Add(kind.Jobs, 1<<62, counts.View)   // never public
	c.Add(kind.Providers, id, counts.View) // a job's id in the other catalog
	if err := c.Flush(ctx); err != nil {
		t.Fatalf("flush: %v", err)
	}
	if got := stored(t, pool, kind.Jobs, id); got.Views != 1 {
		t.Fatalf("the gone row's count: %+v", got)
	}
	if n := rows(t, pool); n != 1 {
		t.Fatalf("%d count rows, want only the once-public job's", n)
	}
	byTenant, err := counts.OfSources(ctx, pool, kind.Jobs, tenantID, []int64{sourceID})
	if err != nil || byTenant[sourceID].Views != 1 {
		t.Fatalf("by source: %v %v", byTenant, err)
	}
}

// A flush that fails keeps its counts for the next one.
func TestFailedFlushKeepsCounts(t *testing.T) {
	t.Parallel()
	pool := testdb.New(t)
	_, _, id := publicJob(t, pool)
	c := counts.New(pool, counts.Options{})
	for range 3 {
		c.Add(kind.Jobs, id, counts.View)
	}
	dead, cancel := context.WithCancel(context.Background())
	cancel()
	if err := c.Flush(dead); err == nil {
		t.Fatal("a flush on a cancelled context succeeded")
	}
	if c.Pending() != 1 {
		t.Fatalf("%d rows pending after the failed flush, want 1", c.Pending())
	}
	c.Add(kind.Jobs, id, counts.View)
	if err := c.Flush(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got := stored(t, pool, kind.Jobs, id); got.Views != 4 {
		t.Fatalf("stored %+v, want 4 views", got)
	}
}

// Memory is bounded: past MaxPending rows, events of new rows are dropped
// and counted as dropped, while rows already held still count.
func TestMaxPendingDropsNewRows(t *testing.T) {
	t.Parallel()
	c := counts.New(nil, counts.Options{MaxPending: 2})
	before := value(t, metrics.CountsDropped.WithLabelValues("view"))
	c.Add(kind.Jobs, 1, counts.View)
	c.Add(kind.Jobs, 2, counts.View)
	c.Add(kind.Jobs, 3, counts.View)
	c.Add(kind.Jobs, 1, counts.View)
	if c.Pending() != 2 {
		t.Fatalf("%d rows pending, want 2", c.Pending())
	}
	// Other tests drop nothing, so the difference is this test's.
	if d := value(t, metrics.CountsDropped.WithLabelValues("view")) - before; d != 1 {
		t.Fatalf("%v views dropped, want 1", d)
	}
}

// Run flushes on its interval and once more when its context ends, so a
// shutdown keeps what was counted.
func TestRunFlushesAtShutdown(t *testing.T) {
	t.Parallel()
	pool := testdb.New(t)
	_, _, id := publicJob(t, pool)
	c := counts.New(pool, counts.Options{Interval: time.Hour})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { c.Run(ctx); close(done) }()
	c.Add(kind.Jobs, id, counts.View)
	c.Add(kind.Jobs, id, counts.View)
	flushed := value(t, metrics.CountsFlushed.WithLabelValues("jobs", "view"))
	cancel()
	<-done
	if got := stored(t, pool, kind.Jobs, id); got.Views != 2 {
		t.Fatalf("stored %+v after shutdown, want 2 views", got)
	}
	if d := value(t, metrics.CountsFlushed.WithLabelValues("jobs", "view")) - flushed; d < 2 {
		t.Fatalf("flushed views metric rose by %v, want at least 2", d)
	}
}

// The count lives beside the catalog, keyed by the stable public id, so a
// catalog rebuilt from scratch, unpublish and republish keep it.
func TestCountSurvivesRebuild(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := testdb.New(t)
	tn := testfactory.Tenant(t, pool, nil)
	j := testfactory.Job(t, pool, tn, nil)
	resyncTenant(t, pool, tn.Slug)
	id := catalogID(t, pool, kind.Jobs, tn.ID, j.ID)
	c := counts.New(pool, counts.Options{})
	for range 7 {
		c.Add(kind.Jobs, id, counts.View)
	}
	c.Submitted(kind.Jobs, id)
	if err := c.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := pool.Exec(ctx, `TRUNCATE public.job_catalog`); err != nil {
		t.Fatal(err)
	}
	resyncTenant(t, pool, tn.Slug)
	if again := catalogID(t, pool, kind.Jobs, tn.ID, j.ID); again != id {
		t.Fatalf("rebuilt row has id %d, was %d", again, id)
	}
	if got := stored(t, pool, kind.Jobs, id); got != (counts.Totals{Views: 7, Submissions: 1}) {
		t.Fatalf("after rebuild: %+v", got)
	}
}

// value reads a counter's current value.
func value(t *testing.T, c prometheus.Counter) float64 {
	t.Helper()
	var m dto.Metric
	if err := c.Write(&m); err != nil {
		t.Fatal(err)
	}
	return m.GetCounter().GetValue()
}
