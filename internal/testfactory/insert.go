package testfactory

import (
	"context"
	"maps"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/zumodra/zumodra/internal/domain"
)

// seq numbers the defaults (slugs, titles) so rows are distinct.
var seq atomic.Int64

func next() string { return strconv.FormatInt(seq.Add(1), 10) }

// insertRow inserts one row into a tenant table and returns its id. The
// column names come from this package's code, never from test input.
func insertRow(t testing.TB, pool *pgxpool.Pool, tn domain.Tenant, table string, cols map[string]any) int64 {
	t.Helper()
	names := slices.Sorted(maps.Keys(cols))
	ph := make([]string, len(names))
	args := make([]any, len(names))
	for i, n := range names {
		ph[i] = "$" + strconv.Itoa(i+1)
		args[i] = cols[n]
	}
	sql := "INSERT INTO " + tableName(tn, table) +
		" (" + strings.Join(names, ", ") + ") VALUES (" + strings.Join(ph, ", ") + ") RETURNING id"
	var id int64
	if err := pool.QueryRow(context.Background(), sql, args...).Scan(&id); err != nil {
		t.Fatalf("testfactory: insert into %s.%s: %v", tn.SchemaName, table, err)
	}
	return id
}

// tableName quotes a tenant table as an identifier.
func tableName(tn domain.Tenant, table string) string {
	return pgx.Identifier{tn.SchemaName, table}.Sanitize()
}

func or[T comparable](v, def T) T {
	var zero T
	if v == zero {
		return def
	}
	return v
}

func orPtr[T any](v *T, def T) T {
	if v == nil {
		return def
	}
	return *v
}

// Published is when factory rows are published: an hour ago, by the real
// clock or by the fixed one most tests read (2026-06-01 12:00), whichever
// is earlier, since a row published after a reader's now is not public yet.
func Published() time.Time {
	eve := time.Date(2026, 6, 1, 11, 0, 0, 0, time.UTC)
	if t := time.Now().Add(-time.Hour); t.Before(eve) {
		return t
	}
	return eve
}
