package testdb

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/zumodra/zumodra/internal/migrate"
)

func databaseExists(t *testing.T, name string) bool {
	t.Helper()
	s, err := getServer()
	if err != nil {
		t.Fatal(err)
	}
	var ok bool
	err = s.admin.QueryRow(context.Background(), "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", name).Scan(&ok)
	if err != nil {
		t.Fatal(err)
	}
	return ok
}

func appliedShared(t *testing.T, pool *pgxpool.Pool) int {
	t.Helper()
	var n int
	if err := pool.QueryRow(context.Background(), "SELECT count(*) FROM public.schema_migrations").Scan(&n); err != nil {
		t.Fatalf("schema_migrations: %v", err)
	}
	return n
}

func TestParallelTestsGetDistinctMigratedDatabases(t *testing.T) {
	var mu sync.Mutex
	names := map[string]bool{}
	t.Run("group", func(t *testing.T) {
		for i := range 2 {
			t.Run(fmt.Sprint(i), func(t *testing.T) {
				t.Parallel()
				pool := New(t)
				var name string
				if err := pool.QueryRow(context.Background(), "SELECT current_database()").Scan(&name); err != nil {
					t.Fatal(err)
				}
				if got, want := appliedShared(t, pool), len(migrate.Shared()); got != want {
					t.Fatalf("%d shared migrations applied, want %d", got, want)
				}
				// Writes in one test's database must be invisible to the other.
				if _, err := pool.Exec(context.Background(), "INSERT INTO public.tenants (slug, name, schema_name) VALUES ('acme', 'Acme', 't_acme')"); err != nil {
					t.Fatal(err)
				}
				mu.Lock()
				names[name] = true
				mu.Unlock()
			})
		}
	})
	if len(names) != 2 {
		t.Fatalf("want 2 distinct databases, got %v", names)
	}
	for name := range names {
		if databaseExists(t, name) {
			t.Errorf("database %s should be dropped when its test ends", name)
		}
	}
}

func TestNewURLConnectsAndIsDroppedDespiteLeakedConnection(t *testing.T) {
	var name string
	t.Run("leaky", func(t *testing.T) {
		conn, err := pgx.Connect(context.Background(), NewURL(t))
		if err != nil {
			t.Fatal(err)
		}
		// Deliberately not closed: the drop must force it out.
		if err := conn.QueryRow(context.Background(), "SELECT current_database()").Scan(&name); err != nil {
			t.Fatal(err)
		}
	})
	if name == "" || databaseExists(t, name) {
		t.Fatalf("database %q should exist during the test and be dropped after it", name)
	}
}

func TestHalfBuiltTemplateIsRebuilt(t *testing.T) {
	s, err := getServer()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	scratch := *s
	scratch.template = fmt.Sprintf("tmpl_rebuild_%d", time.Now().UnixNano())
	ident := pgx.Identifier{scratch.template}.Sanitize()
	t.Cleanup(func() { _, _ = s.admin.Exec(ctx, "DROP DATABASE IF EXISTS "+ident+" WITH (FORCE)") })
	if _, err := s.admin.Exec(ctx, "CREATE DATABASE "+ident); err != nil {
		t.Fatal(err)
	}
	conn, err := pgx.Connect(ctx, s.urlFor(scratch.template))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.Exec(ctx, "CREATE TABLE half_done (x int)"); err != nil {
		t.Fatal(err)
	}
	conn.Close(ctx)

	// ensureTemplate, not prepare: prepare's sweep would take the real
	// template for another fingerprint's and drop it under other processes.
	err = scratch.underTemplateLock(ctx, func(conn *pgx.Conn) error { return scratch.ensureTemplate(ctx, conn) })
	if err != nil {
		t.Fatal(err)
	}
	pool, err := pgxpool.New(ctx, s.urlFor(scratch.template))
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	var leftover bool
	if err := pool.QueryRow(ctx, "SELECT to_regclass('half_done') IS NOT NULL").Scan(&leftover); err != nil || leftover {
		t.Fatalf("unmarked template should be rebuilt from scratch (leftover=%v, err=%v)", leftover, err)
	}
	if got, want := appliedShared(t, pool), len(migrate.Shared()); got != want {
		t.Fatalf("rebuilt template has %d shared migrations, want %d", got, want)
	}
}

func TestSweepDropsOnlyOldLeftovers(t *testing.T) {
	s, err := getServer()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	old := fmt.Sprintf("test_%d_0123abcd", time.Now().Add(-2*staleAfter).Unix())
	recent := fmt.Sprintf("test_%d_0123abcd", time.Now().Unix())
	for _, name := range []string{old, recent} {
		if _, err := s.admin.Exec(ctx, "CREATE DATABASE "+pgx.Identifier{name}.Sanitize()); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = s.drop(ctx, name) })
	}
	conn, err := pgx.Connect(ctx, s.maintenance)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	if err := s.sweep(ctx, conn); err != nil {
		t.Fatal(err)
	}
	if databaseExists(t, old) || !databaseExists(t, recent) {
		t.Fatalf("sweep should drop %s and keep %s", old, recent)
	}
}

func TestStale(t *testing.T) {
	now := time.Unix(1_800_000_000, 0)
	s := &server{template: "tmpl_current"}
	hourAgo := func(h int) string { return fmt.Sprint(now.Add(-time.Duration(h) * time.Hour).Unix()) }
	tests := []struct {
		name, comment string
		want          bool
	}{
		{"test_" + hourAgo(2) + "_ab12", "", true},
		{"test_" + hourAgo(0) + "_ab12", "", false},
		{"tmpl_old", markerPrefix + hourAgo(2), true},
		{"tmpl_old", markerPrefix + hourAgo(0), false},
		{"tmpl_old", "", false}, // unmarked: perhaps being built now
		{"tmpl_current", markerPrefix + hourAgo(5), false},
		{"test_app", "", false},
		{"myapp", "", false},
	}
	for _, tc := range tests {
		t.Run(strings.Join([]string{tc.name, tc.comment}, "/"), func(t *testing.T) {
			if got := s.stale(tc.name, tc.comment, now); got != tc.want {
				t.Fatalf("stale = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestWithDatabase(t *testing.T) {
	tests := map[string]string{
		"postgres://u:p@127.0.0.1:5432/app?sslmode=disable": "postgres://u:p@127.0.0.1:5432/x?sslmode=disable",
		"host=127.0.0.1 dbname=app":                         "host=127.0.0.1 dbname=app dbname='x'",
	}
	for in, want := range tests {
		if got := withDatabase(in, "x"); got != want {
			t.Errorf("withDatabase(%q) = %q, want %q", in, got, want)
		}
		cfg, err := pgx.ParseConfig(withDatabase(in, "x"))
		if err != nil || cfg.Database != "x" {
			t.Errorf("%q: parsed database %q, err %v", in, cfg.Database, err)
		}
	}
}

// BenchmarkCloneAndDrop measures one test database's cost: the clone New
// makes and the drop its cleanup makes, reported separately.
func BenchmarkCloneAndDrop(b *testing.B) {
	s, err := getServer()
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	var cloning, dropping time.Duration
	for b.Loop() {
		began := time.Now()
		name, err := s.create(ctx)
		if err != nil {
			b.Fatal(err)
		}
		cloning += time.Since(began)
		began = time.Now()
		if err := s.drop(ctx, name); err != nil {
			b.Fatal(err)
		}
		dropping += time.Since(began)
	}
	b.ReportMetric(float64(cloning.Milliseconds())/float64(b.N), "clone-ms/op")
	b.ReportMetric(float64(dropping.Milliseconds())/float64(b.N), "drop-ms/op")
}

// A template dropped by another checkout's sweep is rebuilt on the next clone.
func TestCloneRebuildsAVanishedTemplate(t *testing.T) {
	s, err := getServer()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	scratch := *s
	scratch.template = fmt.Sprintf("tmpl_vanish_%d", time.Now().UnixNano())
	ident := pgx.Identifier{scratch.template}.Sanitize()
	t.Cleanup(func() { _, _ = s.admin.Exec(ctx, "DROP DATABASE IF EXISTS "+ident+" WITH (FORCE)") })
	if _, err := s.admin.Exec(ctx, "DROP DATABASE IF EXISTS "+ident); err != nil {
		t.Fatal(err)
	}
	name, err := scratch.create(ctx)
	if err != nil {
		t.Fatalf("clone of a vanished template: %v", err)
	}
	t.Cleanup(func() { _ = s.drop(ctx, name) })
	if !databaseExists(t, scratch.template) {
		t.Fatal("template should have been rebuilt")
	}
}
