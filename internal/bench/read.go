package bench

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"strings"
	"time"
)

// The read path is measured from a separate process (wrk) against the real
// server, `zumodra serve` in a child process, beside pgbench -S on the same
// PostgreSQL server as the ceiling. The load generator is one client, so
// serve runs with --api-rate-limit=0; the second run turns the result caches
// off to measure what a search costs when no cache answers.

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

// Read-path targets: a search with two filters on the page and on the API,
// and the same lists without any parameter.
const (
	careersPath = "/careers/?q=python&job_type=full_time&country=Germany"
	apiPath     = "/api/v1/careers/jobs?q=python&job_type=full_time&country=Germany"
	careersList = "/careers/"
	apiList     = "/api/v1/careers/jobs"
)

// serverRun is one configuration of `zumodra serve` under load: fixed
// paths, then the rotating mix (searchMix) on each list of rotate.
type serverRun struct {
	flags  []string
	paths  []string
	rotate []string
}

var serverRuns = []serverRun{
	{flags: []string{"--api-rate-limit=0"}, paths: []string{careersPath, apiPath}},
	// No result cache: what a request costs when nothing it asked before
	// answers it. The rotating mix never repeats a request within
	// mixSize requests.
	{flags: []string{"--api-rate-limit=0", "--result-cache=false"}, paths: []string{apiList, apiPath},
		rotate: []string{apiList, careersList}},
	// The same without the in-memory search index: every search, facet
	// and total from PostgreSQL, the alternative the index replaced.
	{flags: []string{"--api-rate-limit=0", "--result-cache=false", "--search-index=false"}, paths: []string{apiList, apiPath},
		rotate: []string{apiList, careersList}},
}

func (s *suite) runRead(ctx context.Context) (ReadResult, error) {
	r := ReadResult{Conns: s.scale.ReadConns, For: s.scale.ReadFor}
	if _, err := exec.LookPath("wrk"); err != nil {
		return r, fmt.Errorf("bench: wrk not found: apt-get install -y wrk (scripts/bench.sh does)")
	}
	for _, sr := range serverRuns {
		runs, err := s.loadServer(ctx, sr)
		if err != nil {
			return r, err
		}
		r.Runs = append(r.Runs, runs...)
	}
	var err error
	r.PGBench, err = s.pgbench(ctx)
	return r, err
}

// writeScript writes a wrk script to a temporary file.
func writeScript(text string) (string, error) {
	f, err := os.CreateTemp("", "zumodra-bench-*.lua")
	if err != nil {
		return "", fmt.Errorf("bench: %w", err)
	}
	defer f.Close()
	if _, err := f.WriteString(text); err != nil {
		return "", fmt.Errorf("bench: %w", err)
	}
	return f.Name(), nil
}

// loadServer starts `zumodra serve` with sr's flags as a child on a free
// port, waits until it answers, runs wrk on each path (and the rotating
// mix on each rotating list) and stops it with SIGTERM.
func (s *suite) loadServer(ctx context.Context, sr serverRun) ([]LoadRun, error) {
	child, err := s.startServe(ctx, append([]string{"--workers", "0"}, sr.flags...)...)
	if err != nil {
		return nil, err
	}
	defer child.stop()
	base, name := child.base, "zumodra serve "+strings.Join(sr.flags, " ")
	var out []LoadRun
	for _, p := range sr.paths {
		run, err := s.wrk(ctx, base+p)
		if err != nil {
			return out, err
		}
		run.Server, run.Target = name, p
		out = append(out, run)
	}
	mix := searchMix(s.opts.Seed, mixSize)
	for _, p := range sr.rotate {
		run, err := s.wrkMix(ctx, base, p, mix)
		if err != nil {
			return out, err
		}
		run.Server = name
		run.Target = fmt.Sprintf("%s, rotating %d searches/filters/sorts", p, len(mix))
		out = append(out, run)
	}
	// What the process cost to hold: its peak resident set over the runs,
	// and its time from start to ready (with the search index, the build).
	if len(out) > 0 {
		_, peak := child.memory()
		out[0].Note = fmt.Sprintf("ready %s after start; %d MiB peak resident", child.Ready.Round(10*time.Millisecond), peak>>20)
	}
	return out, nil
}

// wrkMix runs wrk rotating over path with each query of mix.
func (s *suite) wrkMix(ctx context.Context, base, path string, mix []string) (LoadRun, error) {
	script, err := writeScript(mixScript(path, mix))
	if err != nil {
		return LoadRun{}, err
	}
	defer os.Remove(script)
	return s.wrk(ctx, base, "-s", script)
}

func freeAddr() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", fmt.Errorf("bench: %w", err)
	}
	defer l.Close()
	return l.Addr().String(), nil
}
