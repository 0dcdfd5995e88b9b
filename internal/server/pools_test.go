package server

import (
	"context"
	"log/slog"
	"net"
	"net/http"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/zumodra/zumodra/internal/config"
	"github.com/zumodra/zumodra/internal/database"
	"github.com/zumodra/zumodra/internal/testdb"
	"github.com/zumodra/zumodra/internal/testfactory"
)

// Workers with a pool of 2 still apply: the LISTEN connection is their
// own and the periodic verify and cleanup (run at once here, each holding
// its lock's connection) have a pool of their own.
func TestWorkersApplyWithAPoolOfTwo(t *testing.T) {
	t.Parallel()
	pool := testdb.New(t)
	limits := database.DefaultLimits()
	w := limits[database.RoleWorker]
	w.MaxConns = 2
	limits[database.RoleWorker] = w
	pools, err := database.OpenPools(pool, limits, database.RoleWorker)
	if err != nil {
		t.Fatal(err)
	}
	defer pools.Close()
	run, err := Workers(pools, 2, config.SyncTiming{PollInterval: 50 * time.Millisecond, VerifyInterval: time.Hour, CleanupInterval: time.Hour},
		365*24*time.Hour, config.Notify{}, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- run(ctx) }()
	defer func() { cancel(); <-done }()
	tn := testfactory.Tenant(t, pool, nil)
	for range 5 {
		testfactory.Job(t, pool, tn, nil)
	}
	waitFor(t, 20*time.Second, "5 jobs in the catalog", func() bool {
		var n int
		return pool.QueryRow(context.Background(), `SELECT count(*) FROM public.job_catalog`).Scan(&n) == nil && n == 5
	})
}

// waitFor polls cond (a database read: no signal reaches the test from
// another process's commit) until it holds or the limit passes.
func waitFor(t *testing.T, limit time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("no %s within %s", what, limit)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// /readyz answers 200 while 50 clients hammer the site through pools far
// smaller than they are.
func TestReadyUnderFiftyClients(t *testing.T) {
	t.Parallel()
	s := newSite(t, func(c *config.Config) {
		l := c.DB
		p := l[database.RolePublic]
		p.MaxConns = 2
		l[database.RolePublic] = p
	})
	waitFor(t, 20*time.Second, "ready before the load", func() bool { // the search index built
		resp, _ := s.do(http.MethodGet, "/readyz", "", nil)
		return resp.StatusCode == http.StatusOK
	})
	stop := make(chan struct{})
	var wg sync.WaitGroup
	var hammered atomic.Int64
	client := &http.Client{Timeout: 30 * time.Second}
	for range 50 {
		wg.Go(func() {
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				path := []string{"/careers/?q=engineer", "/api/v1/careers/jobs?sort=newest", "/browse-freelancers/"}[i%3]
				resp, err := client.Get(s.url + path)
				if err == nil {
					resp.Body.Close()
					hammered.Add(1)
				}
			}
		})
	}
	for hammered.Load() < 50 { // every client is under way
		runtime.Gosched()
	}
	for i := range 20 {
		resp, body := s.do(http.MethodGet, "/readyz", "", nil)
		if resp.StatusCode != http.StatusOK {
			t.Errorf("probe %d under load: %d %s", i, resp.StatusCode, body)
		}
	}
	close(stop)
	wg.Wait()
	if hammered.Load() == 0 {
		t.Fatal("the load never reached the site")
	}
}

// The catalog feed's LISTEN connection is its own: with a public pool of
// one connection the pages still answer while the feed listens.
func TestPublicPoolOfOneServesWhileTheFeedListens(t *testing.T) {
	t.Parallel()
	pool := testdb.New(t)
	limits := database.DefaultLimits()
	p := limits[database.RolePublic]
	p.MaxConns = 1
	limits[database.RolePublic] = p
	pools, err := database.OpenPools(pool, limits, serveRolesForTest...)
	if err != nil {
		t.Fatal(err)
	}
	defer pools.Close()
	cfg := config.Default()
	cfg.HTTP.ResultCache = false
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &Server{Config: cfg, Pool: pool, Pools: pools, Log: slog.New(slog.DiscardHandler)}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, ln) }()
	defer func() { cancel(); <-done }()
	waitFor(t, 20*time.Second, "the feed listening", func() bool { return s.feed != nil && s.feed.Listening() })
	client := &http.Client{Timeout: 10 * time.Second}
	for _, path := range []string{"/careers/?q=engineer", "/api/v1/careers/jobs", "/browse-freelancers/"} {
		resp, err := client.Get("http://" + ln.Addr().String() + path)
		if err != nil {
			t.Fatalf("GET %s with a public pool of one: %v", path, err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Errorf("GET %s: %d", path, resp.StatusCode)
		}
	}
}
