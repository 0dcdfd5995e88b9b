package bench

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/zumodra/zumodra/internal/dataset"
	"github.com/zumodra/zumodra/internal/resync"
)

// Stages are the benchmarks --only can select, in the order they run.
var Stages = []string{"tenants", "bulk", "propagation", "capture", "read", "freshness"}

// Options configure a run of the suite.
type Options struct {
	Scale       Scale
	Seed        uint64
	DatabaseURL string // a database the suite may fill and truncate; migrated
	Binary      string // the zumodra binary, run as a child (serve, sync, migrate)
	// Notify runs the propagation stage's writers with
	// zumodra.capture_notify = on in their sessions: each capturing commit
	// also sends a NOTIFY, as in a deployment that turned it on.
	Notify bool
	// Serves is how many serve processes the freshness stage runs against
	// one database, each polled in every view; 0 means 1, at most MaxServes.
	Serves int
	// ReadDatabaseURL, when set, names a streaming replica of DatabaseURL:
	// the freshness stage then also measures a serve reading from it.
	ReadDatabaseURL string
	Only            []string // stages to run; empty means all
	Concurrency     int      // tenants in parallel in bulk syncs; default the number of CPUs
	Workers         int      // sync workers of the propagation stage, as serve's --workers; default 2
	OneTenant       bool     // the propagation writers change the jobs of the largest tenant only
	CPUProfile      string   // write a CPU profile of the first bulk sync here
	Command         string   // the command line, for the report
	Out             io.Writer
	Logger          *slog.Logger
}

// MaxServes bounds Options.Serves: each process holds its own search index
// and caches, and a machine runs out of memory and cores before long.
const MaxServes = 8

func (o *Options) wants(stage string) bool { return len(o.Only) == 0 || slices.Contains(o.Only, stage) }

// Validate checks the options and fills in defaults.
func (o *Options) Validate() error {
	for _, st := range o.Only {
		if !slices.Contains(Stages, st) {
			return fmt.Errorf("bench: unknown stage %q (want %s)", st, strings.Join(Stages, ", "))
		}
	}
	if o.DatabaseURL == "" || o.Binary == "" {
		return fmt.Errorf("bench: a database URL and the zumodra binary are required")
	}
	if o.Serves == 0 {
		o.Serves = 1
	}
	if o.Serves < 1 || o.Serves > MaxServes {
		return fmt.Errorf("bench: %d serve processes: want 1 to %d", o.Serves, MaxServes)
	}
	if o.Concurrency <= 0 {
		o.Concurrency = runtime.NumCPU()
	}
	if o.Workers <= 0 {
		o.Workers = 2
	}
	if o.Out == nil {
		o.Out = io.Discard
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	return nil
}

// Results is everything one run measured.
type Results struct {
	Scale       Scale
	Seed        uint64
	Command     string
	Machine     Machine
	Started     time.Time
	Duration    time.Duration
	Generated   dataset.Generated
	Tenants     *TenantsResult
	Bulk        *BulkResult
	Propagation *PropagationResult
	Capture     *CaptureResult
	Read        *ReadResult
	Freshness   *FreshnessResult
	LoadAfter   string // load average when the run ended
}

type suite struct {
	opts  Options
	scale Scale
	pool  *pgxpool.Pool
	gen   dataset.Generated
}

func (s *suite) logf(format string, args ...any) { fmt.Fprintf(s.opts.Out, format+"\n", args...) }

// Run generates the dataset into opts.DatabaseURL, runs the selected
// benchmarks and prints each table to opts.Out as it completes.
func Run(ctx context.Context, opts Options) (Results, error) {
	if err := opts.Validate(); err != nil {
		return Results{}, err
	}
	pool, err := pgxpool.New(ctx, opts.DatabaseURL)
	if err != nil {
		return Results{}, fmt.Errorf("bench: %w", err)
	}
	defer pool.Close()
	s := &suite{opts: opts, scale: opts.Scale, pool: pool}
	res := Results{Scale: opts.Scale, Seed: opts.Seed, Command: opts.Command, Started: time.Now().UTC()}
	res.Machine = describeMachine(ctx, pool)
	s.logf("%s", res.Machine.Markdown())
	if err := s.generate(ctx, &res); err != nil {
		return res, err
	}
	if err := s.stages(ctx, &res); err != nil {
		return res, err
	}
	res.Duration = time.Since(res.Started)
	res.LoadAfter = loadAverage()
	return res, nil
}

func (s *suite) generate(ctx context.Context, res *Results) error {
	s.logf("generating %d tenants, %d jobs, %d providers (seed %d)...", s.scale.Tenants, s.scale.Jobs, s.scale.Providers, s.opts.Seed)
	g, err := dataset.Generate(ctx, s.pool, dataset.Options{Seed: s.opts.Seed, Tenants: s.scale.Tenants, Jobs: s.scale.Jobs,
		Providers: s.scale.Providers, Creators: 4, Loaders: s.opts.Concurrency})
	if err != nil {
		return err
	}
	s.gen, res.Generated = g, g
	s.logf("\n%s", datasetTable(g))
	return nil
}

func (s *suite) stages(ctx context.Context, res *Results) error {
	if s.opts.wants("tenants") {
		t, err := s.runTenants(ctx)
		if err != nil {
			return err
		}
		res.Tenants = &t
		s.logf("\n%s", tenantsTable(t))
	}
	if s.opts.wants("bulk") {
		b, err := s.runBulk(ctx)
		if err != nil {
			return err
		}
		res.Bulk = &b
		s.logf("\n%s\n\n%s", bulkTable(b, res.Generated), memoryTable(b))
		s.logProfiles(b)
	} else if err := s.fillCatalog(ctx); err != nil {
		return err
	}
	if err := s.settleCatalog(ctx); err != nil {
		return err
	}
	if s.opts.wants("propagation") {
		p, err := s.runPropagation(ctx)
		if err != nil {
			return err
		}
		res.Propagation = &p
		s.logf("\n%s", propagationTable(p))
	}
	if s.opts.wants("capture") {
		c, err := s.runCapture(ctx)
		if err != nil {
			return err
		}
		res.Capture = &c
		s.logf("\n%s\n\n%s", writesTable(c), wakesTable(c))
	}
	if s.opts.wants("read") {
		r, err := s.runRead(ctx)
		if err != nil {
			return err
		}
		res.Read = &r
		s.logf("\n%s", readTable(r))
	}
	if s.opts.wants("freshness") {
		f, err := s.runFreshness(ctx)
		if err != nil {
			return err
		}
		res.Freshness = &f
		s.logf("\n%s\n\n%s", freshnessTable(f), footprintTable(f))
	}
	return nil
}

// logProfiles prints the top of the bulk syncs' CPU profiles, when taken.
func (s *suite) logProfiles(b BulkResult) {
	for i, top := range []string{b.Profile, b.Profile2} {
		if top != "" {
			s.logf("\nCPU profile of the %s bulk sync (this process: the Go side only)\n\n%s", []string{"first", "second"}[i], top)
		}
	}
}

// settleCatalog vacuums the catalog tables the bulk sync just wrote, as
// autovacuum does soon after a bulk load, and says how long it took. The
// later stages then measure a catalog at rest, not the first reader of
// every new page setting its hint bits and pruning it: on a server with
// autovacuum off (the shared one of our runs), a serve started first after
// the load took 10 to 12 s to be ready where the next one took 7 to 8.
func (s *suite) settleCatalog(ctx context.Context) error {
	start := time.Now()
	if _, err := s.pool.Exec(ctx, `VACUUM (ANALYZE) `+resync.GrownTables); err != nil {
		return fmt.Errorf("bench: vacuum the catalog: %w", err)
	}
	s.logf("catalog vacuumed after the load in %s", time.Since(start).Round(10*time.Millisecond))
	return nil
}

// fillCatalog syncs the catalog, untimed, for the stages that read it when
// the bulk stage did not run.
func (s *suite) fillCatalog(ctx context.Context) error {
	_, err := s.resync(ctx, false)()
	return err
}
