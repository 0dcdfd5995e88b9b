// Package pgq names the one database handle every owner of SQL takes, so a
// query runs unchanged in a transaction, on a pool or on a single connection.
package pgq

import (
	"context"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// Querier is a pgx.Tx, *pgxpool.Pool or *pgx.Conn. SendBatch is part of it
// because round trips, not rows, dominate small syncs and reads.
type Querier interface {
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
	SendBatch(ctx context.Context, b *pgx.Batch) pgx.BatchResults
}
