package testdb

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/zumodra/zumodra/internal/migrate"
	"github.com/zumodra/zumodra/internal/pgcluster"
)

// Replicated is a migrated database on a private primary cluster and a
// streaming replica of it, for tests of the read path on a hot standby.
type Replicated struct {
	Primary *pgxpool.Pool // the migrated database on the primary
	// PrimaryURL and ReplicaURL name the same database on each server.
	PrimaryURL, ReplicaURL string
	standby                *pgcluster.Cluster
}

// StopReplica shuts the replica down, as an outage would.
func (r *Replicated) StopReplica(t testing.TB) {
	t.Helper()
	if err := r.standby.Stop(context.Background()); err != nil {
		t.Fatalf("testdb: stop the replica: %v", err)
	}
}

// NewReplicated starts a primary cluster of the test's own (the shared test
// server, or DATABASE_URL's, may allow no replication and would copy every
// other test's database), migrates a database on it, makes a streaming
// replica with pg_basebackup and stops both when the test ends. The test
// is skipped only when the PostgreSQL server binaries are missing.
func NewReplicated(t testing.TB) *Replicated {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	dir := t.TempDir()
	primary, err := pgcluster.Start(ctx, pgcluster.Options{DataDir: filepath.Join(dir, "primary"), Ephemeral: true})
	if errors.Is(err, pgcluster.ErrNoBinaries) {
		t.Skipf("testdb: a streaming replica needs the PostgreSQL server binaries: %v", err)
	}
	if err != nil {
		t.Fatalf("testdb: primary cluster: %v", err)
	}
	t.Cleanup(func() { _ = primary.Stop(context.Background()) })
	r := &Replicated{PrimaryURL: primary.URL("zumodra")}
	if r.Primary, err = migratedDatabase(ctx, primary, r.PrimaryURL); err != nil {
		t.Fatalf("testdb: %v", err)
	}
	t.Cleanup(r.Primary.Close)
	standby, err := primary.StartStandby(ctx, filepath.Join(dir, "replica"))
	if errors.Is(err, pgcluster.ErrNoBinaries) {
		t.Skipf("testdb: a streaming replica needs pg_basebackup: %v", err)
	}
	if err != nil {
		t.Fatalf("testdb: replica: %v", err)
	}
	// Registered after the primary's, so it runs first: a standby
	// outliving its primary only retries its connection, but stopping it
	// first keeps the primary's shutdown from waiting on a WAL sender.
	t.Cleanup(func() { _ = standby.Stop(context.Background()) })
	r.ReplicaURL, r.standby = standby.URL("zumodra"), standby
	return r
}

func migratedDatabase(ctx context.Context, c *pgcluster.Cluster, url string) (*pgxpool.Pool, error) {
	conn, err := pgx.Connect(ctx, c.URL("postgres"))
	if err != nil {
		return nil, err
	}
	_, err = conn.Exec(ctx, "CREATE DATABASE zumodra")
	conn.Close(ctx)
	if err != nil {
		return nil, err
	}
	pool, err := pgxpool.New(ctx, url)
	if err != nil {
		return nil, err
	}
	if err := migrate.Up(ctx, pool, nil); err != nil {
		pool.Close()
		return nil, err
	}
	return pool, nil
}
