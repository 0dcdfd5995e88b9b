package server

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"testing"
	"time"

	"github.com/zumodra/zumodra/internal/config"
	"github.com/zumodra/zumodra/internal/testdb"
)

func newServer(t *testing.T, background func(context.Context) error) (*Server, net.Listener) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	cfg := config.Default()
	return &Server{Config: cfg, Pool: testdb.New(t), Log: slog.New(slog.DiscardHandler), Background: background}, ln
}

// Shutdown order: HTTP stops accepting before the workers are told to stop,
// and Serve returns only once they have.
func TestShutdownStopsHTTPBeforeWorkers(t *testing.T) {
	t.Parallel()
	workersStopped := false
	var acceptedDuringWorkerStop error
	var s *Server
	var ln net.Listener
	s, ln = newServer(t, func(ctx context.Context) error {
		<-ctx.Done()
		_, acceptedDuringWorkerStop = net.DialTimeout("tcp", ln.Addr().String(), time.Second)
		workersStopped = true
		return ctx.Err()
	})
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan struct{})
	s.Ready = func(net.Addr) { close(ready) }
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, ln) }()
	<-ready
	resp, err := http.Get("http://" + ln.Addr().String() + "/healthz")
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("GET /healthz: %v %v", resp, err)
	}
	resp.Body.Close()
	if resp.Header.Get("Content-Security-Policy") == "" {
		t.Fatal("the shared middleware is not wrapped around the routes")
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("Serve after a clean shutdown: %v", err)
	}
	if !workersStopped {
		t.Fatal("Serve returned before the workers stopped")
	}
	if acceptedDuringWorkerStop == nil {
		t.Fatal("HTTP still accepted connections while the workers were stopping")
	}
}

// A worker failure is not swallowed: the server shuts down and says why.
func TestWorkerFailureStopsTheServer(t *testing.T) {
	t.Parallel()
	boom := errors.New("listen connection lost")
	s, ln := newServer(t, func(context.Context) error { return boom })
	err := s.Serve(context.Background(), ln)
	if !errors.Is(err, boom) {
		t.Fatalf("Serve = %v, want the workers' error", err)
	}
}

func TestServesKnowsTheMountedRoutes(t *testing.T) {
	t.Parallel()
	s, ln := newServer(t, nil)
	ln.Close()
	if _, err := s.Handler(); err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]bool{"/": true, "/careers/": true, "/browse-freelancers/": true, "/api/openapi.json": true,
		"/metrics": true, "/healthz": true, "/nowhere": false} {
		if got := s.Serves(path); got != want {
			t.Errorf("Serves(%s) = %v, want %v", path, got, want)
		}
	}
}
