package faults

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// Timestamps no public list can show, written straight into a tenant's
// table (year 10000, infinity): the rows become visible row errors, never
// public rows, and every public list, search and count still answers for
// everyone; verify checks the tenant's other rows and passes.
func TestHostileTimestamps(t *testing.T) {
	d := newDB(t)
	tn, ids := d.tenantWithJobs(3)
	serve := d.start("serve", nil, "serve", "--addr", "127.0.0.1:0", "--workers", "1", "--result-cache=false", "--api-rate-limit", "0")
	site := serve.siteURL()
	waitFor(t, 30*time.Second, "the jobs public", func() bool {
		var n int
		return d.pool.QueryRow(context.Background(), `SELECT count(*) FROM public.job_catalog`).Scan(&n) == nil && n == 3
	})
	table := pgx.Identifier{tn.SchemaName, "job_postings"}.Sanitize()
	for i, v := range []string{"10000-01-01 04:59:59+00", "infinity"} {
		if _, err := d.pool.Exec(context.Background(), `UPDATE `+table+` SET published_at = $2::timestamptz WHERE id = $1`, ids[i], v); err != nil {
			t.Fatalf("published_at %s: %v", v, err)
		}
	}
	waitFor(t, 30*time.Second, "every hostile row tried once", func() bool {
		var n int
		return d.pool.QueryRow(context.Background(), `SELECT count(*) FROM public.sync_outbox WHERE dead_at IS NULL AND attempts = 0`).Scan(&n) == nil && n == 0
	})
	for _, p := range []string{"/api/v1/careers/jobs", "/api/v1/careers/jobs?q=engineer", "/api/v1/careers/stats",
		"/api/v1/providers?sort=newest", "/careers/", "/careers/?q=engineer", "/careers/feed.xml", "/sitemap.xml"} {
		if r := get(site + p); r.status != http.StatusOK {
			t.Errorf("GET %s with hostile timestamps in a tenant's table: %d %.200s", p, r.status, r.body)
		}
	}
	if n := d.count(`SELECT count(*) FROM public.sync_outbox WHERE last_error <> ''`); n != 2 {
		t.Errorf("%d visible row errors, want the 2 hostile rows", n)
	}
	if r := d.zumodra("verify"); r.code != 0 || !strings.Contains(r.stdout, "no discrepancies") {
		t.Errorf("verify with hostile rows: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if n := d.count(`SELECT count(*) FROM public.job_catalog WHERE published_at > '9999-12-31' OR published_at = 'infinity'`); n != 0 {
		t.Errorf("%d catalog rows hold an unrepresentable time", n)
	}
}
