package bench

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"syscall"
	"time"
)

// The read path is measured from a separate process (wrk) against the real
// handler stack in a child process, beside pgbench -S on the same
// PostgreSQL server as the ceiling.

// ReadResult holds one row per measured URL, and the pgbench ceiling.
type ReadResult struct {
	Conns   int
	For     time.Duration
	Runs    []LoadRun
	PGBench LoadRun
}

// LoadRun is one load generator run.
type LoadRun struct {
	Server   string // what served it
	Target   string // path, or the script's description
	P50, P99 time.Duration
	PerSec   float64
	Requests int
	Non2xx   int
	Note     string
}

// Read-path targets: a search with two filters on the page and on the API.
const (
	careersPath = "/careers/?q=python&job_type=full_time&country=Germany"
	apiPath     = "/api/v1/careers/jobs?q=python&job_type=full_time&country=Germany"
)

func (s *suite) runRead(ctx context.Context) (ReadResult, error) {
	r := ReadResult{Conns: s.scale.ReadConns, For: s.scale.ReadFor}
	if _, err := exec.LookPath("wrk"); err != nil {
		return r, fmt.Errorf("bench: wrk not found: apt-get install -y wrk (scripts/bench.sh does)")
	}
	serve := []string{s.opts.Binary, "serve", "--workers", "0"}
	runs, err := s.loadServer(ctx, "zumodra serve", serve, []string{careersPath, apiPath}, false)
	if err != nil {
		return r, err
	}
	r.Runs = append(r.Runs, runs...)
	if s.opts.BenchServer != "" {
		// Every cache off: what a search costs when no cache answers. The
		// uncached careers page (facet counts over the whole catalog on every
		// request) is helper-4's to measure: it does not finish within wrk's
		// timeout at full scale.
		bs := []string{s.opts.BenchServer, "-cache-ttl=-1s", "-body-ttl=-1s", "-page-ttl=-1s", "-database-url", s.opts.DatabaseURL}
		runs, err := s.loadServer(ctx, "benchserver, caches off", bs, []string{apiPath}, true)
		if err != nil {
			return r, err
		}
		r.Runs = append(r.Runs, runs...)
	}
	r.PGBench, err = s.pgbench(ctx)
	return r, err
}

// loadServer starts a server as a child on a free port, waits until it
// answers, runs wrk on each path (and the rotating script when asked) and
// stops it with SIGTERM.
func (s *suite) loadServer(ctx context.Context, name string, argv, paths []string, rotate bool) ([]LoadRun, error) {
	addr, err := freeAddr()
	if err != nil {
		return nil, err
	}
	cmd := exec.CommandContext(ctx, argv[0], append(argv[1:], "--addr", addr)...)
	if name != "zumodra serve" {
		cmd = exec.CommandContext(ctx, argv[0], append(argv[1:], "-addr", addr)...)
	}
	cmd.Env = childEnv(s.opts.DatabaseURL)
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("bench: start %s: %w", name, err)
	}
	defer func() {
		_ = cmd.Process.Signal(syscall.SIGTERM)
		_ = cmd.Wait()
	}()
	base := "http://" + addr
	if err := waitHTTP(ctx, base+careersPath, 30*time.Second); err != nil {
		return nil, fmt.Errorf("bench: %s: %w", name, err)
	}
	var out []LoadRun
	for _, p := range paths {
		run, err := s.wrk(ctx, base+p)
		if err != nil {
			return out, err
		}
		run.Server, run.Target = name, p
		out = append(out, run)
	}
	if rotate && s.opts.RotateScript != "" {
		run, err := s.wrk(ctx, base, "-s", s.opts.RotateScript)
		if err != nil {
			return out, err
		}
		run.Server, run.Target = name, "API, rotating q/job_type/country (helper-4's rotate.lua)"
		out = append(out, run)
	}
	return out, nil
}

func freeAddr() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", fmt.Errorf("bench: %w", err)
	}
	defer l.Close()
	return l.Addr().String(), nil
}

func waitHTTP(ctx context.Context, url string, limit time.Duration) error {
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) && ctx.Err() == nil {
		res, err := http.Get(url)
		if err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return nil
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	return fmt.Errorf("no 200 from %s within %s", url, limit)
}
