package database

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/zumodra/zumodra/internal/pgcluster"
)

func open(t *testing.T, cfg Config) (*pgxpool.Pool, CloseFunc) {
	t.Helper()
	pool, closeFn, err := Open(context.Background(), cfg)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	return pool, closeFn
}

func TestEmbeddedSharedByTwoProcessesLastStops(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "pg")
	t.Cleanup(func() { _, _ = pgcluster.StopDir(context.Background(), pgcluster.Options{DataDir: dir}, false) })
	first, closeFirst := open(t, Config{DataDir: dir})
	var name string
	if err := first.QueryRow(context.Background(), "SELECT current_database()").Scan(&name); err != nil || name != DefaultDBName {
		t.Fatalf("current_database = %q, %v; want %q", name, err, DefaultDBName)
	}
	var fsync string
	if err := first.QueryRow(context.Background(), "SHOW fsync").Scan(&fsync); err != nil || fsync != "on" {
		t.Fatalf("the embedded cluster for real data must be durable: fsync = %q (%v)", fsync, err)
	}
	second, closeSecond := open(t, Config{DataDir: dir})
	if err := closeFirst(context.Background()); err != nil {
		t.Fatal(err)
	}
	if err := second.Ping(context.Background()); err != nil {
		t.Fatalf("closing the first user must not stop the server under the second: %v", err)
	}
	if err := closeSecond(context.Background()); err != nil {
		t.Fatal(err)
	}
	c, err := pgcluster.Start(context.Background(), pgcluster.Options{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	if !c.Started() {
		t.Fatal("the last user to close should have stopped the server")
	}
	if err := c.Stop(context.Background()); err != nil {
		t.Fatal(err)
	}
}

func TestURLIsNeverStopped(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "pg")
	c, err := pgcluster.Start(context.Background(), pgcluster.Options{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.Stop(context.Background()) })
	pool, closeFn := open(t, Config{URL: c.URL("postgres")})
	if err := closeFn(context.Background()); err != nil {
		t.Fatal(err)
	}
	if err := pool.Ping(context.Background()); err == nil {
		t.Fatal("pool should be closed")
	}
	again, err := pgcluster.Start(context.Background(), pgcluster.Options{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	if again.Started() {
		t.Fatal("closing a DATABASE_URL pool must not stop the server")
	}
}
