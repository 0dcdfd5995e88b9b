package testdb

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
)

// New returns a pool on a fresh database holding the full migrated schema
// (shared track; tenant schemas are created by the tests that need them).
// The database is dropped when the test ends.
func New(t testing.TB) *pgxpool.Pool {
	t.Helper()
	pool, err := pgxpool.New(context.Background(), NewURL(t))
	if err != nil {
		t.Fatalf("testdb: connect: %v", err)
	}
	t.Cleanup(pool.Close) // runs before NewURL's drop: cleanups run last-in first-out
	return pool
}

// NewURL creates a fresh migrated database and returns its connection
// string, for tests that open their own connections or run the binary.
func NewURL(t testing.TB) string {
	t.Helper()
	s, err := getServer()
	if err != nil {
		t.Fatalf("%v", err)
	}
	name, err := s.create(context.Background())
	if err != nil {
		t.Fatalf("%v", err)
	}
	t.Cleanup(func() {
		if err := s.drop(context.Background(), name); err != nil {
			t.Errorf("%v", err)
		}
	})
	return s.urlFor(name)
}

func (s *server) create(ctx context.Context) (string, error) {
	suffix := make([]byte, 6)
	if _, err := rand.Read(suffix); err != nil {
		return "", fmt.Errorf("testdb: %w", err)
	}
	name := fmt.Sprintf("test_%d_%s", time.Now().Unix(), hex.EncodeToString(suffix))
	sql := "CREATE DATABASE " + pgx.Identifier{name}.Sanitize() + " TEMPLATE " + pgx.Identifier{s.template}.Sanitize()
	_, err := s.admin.Exec(ctx, sql)
	if isMissingDatabase(err) {
		// Another checkout's test process, with other migrations, sweeps
		// templates by build time: ours may go while we run. Build it again.
		err = s.underTemplateLock(ctx, func(conn *pgx.Conn) error { return s.ensureTemplate(ctx, conn) })
		if err == nil {
			_, err = s.admin.Exec(ctx, sql)
		}
	}
	if err != nil {
		return "", fmt.Errorf("testdb: clone %s: %w", s.template, err)
	}
	return name, nil
}

func isMissingDatabase(err error) bool {
	var pgErr *pgconn.PgError
	return errors.As(err, &pgErr) && pgErr.Code == "3D000" // invalid_catalog_name
}

// drop forces out connections a test leaked, so a forgotten Close cannot
// make the database outlive the test.
func (s *server) drop(ctx context.Context, name string) error {
	if _, err := s.admin.Exec(ctx, "DROP DATABASE IF EXISTS "+pgx.Identifier{name}.Sanitize()+" WITH (FORCE)"); err != nil {
		return fmt.Errorf("testdb: drop %s: %w", name, err)
	}
	return nil
}
