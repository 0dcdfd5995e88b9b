package faults

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"
)

// Workers killed with SIGKILL mid-load, each replaced by a new one, with
// pools of 2 connections: nothing is lost or applied twice with effect, and
// the catalog equals its sources once the outbox drains.
func TestKillWorkersUnderMixedLoad(t *testing.T) {
	d := newDB(t)
	tn, ids := d.tenantWithJobs(30)
	other, otherIDs := d.tenantWithJobs(10)
	serve := d.start("serve", nil, "serve", "--addr", "127.0.0.1:0", "--workers", "0", "--api-rate-limit", "0")
	site := serve.siteURL()
	workerArgs := []string{"worker", "--workers", "2", "--db-worker-max-conns", "2", "--poll-interval", "100ms"}
	workers := make([]*proc, 3)
	for i := range workers {
		workers[i] = d.start(fmt.Sprintf("worker %d", i), nil, workerArgs...)
	}
	l, l2 := d.startLoad(tn, ids, site), d.startLoad(other, otherIDs, "")
	kills := scale(6, 10)
	for k := range kills {
		time.Sleep(time.Duration(150+rand.IntN(250)) * time.Millisecond)
		i := rand.IntN(len(workers))
		workers[i].kill()
		workers[i] = d.start(fmt.Sprintf("worker %d.%d", i, k), nil, workerArgs...)
	}
	l.end(t)
	l2.end(t)
	t.Logf("%d workers killed with SIGKILL under load", kills)
	d.drainedAndVerified(60 * time.Second)
}
