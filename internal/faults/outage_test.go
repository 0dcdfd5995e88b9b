package faults

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/zumodra/zumodra/internal/pgcluster"
)

// serve and worker start while PostgreSQL is down: they stay up, serve
// answers 503 with Retry-After on pages and API and reports not ready, and
// both recover by themselves once the database is back.
func TestOutageAtStart(t *testing.T) {
	d := newDB(t)
	tn, _ := d.tenantWithJobs(1)
	if err := cluster.Stop(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { // the next scenarios need the cluster, even after a failure here
		if c, err := pgcluster.Start(context.Background(), clusterOpts); err == nil {
			cluster = c
		}
	})
	serve := d.start("serve", []string{"ZUMODRA_ADMIN_TOKEN=tok"}, "serve", "--addr", "127.0.0.1:0", "--workers", "1")
	worker := d.start("worker", nil, "worker", "--workers", "1")
	site := serve.siteURL()

	if r := get(site + "/readyz"); r.status != http.StatusServiceUnavailable {
		t.Errorf("/readyz during the outage: %d %s", r.status, r.body)
	}
	if r := get(site + "/healthz"); r.status != http.StatusOK {
		t.Errorf("/healthz during the outage: %d", r.status)
	}
	page := get(site + "/careers/")
	if page.status != http.StatusServiceUnavailable || page.header.Get("Retry-After") == "" || !strings.Contains(page.body, "Temporarily unavailable") {
		t.Errorf("/careers/ during the outage: %d Retry-After %q\n%.300s", page.status, page.header.Get("Retry-After"), page.body)
	}
	api := get(site + "/api/v1/careers/jobs")
	if api.status != http.StatusServiceUnavailable || api.header.Get("Retry-After") == "" || api.header.Get("Content-Type") != "application/problem+json" {
		t.Errorf("API during the outage: %d %q %s", api.status, api.header.Get("Content-Type"), api.body)
	}
	req, _ := http.NewRequest(http.MethodGet, site+"/admin/", nil)
	req.Header.Set("Authorization", "Bearer tok")
	if resp, err := client.Do(req); err != nil || resp.StatusCode != http.StatusServiceUnavailable || resp.Header.Get("Retry-After") == "" ||
		!strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
		t.Errorf("/admin/ during the outage: %v %v", resp, err)
	} else {
		resp.Body.Close()
	}
	if r := get(site + "/no-such-page/"); r.status != http.StatusNotFound || !strings.Contains(r.body, "Page not found") {
		t.Errorf("an unknown page during the outage: %d\n%.300s", r.status, r.body)
	}

	var err error
	if cluster, err = pgcluster.Start(context.Background(), clusterOpts); err != nil {
		t.Fatal(err)
	}
	took := waitFor(t, 45*time.Second, "readiness after the outage", func() bool { return get(site+"/readyz").status == http.StatusOK })
	t.Logf("ready %s after PostgreSQL came back", took.Round(10*time.Millisecond))
	waitFor(t, 30*time.Second, "the job applied after the outage", func() bool {
		var n int
		err := d.pool.QueryRow(context.Background(), `SELECT count(*) FROM public.job_catalog WHERE tenant_id = $1`, tn.ID).Scan(&n)
		return err == nil && n == 1
	})
	if r := get(site + "/careers/"); r.status != http.StatusOK {
		t.Errorf("/careers/ after the outage: %d", r.status)
	}
	for _, p := range []*proc{serve, worker} {
		select {
		case <-p.done:
			t.Errorf("%s exited during the outage:\n%s", p.name, p.out.tail(2000))
		default:
		}
	}
	if code := worker.stop(); code != 0 {
		t.Errorf("worker exit %d after SIGTERM", code)
	}
	if n := d.count(`SELECT count(*) FROM public.worker_heartbeats WHERE pid = $1`, worker.cmd.Process.Pid); n != 0 {
		t.Errorf("%d heartbeat rows of the stopped worker left", n)
	}
	d.drainedAndVerified(30 * time.Second)
}
