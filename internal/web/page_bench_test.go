package web_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/zumodra/zumodra/internal/catalog"
	"github.com/zumodra/zumodra/internal/changefeed"
	"github.com/zumodra/zumodra/internal/dataset"
	"github.com/zumodra/zumodra/internal/intake"
	"github.com/zumodra/zumodra/internal/resync"
	"github.com/zumodra/zumodra/internal/testdb"
	"github.com/zumodra/zumodra/internal/web"
)

// BenchmarkCareersPage serves the benchmark's careers query (search and
// two filters) over a catalog synced from 20,000 generated source jobs
// (dataset.Generate, then the real bulk sync), through the whole
// handler with the catalog's cache as configured in serve, without the
// page cache (pageCache) so every iteration renders.
func BenchmarkCareersPage(b *testing.B) {
	pool := generatedCatalog(b)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	h, err := web.New(web.Config{BaseURL: "https://jobs.example", PageCacheTTL: -1},
		catalog.New(pool, catalog.Options{}), intake.New(pool, log), log)
	if err != nil {
		b.Fatal(err)
	}
	mux := http.NewServeMux()
	h.Routes(mux)
	servePages(b, mux, "/careers/?q=python&job_type=full_time&country=Germany", "/browse-freelancers/?q=design&verified=1")
}

// BenchmarkCareersPageIndexed serves list pages with every result cache
// off and the in-memory search index on, as serve --result-cache=false
// does: what a request costs when nothing it asked before answers it.
func BenchmarkCareersPageIndexed(b *testing.B) {
	pool := generatedCatalog(b)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	feed := changefeed.NewFollower(pool, changefeed.Options{})
	if _, err := feed.Start(ctx); err != nil {
		b.Fatal(err)
	}
	cat := catalog.New(pool, catalog.Options{CacheTTL: -1})
	cat.StartIndex(ctx, feed, log)
	if err := cat.WaitIndexed(ctx, feed.Position()); err != nil {
		b.Fatal(err)
	}
	h, err := web.New(web.Config{BaseURL: "https://jobs.example", PageCacheTTL: -1}, cat, intake.New(pool, log), log)
	if err != nil {
		b.Fatal(err)
	}
	mux := http.NewServeMux()
	h.Routes(mux)
	servePages(b, mux, "/careers/", "/careers/?q=python&job_type=full_time&country=Germany",
		"/careers/?q=engin&sort=newest", "/browse-freelancers/?q=design&verified=1")
}

// servePages runs a sub-benchmark per path through mux, each request
// expecting a 200.
func servePages(b *testing.B, mux *http.ServeMux, paths ...string) {
	for _, path := range paths {
		b.Run(path, func(b *testing.B) {
			start := cpuTime()
			for b.Loop() {
				rec := httptest.NewRecorder()
				mux.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
				if rec.Code != http.StatusOK {
					b.Fatalf("status %d", rec.Code)
				}
			}
			// CPU time is steadier than wall time on a shared machine.
			b.ReportMetric(float64(cpuTime()-start)/float64(b.N), "cpu-ns/op")
		})
	}
}

// generatedCatalog is a database holding 20,000 generated source jobs and
// 10,000 providers, synced into the catalog by the real bulk sync.
func generatedCatalog(b *testing.B) *pgxpool.Pool {
	pool := testdb.New(b)
	ctx := context.Background()
	if _, err := dataset.Generate(ctx, pool, dataset.Options{Seed: 1, Tenants: 50, Jobs: 20000, Providers: 10000}); err != nil {
		b.Fatal(err)
	}
	if _, err := resync.Run(ctx, pool, resync.Options{}); err != nil {
		b.Fatal(err)
	}
	return pool
}

// cpuTime is the process's user and system CPU time so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
