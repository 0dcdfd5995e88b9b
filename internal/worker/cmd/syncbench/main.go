// Command syncbench measures the incremental sync: the delay from a tenant
// transaction's commit to its row being visible in the catalog, at steady
// change rates, and the highest rate the workers sustain. It creates a
// scratch database on the server, migrates it, seeds tenants and jobs, runs
// the workers in-process and drops the database at the end.
//
//	go run ./internal/worker/cmd/syncbench -rates 500,1000 -duration 20s -jobs 5000 -bulk 20000
//
// Visibility is observed without polling: a bench-only trigger on
// public.job_catalog NOTIFYs the new title, which PostgreSQL delivers when
// the worker's transaction commits.
package main

import (
	"cmp"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/pprof"
	"strconv"
	"strings"
	"time"
)

// options of one benchmark run.
type options struct {
	URL      string
	Rates    []int
	Duration time.Duration
	Tenants  int
	Jobs     int // per tenant
	Workers  int
	Writers  int
	Bulk     int // rows of the bulk-statement throughput run; 0 skips it
	Capture  string
	Poll     time.Duration
	Profile  string
}

const localDB = "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"

func parseFlags(args []string) (options, error) {
	fs := flag.NewFlagSet("syncbench", flag.ContinueOnError)
	o := options{}
	rates := fs.String("rates", "500", "comma-separated steady change rates (changes/s) to run in turn")
	// The default is read after parsing, so that -h never prints the
	// password DATABASE_URL may hold.
	fs.StringVar(&o.URL, "db", "", "server to create the scratch database on (a role with CREATEDB); default $DATABASE_URL, else "+localDB)
	fs.DurationVar(&o.Duration, "duration", 20*time.Second, "length of each steady-rate run")
	fs.IntVar(&o.Tenants, "tenants", 4, "tenants")
	fs.IntVar(&o.Jobs, "jobs", 2500, "public jobs per tenant")
	fs.IntVar(&o.Workers, "workers", 2, "sync workers")
	fs.IntVar(&o.Writers, "writers", 16, "writer connections (each change is its own transaction)")
	fs.IntVar(&o.Bulk, "bulk", 10000, "rows changed by one UPDATE for the throughput run (0 to skip)")
	fs.StringVar(&o.Capture, "capture", "notify", "capture variant: notify (as migrated), conditional or poll (see capture.go)")
	fs.StringVar(&o.Profile, "cpuprofile", "", "write a CPU profile of the run to this file")
	fs.DurationVar(&o.Poll, "poll", 0, "worker poll interval (0: the worker default)")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	if o.URL == "" {
		o.URL = cmp.Or(os.Getenv("DATABASE_URL"), localDB)
	}
	for _, s := range strings.Split(*rates, ",") {
		r, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || r <= 0 {
			return o, fmt.Errorf("bad rate %q", s)
		}
		o.Rates = append(o.Rates, r)
	}
	return o, nil
}

func main() {
	o, err := parseFlags(os.Args[1:])
	if err != nil {
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if o.Profile != "" {
		f, err := os.Create(o.Profile)
		if err != nil {
			fmt.Fprintln(os.Stderr, "syncbench:", err)
			os.Exit(1)
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			fmt.Fprintln(os.Stderr, "syncbench:", err)
			os.Exit(1)
		}
		defer pprof.StopCPUProfile()
	}
	if err := run(ctx, o, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "syncbench:", err)
		pprof.StopCPUProfile()
		os.Exit(1)
	}
}

func run(ctx context.Context, o options, out io.Writer) error {
	b, err := setup(ctx, o, out)
	if err != nil {
		return err
	}
	defer b.close()
	for _, r := range o.Rates {
		res, err := b.steady(ctx, r)
		if err != nil {
			return err
		}
		res.print(out)
	}
	if o.Bulk > 0 {
		return b.bulk(ctx, out)
	}
	return nil
}
