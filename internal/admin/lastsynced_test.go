package admin

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/zumodra/zumodra/internal/resync"
	"github.com/zumodra/zumodra/internal/testdb"
)

func lastJobSync(t *testing.T, url string) time.Time {
	t.Helper()
	resp, body := do(t, "GET", url+"/admin/api/tenants", token, nil)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("tenants: %d %s", resp.StatusCode, body)
	}
	var ts struct{ Tenants []TenantStats }
	if err := json.Unmarshal([]byte(body), &ts); err != nil || len(ts.Tenants) != 1 {
		t.Fatalf("%v: %s", err, body)
	}
	for _, c := range ts.Tenants[0].Catalogs {
		if c.Catalog == "jobs" && c.LastSynced != nil {
			return *c.LastSynced
		}
	}
	t.Fatalf("no last sync of jobs: %s", body)
	return time.Time{}
}

// Taking a job off the catalog is a sync too: "Last synced" moves, though
// no row is left to carry a synced_at.
func TestLastSyncedFollowsRemovals(t *testing.T) {
	t.Parallel()
	pool := testdb.New(t)
	syncedTenant(t, pool)
	srv := site(t, pool, token)
	before := lastJobSync(t, srv.URL)
	ctx := context.Background()
	if _, err := pool.Exec(ctx, `UPDATE t_democompany.job_postings SET published_on_career_page = false`); err != nil {
		t.Fatal(err)
	}
	if _, err := resync.Run(ctx, pool, resync.Options{}); err != nil {
		t.Fatal(err)
	}
	var left int
	if err := pool.QueryRow(ctx, `SELECT count(*) FROM public.job_catalog`).Scan(&left); err != nil || left != 0 {
		t.Fatalf("catalog still has %d jobs (%v)", left, err)
	}
	if after := lastJobSync(t, srv.URL); !after.After(before) {
		t.Errorf("last synced %v, not after %v", after, before)
	}
}
