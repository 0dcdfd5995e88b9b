package server

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/zumodra/zumodra/internal/testdb"
	"github.com/zumodra/zumodra/internal/testfactory"
)

// A serve process whose public read path reads a real streaming replica,
// where no NOTIFY arrives, follows the replica's feed by polling: every
// view shows a tenant's write on the primary on the first request after
// the follower saw it replayed, /readyz reports the replica and /metrics
// its lag. With the replica gone, /readyz and the public pages answer 503
// (nothing moves onto the primary).
func TestServeReadsFromStreamingReplica(t *testing.T) {
	t.Parallel()
	r := testdb.NewReplicated(t)
	f := startSiteOn(t, r.Primary, r.ReplicaURL)
	f.everyViewFollows()
	if f.s.feed.Listening() {
		t.Error("the follower LISTENs on a replica")
	}
	code, body := f.get("/readyz")
	var ready struct {
		Status  string
		Replica struct {
			Status      string  `json:"status"`
			InRecovery  bool    `json:"in_recovery"`
			LagVersions *int64  `json:"lag_versions"`
			LagSeconds  float64 `json:"lag_seconds"`
		} `json:"read_replica"`
	}
	if err := json.Unmarshal([]byte(body), &ready); err != nil || code != http.StatusOK {
		t.Fatalf("/readyz %d: %s (%v)", code, body, err)
	}
	if ready.Replica.Status != "ok" || !ready.Replica.InRecovery || ready.Replica.LagVersions == nil {
		t.Errorf("/readyz reports the replica as %+v: %s", ready.Replica, body)
	}
	_, metrics := f.get("/metrics")
	for _, name := range []string{"zumodra_read_replica_up 1", "zumodra_read_replica_lag_seconds ", "zumodra_read_replica_lag_versions "} {
		if !strings.Contains(metrics, name) {
			t.Errorf("/metrics lacks %q", name)
		}
	}

	r.StopReplica(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	for code, _ := f.get("/readyz"); code != http.StatusServiceUnavailable; code, _ = f.get("/readyz") {
		if ctx.Err() != nil {
			t.Fatalf("/readyz still %d with the replica down", code)
		}
		time.Sleep(20 * time.Millisecond) // the monitor reads once a second
	}
	if code, _ := f.get("/careers/?q=unseen"); code != http.StatusServiceUnavailable {
		t.Errorf("an uncached search with the replica down: %d, want 503", code)
	}
}

var (
	cardRe  = regexp.MustCompile(`<li class="card`)
	countRe = regexp.MustCompile(`>(\d+) jobs?<`)
)

// While a tenant publishes jobs one commit at a time on the primary, every
// company list read from the replica shows one catalog state: as many
// cards as its count says, and the company's facet count the same.
func TestReplicaListNeverMixesStates(t *testing.T) {
	t.Parallel()
	r := testdb.NewReplicated(t)
	f := startSiteOn(t, r.Primary, r.ReplicaURL)
	tn := testfactory.Tenant(t, r.Primary, &testfactory.TenantOpts{Slug: "steady", Name: "Steady Co"})
	const jobs = 15 // within one page
	var wg sync.WaitGroup
	wg.Go(func() {
		for i := range jobs {
			testfactory.Job(t, r.Primary, tn, &testfactory.JobOpts{Title: fmt.Sprintf("Role %d", i)})
		}
	})
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	states := map[int]bool{}
	for n := 0; n < jobs; {
		if ctx.Err() != nil {
			t.Fatalf("the replica's list reached %d of %d jobs", n, jobs)
		}
		_, body := f.get("/careers/?company=" + tn.Slug)
		cards := len(cardRe.FindAllString(body, -1))
		m := countRe.FindStringSubmatch(body)
		if cards == 0 && m == nil {
			continue // nothing public yet: the empty page has no count
		}
		if m == nil || m[1] != fmt.Sprint(cards) {
			t.Fatalf("one response shows %d cards and the count %v", cards, m)
		}
		if facet := fmt.Sprintf("%s (%d)</option>", tn.Name, cards); cards > 0 && !strings.Contains(body, facet) {
			t.Fatalf("%d cards without the facet count %q", cards, facet)
		}
		n, states[cards] = cards, true
	}
	wg.Wait()
	if len(states) < 2 {
		t.Logf("the list went from nothing to all %d jobs in one step: no intermediate state was seen", jobs)
	}
}
