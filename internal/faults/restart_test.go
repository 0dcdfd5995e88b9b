package faults

import (
	"net/http"
	"testing"
	"time"
)

// PostgreSQL restarts, fast and immediate (a crash to the data), under
// writes and reads: serve and the workers ride them out without a 500 or
// a restart of their own, and the catalog converges.
func TestRestartsUnderLoad(t *testing.T) {
	d := newDB(t)
	tn, ids := d.tenantWithJobs(20)
	serve := d.start("serve", nil, "serve", "--addr", "127.0.0.1:0", "--workers", "2", "--api-rate-limit", "0")
	d.start("worker", nil, "worker", "--workers", "2")
	site := serve.siteURL()
	waitFor(t, 30*time.Second, "readiness", func() bool { return get(site+"/readyz").status == http.StatusOK })
	l := d.startLoad(tn, ids, site)
	for i := range scale(2, 3) {
		immediate := i%2 == 1
		time.Sleep(300 * time.Millisecond) // load before each restart
		restart(t, immediate, 500*time.Millisecond)
		took := waitFor(t, 45*time.Second, "readiness after the restart", func() bool { return get(site+"/readyz").status == http.StatusOK })
		t.Logf("restart %d (immediate %v): ready again %s after PostgreSQL", i, immediate, took.Round(10*time.Millisecond))
	}
	time.Sleep(300 * time.Millisecond) // load after the last restart
	l.end(t)
	d.drainedAndVerified(60 * time.Second)
}
