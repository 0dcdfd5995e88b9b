package migrate_test

import (
	"context"
	"testing"

	"github.com/zumodra/zumodra/internal/testdb"
)

// A session keeps the catalog triggers' plans. One that first ran the
// public id lookup just after public.public_ids was analysed empty (a
// freshly loaded database, an operator's ANALYZE) cached a sequential
// scan, and kept it while the table grew: each catalog insert then read
// every id (and, kept off sequential scans, walked the whole catalog's
// entries of the (catalog, public_id) index instead). The lookups are
// planned afresh at each call, on the table as it is.
func TestPublicIDLookupsKeepTheIndexAsTheTableGrows(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := testdb.New(t)
	registerTenants(t, pool, 1)
	conn, err := pool.Acquire(ctx) // one session: its cached plans are the point
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Release()
	insert := `INSERT INTO public.job_catalog (tenant_id, source_id, source_version, content_hash, title,
		job_type, experience_level, remote_policy, company_name, company_slug, published_at)
		SELECT t.id, g, 1, '\x01', 'Engineer', 'full_time', 'mid', 'remote', 'Acme', 'acme', now()
		FROM public.tenants t, generate_series($1::bigint, $2::bigint) g`
	if _, err := conn.Exec(ctx, `ANALYZE public.public_ids`); err != nil {
		t.Fatal(err)
	}
	for i := int64(1); i <= 10; i++ { // past the plan cache's five custom plans
		if _, err := conn.Exec(ctx, insert, i, i); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := conn.Exec(ctx, insert, 11, 3000); err != nil {
		t.Fatal(err)
	}
	// Counts of the session not yet reported are included, so the inserts'
	// own are the difference within one transaction.
	tx, err := conn.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback(ctx)
	readSoFar := func() int64 {
		var n int64
		if err := tx.QueryRow(ctx, `SELECT seq_tup_read + idx_tup_fetch FROM pg_stat_xact_user_tables
			WHERE relid = 'public.public_ids'::regclass`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	before := readSoFar()
	if _, err := tx.Exec(ctx, insert, 3001, 3020); err != nil {
		t.Fatal(err)
	}
	// Each lookup finds at most one row: the new ones find none.
	if read := readSoFar() - before; read > 20 {
		t.Errorf("20 inserts read %d rows of public.public_ids, want at most 20: the lookup scanned the table", read)
	}
}
