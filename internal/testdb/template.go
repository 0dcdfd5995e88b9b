package testdb

import (
	"context"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/zumodra/zumodra/internal/migrate"
)

// templateLockKey serialises template builds across test processes.
// Advisory locks are per database; everyone takes it in the maintenance database.
const templateLockKey int64 = 0x7a756d6f64726101

// templatePrefix and markerPrefix identify what testdb created.
const (
	templatePrefix = "tmpl_"
	markerPrefix   = "zumodra test template built "
)

// staleAfter is how old a leftover test database or superseded template must
// be before any test process drops it: far longer than a test run lasts.
const staleAfter = time.Hour

func templateName() string { return templatePrefix + migrate.Fingerprint()[:12] }

// prepare builds the template if needed and sweeps leftovers of old runs.
func (s *server) prepare(ctx context.Context) error {
	return s.underTemplateLock(ctx, func(conn *pgx.Conn) error {
		if err := s.ensureTemplate(ctx, conn); err != nil {
			return err
		}
		return s.sweep(ctx, conn)
	})
}

// underTemplateLock runs fn holding the template lock on a session of its
// own, not a pooled one: closing it releases the lock whatever happened, and
// so does the death of this process.
func (s *server) underTemplateLock(ctx context.Context, fn func(*pgx.Conn) error) error {
	conn, err := pgx.Connect(ctx, s.maintenance)
	if err != nil {
		return fmt.Errorf("testdb: %w", err)
	}
	defer conn.Close(context.WithoutCancel(ctx))
	if _, err := conn.Exec(ctx, "SELECT pg_advisory_lock($1)", templateLockKey); err != nil {
		return fmt.Errorf("testdb: template lock: %w", err)
	}
	return fn(conn)
}

func (s *server) ensureTemplate(ctx context.Context, conn *pgx.Conn) error {
	var comment *string
	err := conn.QueryRow(ctx, `SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = $1`,
		s.template).Scan(&comment)
	if err == nil && comment != nil && strings.HasPrefix(*comment, markerPrefix) {
		return nil
	}
	if err != nil && err != pgx.ErrNoRows {
		return fmt.Errorf("testdb: look up template: %w", err)
	}
	return s.buildTemplate(ctx, conn)
}

// buildTemplate (re)creates and migrates the template; the marker comment is
// set last, so a build that dies halfway is redone by the next process.
func (s *server) buildTemplate(ctx context.Context, conn *pgx.Conn) error {
	ident := pgx.Identifier{s.template}.Sanitize()
	if _, err := conn.Exec(ctx, "DROP DATABASE IF EXISTS "+ident+" WITH (FORCE)"); err != nil {
		return fmt.Errorf("testdb: drop half-built template: %w", err)
	}
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+ident); err != nil {
		return fmt.Errorf("testdb: create template: %w", err)
	}
	pool, err := pgxpool.New(ctx, s.urlFor(s.template))
	if err != nil {
		return fmt.Errorf("testdb: connect template: %w", err)
	}
	err = migrate.Up(ctx, pool, slog.New(slog.DiscardHandler))
	pool.Close() // a template with open sessions cannot be cloned
	if err != nil {
		return fmt.Errorf("testdb: migrate template: %w", err)
	}
	marker := markerPrefix + strconv.FormatInt(time.Now().Unix(), 10)
	if _, err := conn.Exec(ctx, "COMMENT ON DATABASE "+ident+" IS "+quoteLiteral(marker)); err != nil {
		return fmt.Errorf("testdb: mark template: %w", err)
	}
	return nil
}

func quoteLiteral(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }
