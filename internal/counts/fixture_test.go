package counts_test

import (
	"context"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/zumodra/zumodra/internal/counts"
	"github.com/zumodra/zumodra/internal/kind"
	"github.com/zumodra/zumodra/internal/resync"
	"github.com/zumodra/zumodra/internal/testfactory"
)

// publicJob makes a public job through the real sync and returns its
// tenant id, source id and public id.
func publicJob(t *testing.T, pool *pgxpool.Pool) (tenantID, sourceID, publicID int64) {
	t.Helper()
	tn := testfactory.Tenant(t, pool, nil)
	j := testfactory.Job(t, pool, tn, nil)
	resyncTenant(t, pool, tn.Slug)
	return tn.ID, j.ID, catalogID(t, pool, kind.Jobs, tn.ID, j.ID)
}

func resyncTenant(t *testing.T, pool *pgxpool.Pool, slug string) {
	t.Helper()
	rep, err := resync.Run(context.Background(), pool, resync.Options{TenantSlugs: []string{slug}})
	if err != nil || rep.Err() != nil {
		t.Fatalf("resync: %v %v", err, rep.Err())
	}
}

// catalogID is the id of the catalog row of a source row, 0 when there is
// none.
func catalogID(t *testing.T, pool *pgxpool.Pool, c kind.Catalog, tenantID, sourceID int64) int64 {
	t.Helper()
	var id int64
	err := pool.QueryRow(context.Background(), `SELECT coalesce(max(id), 0) FROM `+c.Table()+`
		WHERE tenant_id = $1 AND source_id = $2`, tenantID, sourceID).Scan(&id)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// stored reads the stored counts of one public row.
func stored(t *testing.T, pool *pgxpool.Pool, c kind.Catalog, id int64) counts.Totals {
	t.Helper()
	tot, err := counts.Of(context.Background(), pool, c, id)
	if err != nil {
		t.Fatal(err)
	}
	return tot
}

// rows is the number of rows of public.listing_counts.
func rows(t *testing.T, pool *pgxpool.Pool) int {
	t.Helper()
	var n int
	if err := pool.QueryRow(context.Background(), `SELECT count(*) FROM public.listing_counts`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
