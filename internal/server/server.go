package server

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/zumodra/zumodra/internal/admin"
	"github.com/zumodra/zumodra/internal/catalog"
	"github.com/zumodra/zumodra/internal/changefeed"
	"github.com/zumodra/zumodra/internal/config"
	"github.com/zumodra/zumodra/internal/counts"
	"github.com/zumodra/zumodra/internal/database"
	"github.com/zumodra/zumodra/internal/live"
	"github.com/zumodra/zumodra/internal/memlimit"
	"github.com/zumodra/zumodra/internal/pgq"
	"github.com/zumodra/zumodra/internal/replica"
	"github.com/zumodra/zumodra/internal/web"
)

// Timeouts protect the server from slow or stuck clients. ReadHeaderTimeout
// closes slowloris connections; WriteTimeout bounds a handler's response.
const (
	ReadHeaderTimeout = 5 * time.Second
	ReadTimeout       = 30 * time.Second
	WriteTimeout      = 60 * time.Second
	IdleTimeout       = 120 * time.Second
	MaxHeaderBytes    = 64 << 10
	// ShutdownTimeout is how long requests in flight get to finish.
	ShutdownTimeout = 20 * time.Second
)

// Server is the HTTP side of `serve` plus whatever runs beside it.
type Server struct {
	Config config.Config
	Pool   *pgxpool.Pool
	// Pools, when set, gives each kind of work its own pool (public
	// reads, writes, admin, readiness); nil serves everything from Pool.
	Pools *database.Pools
	Log   *slog.Logger
	// Background runs until its context ends (the sync workers); nil when
	// there is nothing to run. Its error, other than the context's, fails Run.
	Background func(ctx context.Context) error
	// Ready, when set, is called with the bound address once listening.
	Ready func(addr net.Addr)

	mux      *http.ServeMux       // built once by Handler
	site     *web.Handler         // the public site, whose error pages the fallback uses
	admin    *admin.Handler       // its readiness refresh runs beside the server
	metricsH http.Handler         // /metrics, on the site or on Config.MetricsAddr
	feed     *changefeed.Follower // the read path's view of the catalog version; started by Serve
	catalog  *catalog.Store       // the public read path's catalog; its index is started by Serve
	live     *live.Hub            // the lists' live updates, fed by feed
	replica  *replica.Monitor     // the read replica's state, when the public pool is on one
	counts   *counts.Counter      // views and submissions, flushed beside the server and once after draining
}

// Run listens on Config.Addr and serves until ctx ends, then shuts down in
// order. It returns nil after a clean shutdown.
func (s *Server) Run(ctx context.Context) error {
	ln, err := net.Listen("tcp", s.Config.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", s.Config.Addr, err)
	}
	return s.Serve(ctx, ln)
}

// Serve is Run on a listener the caller made.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	srv, err := s.httpServer()
	if err != nil {
		ln.Close()
		return err
	}
	msrv, mln, err := s.metricsServer()
	if err != nil {
		ln.Close()
		return err
	}
	bgCtx, stopBackground := context.WithCancel(context.WithoutCancel(ctx))
	defer stopBackground()
	// The caches are keyed by the catalog version the follower has seen:
	// it starts from the current one before the first request.
	followed, err := s.followFeed(bgCtx)
	if err != nil {
		ln.Close()
		if mln != nil {
			mln.Close()
		}
		return fmt.Errorf("follow the catalog feed: %w", err)
	}
	var wg sync.WaitGroup
	wg.Go(func() { <-followed })
	wg.Go(func() { s.live.Run(bgCtx, s.feed) })
	wg.Go(func() { memlimit.Follow(bgCtx, s.Config.HeapHeadroom, s.Log) })
	if s.Config.HTTP.SearchIndex {
		// Built in the background: until it is, searches ask PostgreSQL.
		indexed := s.catalog.StartIndex(bgCtx, s.feed, s.Log)
		wg.Go(func() { <-indexed })
	}
	// Live streams never end by themselves: end them as the shutdown
	// starts, so that draining waits only for ordinary requests.
	srv.RegisterOnShutdown(s.live.Close)
	errs := make(chan error, 2)
	wg.Go(func() { s.admin.RunReadiness(bgCtx) })
	if s.replica != nil {
		wg.Go(func() { s.replica.Run(bgCtx) })
	}
	// Background ends after the requests have drained, so the counter's
	// last flush holds every view served.
	wg.Go(func() { s.counts.Run(bgCtx) })
	if s.Pools != nil {
		wg.Go(func() { s.Pools.Watch(bgCtx, s.Log) })
	}
	if s.Background != nil {
		wg.Go(func() {
			if err := s.Background(bgCtx); err != nil && !errors.Is(err, context.Canceled) {
				errs <- fmt.Errorf("workers: %w", err)
			}
		})
	}
	wg.Go(func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			errs <- fmt.Errorf("http: %w", err)
		}
	})
	if msrv != nil {
		s.Log.InfoContext(ctx, "serving metrics", "addr", mln.Addr().String())
		go func() { _ = msrv.Serve(mln) }()
		defer msrv.Close()
	}
	s.Log.InfoContext(ctx, "serving", "addr", ln.Addr().String())
	if s.Ready != nil {
		s.Ready(ln.Addr())
	}
	var runErr error
	select {
	case <-ctx.Done():
		s.Log.Info("shutting down: draining requests", "timeout", ShutdownTimeout.String())
	case runErr = <-errs:
		s.Log.Error("shutting down after an error", "error", runErr)
	}
	return errors.Join(runErr, s.shutdown(srv, stopBackground, &wg, errs))
}

// shutdown stops accepting and drains requests first, so nothing new reaches
// the database, then stops the workers and waits for them.
func (s *Server) shutdown(srv *http.Server, stopBackground context.CancelFunc, wg *sync.WaitGroup, errs chan error) error {
	ctx, cancel := context.WithTimeout(context.Background(), ShutdownTimeout)
	defer cancel()
	err := srv.Shutdown(ctx)
	if err != nil {
		err = fmt.Errorf("drain http: %w", err)
		_ = srv.Close()
	}
	stopBackground()
	wg.Wait()
	close(errs)
	for e := range errs {
		err = errors.Join(err, e)
	}
	s.Log.Info("stopped")
	return err
}

// followFeed starts the catalog feed's follower. When the database is
// unreachable it keeps trying in the background, with backoff, so that
// serve starts during an outage; until then nothing is cached by version.
func (s *Server) followFeed(ctx context.Context) (<-chan error, error) {
	followed, err := s.feed.Start(ctx)
	if err == nil || !pgq.Unavailable(err) {
		return followed, err
	}
	s.Log.WarnContext(ctx, "catalog feed: database unreachable; following it once it answers", "error", err)
	out := make(chan error, 1)
	go func() {
		for wait := time.Second; ; wait = min(2*wait, feedRetryMax) {
			t := time.NewTimer(wait)
			select {
			case <-ctx.Done():
				t.Stop()
				out <- ctx.Err()
				return
			case <-t.C:
			}
			if followed, err := s.feed.Start(ctx); err == nil {
				out <- <-followed
				return
			} else if ctx.Err() == nil {
				s.Log.WarnContext(ctx, "catalog feed: not followed yet; retrying", "retry_in", (2 * wait).String(), "error", err)
			}
		}
	}()
	return out, nil
}

// feedRetryMax caps the backoff of followFeed.
const feedRetryMax = 15 * time.Second

// metricsServer serves /metrics alone on Config.MetricsAddr, and with
// Config.Pprof the runtime's profiles, or is nil when /metrics shares the
// site's address.
func (s *Server) metricsServer() (*http.Server, net.Listener, error) {
	if s.Config.MetricsAddr == "" {
		return nil, nil, nil
	}
	ln, err := net.Listen("tcp", s.Config.MetricsAddr)
	if err != nil {
		return nil, nil, fmt.Errorf("listen on %s for metrics: %w", s.Config.MetricsAddr, err)
	}
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", s.metricsH)
	if s.Config.Pprof {
		mux.Handle("/debug/pprof/", guardMetrics(pprofMux(), s.Config.MetricsToken))
	}
	return &http.Server{Handler: mux, ReadHeaderTimeout: ReadHeaderTimeout, WriteTimeout: WriteTimeout,
		ErrorLog: slog.NewLogLogger(s.Log.Handler(), slog.LevelWarn)}, ln, nil
}

func (s *Server) httpServer() (*http.Server, error) {
	h, err := s.Handler()
	if err != nil {
		return nil, err
	}
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: ReadHeaderTimeout,
		ReadTimeout:       ReadTimeout,
		WriteTimeout:      WriteTimeout,
		IdleTimeout:       IdleTimeout,
		MaxHeaderBytes:    MaxHeaderBytes,
		ErrorLog:          slog.NewLogLogger(s.Log.Handler(), slog.LevelWarn),
		// Requests are not cancelled by the shutdown signal: Shutdown lets
		// them finish within ShutdownTimeout.
		BaseContext: func(net.Listener) context.Context { return context.Background() },
	}, nil
}
