package faults

import (
	"testing"
	"time"
)

// `zumodra tenants delete` while workers apply that tenant's changes and a
// writer keeps changing them: every deletion succeeds, nothing of the
// tenant is left, and the other tenant's catalog still equals its source.
func TestTenantDeleteUnderLoad(t *testing.T) {
	d := newDB(t)
	keep, keepIDs := d.tenantWithJobs(5)
	for range 2 {
		d.start("worker", nil, "worker", "--workers", "2", "--poll-interval", "50ms")
	}
	lk := d.startLoad(keep, keepIDs, "")
	rounds := scale(3, 4)
	for round := range rounds {
		tn, ids := d.tenantWithJobs(40)
		l := d.startLoad(tn, ids, "")
		time.Sleep(200 * time.Millisecond) // workers busy with the tenant
		r := d.zumodra("tenants", "delete", tn.Slug, "--confirm")
		close(l.stop)
		l.wg.Wait()
		if r.code != 0 {
			t.Fatalf("round %d: tenants delete: exit %d\n%s%s", round, r.code, r.stdout, r.stderr)
		}
		for table, sql := range map[string]string{
			"tenants":     `SELECT count(*) FROM public.tenants WHERE id = $1`,
			"sync_outbox": `SELECT count(*) FROM public.sync_outbox WHERE tenant_id = $1`,
			"job_catalog": `SELECT count(*) FROM public.job_catalog WHERE tenant_id = $1`,
		} {
			if n := d.count(sql, tn.ID); n != 0 {
				t.Errorf("round %d: %d rows of the deleted tenant in %s", round, n, table)
			}
		}
	}
	lk.end(t)
	t.Logf("%d tenants deleted under load", rounds)
	d.drainedAndVerified(60 * time.Second)
}
