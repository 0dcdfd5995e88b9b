package cli

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/zumodra/zumodra/internal/tenants"
	"github.com/zumodra/zumodra/internal/testdb"
)

// BenchmarkThousandTenants measures the scale goal of the tenant
// track: creating 1,000 tenant schemas through tenants.Store.Create in
// parallel, a `zumodra migrate` over them with nothing pending, and one
// where each schema has one migration to apply (the capture migration,
// undone by hand). Run it with one iteration:
//
//	go test ./internal/cli -run '^$' -bench ThousandTenants -benchtime 1x
//
// ZUMODRA_BENCH_TENANTS and ZUMODRA_BENCH_CREATORS change the number of
// tenants (1000) and of concurrent creators (8), to find where time goes.
func BenchmarkThousandTenants(b *testing.B) {
	n, creators := envInt(b, "ZUMODRA_BENCH_TENANTS", 1000), envInt(b, "ZUMODRA_BENCH_CREATORS", 8)
	visited := fmt.Sprintf("Tenant schemas: %d visited, ", n)
	for b.Loop() {
		dbURL := testdb.NewURL(b)
		pool, backends := benchPool(b, dbURL, creators)
		b.ReportMetric(timed(func() { createTenants(b, pool, n, creators) }), "create_s")
		if cpu, ok := backends.cpuSeconds(); ok {
			// Server CPU does not depend on what else the machine runs:
			// divided by the cores it says how long an idle machine takes.
			b.ReportMetric(1000*cpu/float64(n), "create_server_cpu_ms/tenant")
		}
		b.ReportMetric(timed(func() { runMigrate(b, dbURL, visited+fmt.Sprintf("0 migrated, %d up to date, 0 failed", n)) }), "migrate_noop_s")
		forgetCapture(b, pool)
		b.ReportMetric(timed(func() {
			runMigrate(b, dbURL, visited+fmt.Sprintf("%d migrated, 0 up to date, 0 failed; %d migrations applied", n, n))
		}), "migrate_one_s")
	}
}

// benchPool opens exactly size connections and remembers their server
// process ids, to read the server CPU they used from /proc.
func benchPool(b *testing.B, dbURL string, size int) (*pgxpool.Pool, *backendSet) {
	cfg, err := pgxpool.ParseConfig(dbURL)
	if err != nil {
		b.Fatal(err)
	}
	cfg.MaxConns, cfg.MinConns = int32(size), int32(size)
	set := &backendSet{}
	cfg.AfterConnect = func(ctx context.Context, c *pgx.Conn) error {
		set.mu.Lock()
		defer set.mu.Unlock()
		set.pids = append(set.pids, int(c.PgConn().PID()))
		return nil
	}
	pool, err := pgxpool.NewWithConfig(context.Background(), cfg)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(pool.Close)
	return pool, set
}

type backendSet struct {
	mu   sync.Mutex
	pids []int
}

// cpuSeconds sums user and system CPU of the backends; false when the
// server runs elsewhere (its /proc entries are not ours to read).
func (s *backendSet) cpuSeconds() (float64, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	ticks := 0
	for _, pid := range s.pids {
		raw, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
		if err != nil {
			return 0, false
		}
		// Fields after the parenthesised command name: utime is the 14th
		// field of the line, stime the 15th.
		f := strings.Fields(string(raw[strings.LastIndexByte(string(raw), ')')+2:]))
		ut, _ := strconv.Atoi(f[11])
		st, _ := strconv.Atoi(f[12])
		ticks += ut + st
	}
	return float64(ticks) / 100, len(s.pids) > 0 // USER_HZ is 100 on Linux
}

func envInt(b *testing.B, name string, def int) int {
	v := os.Getenv(name)
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		b.Fatalf("%s=%q: want a positive number", name, v)
	}
	return n
}

func timed(fn func()) float64 {
	start := time.Now()
	fn()
	return time.Since(start).Seconds()
}

func createTenants(b *testing.B, pool *pgxpool.Pool, n, workers int) {
	store := tenants.New(pool)
	slugs := make(chan string)
	errs := make(chan error, workers)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for slug := range slugs {
				if _, _, err := store.Create(context.Background(), tenants.CreateParams{Slug: slug, Name: "Bench " + slug}); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	for i := range n {
		slugs <- fmt.Sprintf("bench_%04d", i)
	}
	close(slugs)
	wg.Wait()
	close(errs)
	for err := range errs {
		b.Fatal(err)
	}
}

func runMigrate(b *testing.B, dbURL, want string) {
	var out, errOut bytes.Buffer
	env := map[string]string{"DATABASE_URL": dbURL, "ZUMODRA_LOG_LEVEL": "warn"}
	code := Execute([]string{"migrate"}, &out, &errOut, func(k string) string { return env[k] })
	if code != 0 || !strings.Contains(out.String(), want) {
		b.Fatalf("migrate: exit %d, want output %q\n%s\n%s", code, want, out.String(), errOut.String())
	}
}

// forgetCapture undoes tenant migration 0002 in every tenant schema, one
// schema per transaction: its triggers dropped, its version record deleted.
func forgetCapture(b *testing.B, pool *pgxpool.Pool) {
	ctx := context.Background()
	rows, err := pool.Query(ctx, `SELECT schema_name FROM public.tenants`)
	if err != nil {
		b.Fatal(err)
	}
	schemas, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		b.Fatal(err)
	}
	for _, schema := range schemas {
		if _, err := pool.Exec(ctx, forgetCaptureSQL(schema)); err != nil {
			b.Fatal(err)
		}
	}
}

func forgetCaptureSQL(schema string) string {
	ident := pgx.Identifier{schema}.Sanitize()
	lit := "'" + strings.ReplaceAll(schema, "'", "''") + "'"
	return `DO $$
		DECLARE r record;
		BEGIN
			FOR r IN SELECT c.relname, g.tgname FROM pg_trigger g
				JOIN pg_class c ON c.oid = g.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
				WHERE n.nspname = ` + lit + ` AND g.tgname LIKE '%\_capture\_%' LOOP
				EXECUTE format('DROP TRIGGER %I ON %I.%I', r.tgname, ` + lit + `, r.relname);
			END LOOP;
		END $$;
		DELETE FROM ` + ident + `.schema_migrations WHERE version = 2`
}
