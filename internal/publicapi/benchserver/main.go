// Command benchserver serves the public read path alone (the JSON API and
// the public pages, without workers, admin or tenant API) for load tests
// from a second process. It adds no rate limit: the load generator is one
// client. See docs/BENCHMARKS.md, "Public read path".
//
//	go run ./internal/publicapi/benchserver -database-url 'postgres://postgres@127.0.0.1/zumodra_bench_catalog?pool_max_conns=8' -addr 127.0.0.1:8090
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net/http"
	_ "net/http/pprof" // on -pprof only: a separate listener, never the benchmarked one
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/zumodra/zumodra/internal/catalog"
	"github.com/zumodra/zumodra/internal/httpx"
	"github.com/zumodra/zumodra/internal/intake"
	"github.com/zumodra/zumodra/internal/publicapi"
	"github.com/zumodra/zumodra/internal/web"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "benchserver:", err)
		os.Exit(1)
	}
}

func run() error {
	// The default is read after parsing, so that -h never prints the
	// password DATABASE_URL may hold.
	url := flag.String("database-url", "", "catalog database (default $DATABASE_URL)")
	addr := flag.String("addr", "127.0.0.1:8090", "listen address")
	pprofAddr := flag.String("pprof", "", "serve net/http/pprof on this address too")
	cacheTTL := flag.Duration("cache-ttl", 0, "catalog cache TTL (0: the default 10s; negative: off)")
	bodyTTL := flag.Duration("body-ttl", 0, "API response body cache TTL (0: the default 2s; negative: off)")
	pageTTL := flag.Duration("page-ttl", 0, "rendered page cache TTL of internal/web (0: its default; negative: off)")
	flag.Parse()
	if *url == "" {
		*url = os.Getenv("DATABASE_URL")
	}
	log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	pool, err := pgxpool.New(ctx, *url)
	if err != nil {
		return err
	}
	defer pool.Close()
	store := catalog.New(pool, catalog.Options{CacheTTL: *cacheTTL})
	if err := store.Warm(ctx); err != nil {
		return err
	}
	mux := http.NewServeMux()
	publicapi.New(store, publicapi.Options{Log: log, NoRateLimit: true, BodyTTL: *bodyTTL}).Routes(mux)
	site, err := web.New(web.Config{BaseURL: "http://" + *addr, PageCacheTTL: *pageTTL}, store, intake.New(pool, log), log)
	if err != nil {
		return err
	}
	site.Routes(mux)
	if *pprofAddr != "" {
		go func() { _ = http.ListenAndServe(*pprofAddr, http.DefaultServeMux) }()
	}
	srv := &http.Server{Addr: *addr, ReadHeaderTimeout: 5 * time.Second,
		Handler: httpx.Chain(mux, httpx.Recover(log), httpx.SecurityHeaders(""))}
	go func() {
		<-ctx.Done()
		_ = srv.Shutdown(context.Background())
	}()
	fmt.Println("listening on", *addr)
	if err := srv.ListenAndServe(); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
