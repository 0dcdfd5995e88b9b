package migrate

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime"
	"sync"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/zumodra/zumodra/internal/pgq"
)

// Advisory lock keys (two-int form): the shared track takes (lockSpace,
// 0); a tenant schema takes (lockSpace, hashtext(schema)).
const lockSpace = 0x5a4d0001

// Runner applies migrations. The zero Concurrency means twice the CPUs.
type Runner struct {
	Pool        *pgxpool.Pool
	Log         *slog.Logger
	Concurrency int
	// Progress, when set, is called after each tenant schema is done (or
	// failed), from one goroutine at a time.
	Progress func(done, total int)
}

// TenantsResult summarises a run over tenant schemas.
type TenantsResult struct {
	Schemas  int              // schemas visited
	Migrated int              // schemas that had pending migrations applied
	UpToDate int              // schemas that needed nothing
	Applied  int              // migrations applied, over all schemas
	Failed   map[string]error // schema -> error
}

// Up applies the shared track, then the tenant track to every tenant.
func Up(ctx context.Context, pool *pgxpool.Pool, log *slog.Logger) error {
	r := &Runner{Pool: pool, Log: log}
	if _, err := r.Shared(ctx); err != nil {
		return err
	}
	res, err := r.Tenants(ctx, nil)
	if err != nil {
		return err
	}
	return res.Err()
}

// Err joins the per-schema failures, nil when there were none.
func (res TenantsResult) Err() error {
	var errs []error
	for schema, err := range res.Failed {
		errs = append(errs, fmt.Errorf("migrate tenant %s: %w", schema, err))
	}
	return errors.Join(errs...)
}

// Shared applies the pending shared migrations, each in its own transaction,
// and returns those it applied.
func (r *Runner) Shared(ctx context.Context) ([]Migration, error) {
	var applied []Migration
	for _, m := range Shared() {
		did, err := r.applyShared(ctx, m)
		if err != nil {
			return applied, fmt.Errorf("migrate shared %04d_%s: %w", m.Version, m.Name, err)
		}
		if did {
			r.logger().Info("applied shared migration", "version", m.Version, "name", m.Name)
			applied = append(applied, m)
		}
	}
	return applied, nil
}

func (r *Runner) applyShared(ctx context.Context, m Migration) (bool, error) {
	var did bool
	err := pgx.BeginFunc(ctx, r.Pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1, 0)`, lockSpace); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, createVersionTable("public")); err != nil {
			return err
		}
		var done bool
		err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM public.schema_migrations WHERE version = $1)`, m.Version).Scan(&done)
		if err != nil || done {
			return err
		}
		if _, err := tx.Exec(ctx, m.SQL); err != nil {
			return err
		}
		did = true
		_, err = tx.Exec(ctx, `INSERT INTO public.schema_migrations (version, name) VALUES ($1, $2)`, m.Version, m.Name)
		return err
	})
	return did, err
}

// Tenants migrates the given tenant schemas (all registered tenants when
// schemas is nil) in parallel, each in its own transaction. A failing schema
// does not stop the others; its error is in the result.
func (r *Runner) Tenants(ctx context.Context, schemas []string) (TenantsResult, error) {
	if schemas == nil {
		var err error
		if schemas, err = TenantSchemas(ctx, r.Pool); err != nil {
			return TenantsResult{}, err
		}
	}
	res := TenantsResult{Schemas: len(schemas), Failed: map[string]error{}}
	var mu sync.Mutex
	jobs := make(chan string)
	var wg sync.WaitGroup
	for range r.workers(len(schemas)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for schema := range jobs {
				n, err := r.Tenant(ctx, schema)
				mu.Lock()
				r.record(&res, schema, n, err)
				mu.Unlock()
			}
		}()
	}
	for _, s := range schemas {
		if ctx.Err() != nil {
			break
		}
		jobs <- s
	}
	close(jobs)
	wg.Wait()
	return res, ctx.Err()
}

func (r *Runner) record(res *TenantsResult, schema string, n int, err error) {
	if err != nil {
		res.Failed[schema] = err
		r.logger().Error("tenant migration failed", "schema", schema, "error", err)
	} else if n > 0 {
		res.Migrated++
		res.Applied += n
	} else {
		res.UpToDate++
	}
	if r.Progress != nil {
		r.Progress(res.Migrated+res.UpToDate+len(res.Failed), res.Schemas)
	}
}

func (r *Runner) workers(n int) int {
	c := r.Concurrency
	if c <= 0 {
		c = 2 * runtime.NumCPU()
	}
	return max(1, min(c, n))
}

// Tenant applies the pending tenant migrations to one schema in one
// transaction and returns how many it applied.
func (r *Runner) Tenant(ctx context.Context, schema string) (int, error) {
	var n int
	err := pgx.BeginFunc(ctx, r.Pool, func(tx pgx.Tx) error {
		var err error
		n, err = ApplyTenant(ctx, tx, schema)
		return err
	})
	return n, err
}

// ApplyTenant applies the pending tenant migrations to schema inside tx,
// creating the schema when it does not exist. tenants.Create calls it in the
// transaction that registers the tenant, so a tenant is never half-built.
func ApplyTenant(ctx context.Context, tx pgx.Tx, schema string) (int, error) {
	ident := pgx.Identifier{schema}.Sanitize()
	if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1, hashtext($2))`, lockSpace, schema); err != nil {
		return 0, err
	}
	if _, err := tx.Exec(ctx, "CREATE SCHEMA IF NOT EXISTS "+ident); err != nil {
		return 0, err
	}
	// search_path is the tenant schema alone: every unqualified name in the
	// tenant track lands there, and nothing resolves to public by accident.
	if _, err := tx.Exec(ctx, "SET LOCAL search_path TO "+ident); err != nil {
		return 0, err
	}
	if _, err := tx.Exec(ctx, createVersionTable(schema)); err != nil {
		return 0, err
	}
	done, err := appliedVersions(ctx, tx, schema)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, m := range Tenant() {
		if done[m.Version] {
			continue
		}
		if _, err := tx.Exec(ctx, m.SQL); err != nil {
			return n, fmt.Errorf("%04d_%s: %w", m.Version, m.Name, err)
		}
		q := "INSERT INTO " + ident + ".schema_migrations (version, name) VALUES ($1, $2)"
		if _, err := tx.Exec(ctx, q, m.Version, m.Name); err != nil {
			return n, err
		}
		n++
	}
	_, err = tx.Exec(ctx, "SET LOCAL search_path TO DEFAULT")
	return n, err
}

func createVersionTable(schema string) string {
	return "CREATE TABLE IF NOT EXISTS " + pgx.Identifier{schema, "schema_migrations"}.Sanitize() + ` (
		version    integer PRIMARY KEY,
		name       text NOT NULL,
		applied_at timestamptz NOT NULL DEFAULT now())`
}

func appliedVersions(ctx context.Context, q pgq.Querier, schema string) (map[int]bool, error) {
	rows, err := q.Query(ctx, "SELECT version FROM "+pgx.Identifier{schema, "schema_migrations"}.Sanitize())
	if err != nil {
		return nil, err
	}
	versions, err := pgx.CollectRows(rows, pgx.RowTo[int])
	if err != nil {
		return nil, err
	}
	done := make(map[int]bool, len(versions))
	for _, v := range versions {
		done[v] = true
	}
	return done, nil
}

// TenantSchemas lists the schemas of all registered tenants, in id order.
// Before the shared track has run there are none. It reads public.tenants
// itself rather than through source: it runs between shared migrations,
// when the table may lack columns source's tenant row reads, and needs the
// schema name alone.
func TenantSchemas(ctx context.Context, pool *pgxpool.Pool) ([]string, error) {
	var exists bool
	if err := pool.QueryRow(ctx, `SELECT to_regclass('public.tenants') IS NOT NULL`).Scan(&exists); err != nil || !exists {
		return nil, err
	}
	rows, err := pool.Query(ctx, `SELECT schema_name FROM public.tenants ORDER BY id`)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowTo[string])
}

func (r *Runner) logger() *slog.Logger {
	if r.Log == nil {
		return slog.New(slog.DiscardHandler)
	}
	return r.Log
}
