package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/zumodra/zumodra/internal/kind"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/spf13/cobra"

	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/logging"
	"github.com/zumodra/zumodra/internal/memlimit"
	"github.com/zumodra/zumodra/internal/ops"
	"github.com/zumodra/zumodra/internal/outbox"
	"github.com/zumodra/zumodra/internal/resync"
	"github.com/zumodra/zumodra/internal/source"
)

type syncCatalogsCmd struct {
	app         *App
	async       bool
	dryRun      bool
	full        bool
	json        bool
	catalog     string
	tenant      string
	batchSize   int
	concurrency int
	now         func() time.Time

	catalogs []kind.Catalog // from --catalog, by Validate
}

func newSyncPublicCatalogsCommand(app *App) *cobra.Command {
	c := &syncCatalogsCmd{app: app, now: time.Now}
	cmd := &cobra.Command{
		Use:   "sync-public-catalogs",
		Short: "Bulk (re)sync the public catalogs from the tenant schemas, or queue it for the workers",
		Long: `Bring the public job, provider and company catalogs in line with every tenant's source rows, through
the same projection and apply code as the sync workers: rows that should be public are written
(unchanged ones skipped), rows that should not are removed. Prints, per tenant, eligible,
synced, removed, skipped (unchanged) and errors, then a summary.

--async queues one full resync per tenant and catalog for the workers and returns at once.
--dry-run counts what a real run would do and writes nothing.
Exit status 1 when any row or tenant failed; 2 for an unknown tenant or catalog.`,
		Example: `  zumodra sync-public-catalogs
  zumodra sync-public-catalogs --async
  zumodra sync-public-catalogs --catalog=jobs --tenant=democompany
  zumodra sync-public-catalogs --dry-run --json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return app.run(cmd.Context(), c) },
	}
	f := cmd.Flags()
	f.BoolVar(&c.async, "async", false, "queue the resyncs for the workers and return at once")
	f.StringVar(&c.catalog, "catalog", "all", "jobs, providers, companies or all")
	f.StringVar(&c.tenant, "tenant", "", "only this tenant (slug)")
	f.BoolVar(&c.dryRun, "dry-run", false, "count what would change; write nothing")
	f.BoolVar(&c.full, "full", false, "read and project every source row, even those whose inputs have not changed since their catalog row was made")
	f.BoolVar(&c.json, "json", false, "print the result as JSON")
	f.IntVar(&c.batchSize, "batch-size", 0, "source rows per transaction (0: 1000)")
	f.IntVar(&c.concurrency, "concurrency", 0, "tenants synced in parallel (0: the number of CPUs)")
	return cmd
}

func (c *syncCatalogsCmd) Validate() error {
	var err error
	if c.catalogs, err = ops.ParseCatalog(c.catalog); err != nil {
		return err
	}
	if c.async && (c.dryRun || c.full) {
		return fmt.Errorf("--async excludes --dry-run and --full")
	}
	if c.batchSize < 0 || c.concurrency < 0 {
		return fmt.Errorf("--batch-size and --concurrency must not be negative")
	}
	if c.tenant != "" {
		return domain.ValidateSlug(c.tenant)
	}
	return nil
}

func (c *syncCatalogsCmd) Run(ctx context.Context) error {
	return c.app.withDB(ctx, func(pool *pgxpool.Pool) error {
		ts, err := namedTenants(ctx, pool, c.tenant)
		if err != nil {
			return err
		}
		if c.async {
			return c.enqueue(ctx, pool, ts)
		}
		return c.sync(ctx, pool, ts)
	})
}

// namedTenants returns the tenant named by --tenant, or all; an unknown
// slug is the caller's mistake (exit 2), not a failure.
func namedTenants(ctx context.Context, pool *pgxpool.Pool, slug string) ([]domain.Tenant, error) {
	if slug == "" {
		return source.ListTenants(ctx, pool)
	}
	t, err := source.LoadTenantBySlug(ctx, pool, slug)
	if domain.IsNotFound(err) {
		return nil, usageErrorf("unknown tenant %q (see: zumodra tenants list)", slug)
	}
	return []domain.Tenant{t}, err
}

func (c *syncCatalogsCmd) selected() []kind.Catalog {
	if len(c.catalogs) == 0 {
		return kind.All
	}
	return c.catalogs
}

func (c *syncCatalogsCmd) sync(ctx context.Context, pool *pgxpool.Pool, ts []domain.Tenant) error {
	start := c.now()
	opts := resync.Options{Catalogs: c.selected(), DryRun: c.dryRun, Full: c.full, BatchSize: c.batchSize,
		Concurrency: c.concurrency, Logger: c.app.Log}
	if c.tenant != "" {
		opts.TenantSlugs = []string{c.tenant}
	}
	tty := !c.json && logging.IsTerminal(c.app.Stdout)
	if !c.json {
		c.header(ts)
	}
	var bar *progress
	if tty {
		bar = newProgress(c.app.Stdout, true, "tenants", c.now)
		opts.Progress = func(p resync.Progress) { bar.update(p.TenantsDone, p.TenantsTotal) }
	}
	defer memlimit.Batch()()
	rep, err := resync.Run(ctx, pool, opts)
	if bar != nil {
		bar.update(len(ts), len(ts))
	}
	if err != nil {
		return err
	}
	elapsed := c.now().Sub(start)
	if c.json {
		if err := json.NewEncoder(c.app.Stdout).Encode(syncJSON(rep, ts, c.selected(), elapsed)); err != nil {
			return err
		}
	} else {
		printSyncReport(c.app.Stdout, rep, ts, c.selected(), elapsed)
	}
	if rerr := rep.Err(); rerr != nil {
		return exitError{code: ExitFailure, msg: "sync finished with errors: " + opsFirstLine(rerr.Error())}
	}
	return nil
}

func (c *syncCatalogsCmd) header(ts []domain.Tenant) {
	mode := "SYNC"
	if c.async {
		mode = "ASYNC"
	} else if c.dryRun {
		mode = "DRY RUN (nothing is written)"
	}
	w := c.app.Stdout
	opsBanner(w, "Sync Public Catalogs")
	fmt.Fprintf(w, "Mode: %s\nCatalog: %s\nTenants: %d\n", mode, c.catalog, len(ts))
}

// enqueue inserts one full-resync request per tenant and catalog, in one
// transaction (all queued or none), for the workers to pick up.
func (c *syncCatalogsCmd) enqueue(ctx context.Context, pool *pgxpool.Pool, ts []domain.Tenant) error {
	start := c.now()
	err := pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error {
		for _, t := range ts {
			for _, cat := range c.selected() {
				if err := outbox.Enqueue(ctx, tx, t.ID, wholeEntity(cat), 0); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("queue resyncs: %w", err)
	}
	if c.json {
		return json.NewEncoder(c.app.Stdout).Encode(asyncJSON(ts, c.selected()))
	}
	c.header(ts)
	printQueued(c.app.Stdout, ts, c.selected(), c.now().Sub(start))
	return nil
}

func wholeEntity(c kind.Catalog) outbox.Entity { return outbox.Entity(c.WholeEntity()) }

const opsBannerLine = "======================================================================"

func opsBanner(w io.Writer, title string) {
	fmt.Fprintf(w, "%s\n  %s\n%s\n", opsBannerLine, title, opsBannerLine)
}

func opsFirstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i] + " (and more)"
	}
	return s
}
