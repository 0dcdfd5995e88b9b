package database

import (
	"context"
	"errors"
	"fmt"
	"log/slog"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// duplicateDatabase is SQLSTATE 42P04, raised when another process created
// the same database between our check and our CREATE.
const duplicateDatabase = "42P04"

// ensureDatabase creates dbname when missing. CREATE DATABASE cannot run in a
// transaction or take IF NOT EXISTS, hence check, create, and accept losing a race.
func ensureDatabase(ctx context.Context, conn *pgx.Conn, dbname string, log *slog.Logger) error {
	var exists bool
	err := conn.QueryRow(ctx, "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", dbname).Scan(&exists)
	if err != nil {
		return fmt.Errorf("look up database %s: %w", dbname, err)
	}
	if exists {
		return nil
	}
	_, err = conn.Exec(ctx, "CREATE DATABASE "+pgx.Identifier{dbname}.Sanitize())
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) && pgErr.Code == duplicateDatabase {
		return nil
	}
	if err != nil {
		return fmt.Errorf("create database %s: %w", dbname, err)
	}
	log.InfoContext(ctx, "created database", "database", dbname)
	return nil
}
