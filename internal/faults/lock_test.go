package faults

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/zumodra/zumodra/internal/domain"
)

// A LOCK TABLE held on one tenant's jobs: that tenant's applications end
// within the write pool's lock timeout with 503 and Retry-After; the other
// tenant's applications, the public pages and readiness go on; once the
// lock is gone the same application goes through.
func TestLockOnATenantTable(t *testing.T) {
	d := newDB(t)
	locked, _ := d.tenantWithJobs(1)
	other, _ := d.tenantWithJobs(1)
	serve := d.start("serve", nil, "serve", "--addr", "127.0.0.1:0", "--workers", "1",
		"--db-write-lock-timeout", "300ms", "--form-rate-limit", "0", "--result-cache=false")
	site := serve.siteURL()
	waitFor(t, 30*time.Second, "both jobs public", func() bool {
		var n int
		return d.pool.QueryRow(context.Background(), `SELECT count(*) FROM public.job_catalog`).Scan(&n) == nil && n == 2
	})
	ctx := context.Background()
	tx, err := d.pool.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = tx.Rollback(ctx) }()
	if _, err := tx.Exec(ctx, `LOCK TABLE `+pgx.Identifier{locked.SchemaName, "job_postings"}.Sanitize()+` IN ACCESS EXCLUSIVE MODE`); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	r := d.apply(site, locked)
	took := time.Since(start)
	if r.status != http.StatusServiceUnavailable || r.header.Get("Retry-After") == "" {
		t.Fatalf("application to the locked tenant: %d Retry-After %q", r.status, r.header.Get("Retry-After"))
	}
	if took > 5*time.Second {
		t.Errorf("the refused application took %s", took)
	}
	t.Logf("application to the locked tenant refused with 503 after %s (lock timeout 300ms)", took.Round(time.Millisecond))
	if r := d.apply(site, other); r.status != http.StatusSeeOther {
		t.Errorf("application to the other tenant during the lock: %d", r.status)
	}
	for _, p := range []string{"/careers/", "/careers/?q=engineer", "/api/v1/careers/jobs", "/readyz"} {
		if r := get(site + p); r.status != http.StatusOK {
			t.Errorf("GET %s during the lock: %d", p, r.status)
		}
	}
	if err := tx.Rollback(ctx); err != nil {
		t.Fatal(err)
	}
	if r := d.apply(site, locked); r.status != http.StatusSeeOther {
		t.Errorf("application once the lock is gone: %d", r.status)
	}
}

// apply posts an application to the tenant's one public job.
func (d *db) apply(site string, tn domain.Tenant) response {
	d.t.Helper()
	var id int64
	if err := d.pool.QueryRow(context.Background(), `SELECT id FROM public.job_catalog WHERE tenant_id = $1`, tn.ID).Scan(&id); err != nil {
		d.t.Fatal(err)
	}
	form := url.Values{"name": {"Jane Doe"}, "email": {"jane@example.com"}, "cover_letter": {"Hello."},
		"resume_url": {"https://example.com/jane.pdf"}}
	req, err := http.NewRequest(http.MethodPost, site+"/careers/jobs/"+strconv.FormatInt(id, 10)+"/apply", strings.NewReader(form.Encode()))
	if err != nil {
		d.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	resp, err := client.Do(req)
	if err != nil {
		return response{err: err}
	}
	resp.Body.Close()
	return response{status: resp.StatusCode, header: resp.Header}
}
