package cli

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/zumodra/zumodra/internal/bench"
)

type benchCmd struct {
	app         *App
	scale       string
	out         string
	only        []string
	seed        uint64
	dbName      string
	keep        bool
	concurrency int
	cpuProfile  string
	notify      bool
	oneTenant   bool
	readURL     string
	replica     bool
	serves      int
	command     string

	opts bench.Options // built by Validate
}

func newBenchCommand(app *App) *cobra.Command {
	c := &benchCmd{app: app}
	cmd := &cobra.Command{
		Use:   "bench",
		Short: "Run the benchmark suite on generated data and write the tables to docs/BENCHMARKS.md",
		Long: `Generate a deterministic dataset (tenants created and migrated as in production, their jobs,
providers, skills and categories loaded by COPY) in a scratch database on the configured server,
then measure, in this one run: the bulk sync against a set-based INSERT ... SELECT (the limit)
and the original's per-row SELECT then UPDATE/INSERT, a second sync where nothing changed,
the bulk sync's peak memory as a child process, the propagation delay of the sync workers at
several rates and the highest sustained rate (--notify: with the writers' capture NOTIFY
on), the public read path under wrk against "zumodra serve --api-rate-limit=0", with its result
caches on and off (--result-cache=false), beside pgbench -S, and the time to create and migrate
the tenant schemas, and the freshness a visitor sees: commit to visible over HTTP in every
public view of "zumodra serve" with its workers and caches as shipped, also against a streaming
replica with --read-database-url (or --replica: one the bench makes of the embedded cluster with
pg_basebackup), with serve's start-to-ready time and memory; --serves N runs N
serve processes against the one database (the sync workers in the first only) and polls every
view on each of them.

Scales: tiny (seconds, used by the tests and CI), small (about a minute), medium, large (twice medium), full
(1,000 tenants, 200,000 jobs, 100,000 providers). The scratch database (--database, default zumodra_bench) is dropped first
and, unless --keep, at the end. Needs wrk and pgbench on PATH for the read path.`,
		Example: `  zumodra bench --scale small
  zumodra bench --scale full --out docs/BENCHMARKS.md --cpuprofile bulk.pprof
  zumodra bench --scale small --only bulk,propagation
  zumodra bench --scale small --only propagation --notify
  zumodra bench --scale medium --only freshness --read-database-url postgres://replica/zumodra_bench
  zumodra bench --scale medium --only freshness --serves 2
  zumodra bench --scale medium --only freshness --replica     # DATABASE_URL unset: the embedded cluster`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			c.command = commandLine(cmd)
			return app.run(cmd.Context(), c)
		},
	}
	f := cmd.Flags()
	f.StringVar(&c.scale, "scale", "small", "tiny, small, medium, large (twice medium) or full")
	f.StringVar(&c.out, "out", "", "write the tables into this Markdown file, between the suite's markers")
	f.StringSliceVar(&c.only, "only", nil, "run only these stages: "+strings.Join(bench.Stages, ", "))
	f.Uint64Var(&c.seed, "seed", 1, "dataset seed; the same seed gives the same data")
	f.StringVar(&c.dbName, "database", "zumodra_bench", "scratch database (dropped and recreated; name must start with zumodra_bench)")
	f.BoolVar(&c.keep, "keep", false, "keep the scratch database afterwards")
	f.IntVar(&c.concurrency, "concurrency", 0, "tenants synced in parallel (0: the number of CPUs)")
	f.StringVar(&c.cpuProfile, "cpuprofile", "", "write a CPU profile of the first bulk sync to this file")
	f.StringVar(&c.readURL, "read-database-url", "", "a streaming replica of the server's scratch database: the freshness stage also measures a serve reading from it")
	f.BoolVar(&c.replica, "replica", false, "make a streaming replica of the embedded cluster (pg_basebackup; DATABASE_URL unset) and measure freshness on it too, as --read-database-url does")
	f.IntVar(&c.serves, "serves", 1, fmt.Sprintf("serve processes the freshness stage runs against one database, each polled in every view (1 to %d)", bench.MaxServes))
	f.BoolVar(&c.oneTenant, "one-tenant", false, "run the propagation writers on the jobs of one tenant, the largest, instead of every tenant's")
	f.BoolVar(&c.notify, "notify", false, "run the propagation writers with zumodra.capture_notify = on: each capturing commit also wakes the workers by NOTIFY")
	return cmd
}

// commandLine is the command as typed, for the report: the flags that
// change what is measured, not where the files and the scratch database of
// one machine went.
func commandLine(cmd *cobra.Command) string {
	parts := []string{cmd.CommandPath()}
	cmd.Flags().Visit(func(f *pflag.Flag) {
		if !slices.Contains([]string{"out", "cpuprofile", "database", "keep", "read-database-url"}, f.Name) {
			parts = append(parts, "--"+f.Name+"="+f.Value.String())
		}
	})
	return strings.Join(parts, " ")
}

func (c *benchCmd) Validate() error {
	scale, err := bench.LookupScale(c.scale)
	if err != nil {
		return err
	}
	bin, err := os.Executable()
	if err != nil {
		return fmt.Errorf("bench: find the zumodra binary: %w", err)
	}
	if c.replica && (c.readURL != "" || c.app.Config.DatabaseURL != "") {
		return fmt.Errorf("bench: --replica makes a replica of the embedded cluster: it takes neither DATABASE_URL nor --read-database-url")
	}
	if c.serves < 1 {
		return fmt.Errorf("bench: %d serve processes: want 1 to %d", c.serves, bench.MaxServes)
	}
	c.opts = bench.Options{Scale: scale, Seed: c.seed, Binary: bin, Only: c.only, Concurrency: c.concurrency,
		CPUProfile: c.cpuProfile, Notify: c.notify, ReadDatabaseURL: c.readURL, Serves: c.serves, Out: c.app.Stdout,
		Workers: c.app.Config.Workers, OneTenant: c.oneTenant}
	c.opts.DatabaseURL = "unset" // filled by Run; Validate checks the rest
	return c.opts.Validate()
}

func (c *benchCmd) Run(ctx context.Context) error {
	return c.app.withDB(ctx, func(admin *pgxpool.Pool) error {
		url, drop, err := bench.PrepareDatabase(ctx, admin, c.dbName, c.app.Log)
		if err != nil {
			return err
		}
		if !c.keep {
			defer func() { _ = drop(context.WithoutCancel(ctx)) }()
		}
		c.opts.DatabaseURL, c.opts.Command, c.opts.Logger = url, c.command, c.app.Log
		if !c.replica {
			return c.runSuite(ctx)
		}
		return c.withReplica(ctx, c.dbName, func(replicaURL string) error {
			c.opts.ReadDatabaseURL = replicaURL
			return c.runSuite(ctx)
		})
	})
}

// runSuite runs the benchmarks and writes their tables to --out.
func (c *benchCmd) runSuite(ctx context.Context) error {
	res, err := bench.Run(ctx, c.opts)
	if err != nil {
		return err
	}
	if c.out == "" {
		return nil
	}
	if err := bench.WriteMarkdown(c.out, res); err != nil {
		return err
	}
	fmt.Fprintf(c.app.Stdout, "\nwrote %s\n", c.out)
	return nil
}
