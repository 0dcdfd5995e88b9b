package ops

import (
	"context"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/zumodra/zumodra/internal/resync"
)

// syncAll brings every catalog in line through the bulk sync core, then
// empties the outbox, as if the workers had drained it.
func syncAll(t *testing.T, pool *pgxpool.Pool) {
	t.Helper()
	rep, err := resync.Run(context.Background(), pool, resync.Options{})
	if err == nil {
		err = rep.Err()
	}
	if err != nil {
		t.Fatalf("resync: %v", err)
	}
	drain(t, pool)
}

// drain forgets the captured changes (their effect is already applied).
func drain(t *testing.T, pool *pgxpool.Pool) {
	t.Helper()
	exec(t, pool, `DELETE FROM public.sync_outbox`)
}

func exec(t *testing.T, pool *pgxpool.Pool, sql string, args ...any) int64 {
	t.Helper()
	tag, err := pool.Exec(context.Background(), sql, args...)
	if err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	return tag.RowsAffected()
}

func count(t *testing.T, pool *pgxpool.Pool, sql string, args ...any) int {
	t.Helper()
	var n int
	if err := pool.QueryRow(context.Background(), sql, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	return n
}
