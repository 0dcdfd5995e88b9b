package tenantapi_test

import (
	"net/http"
	"strconv"
	"sync"
	"testing"
)

// Two editors read version 1 and both send their change: exactly one
// wins; the other gets 412 and its change is not applied.
func TestConcurrentEditsOneWins(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a := e.tenant("acme")
	for round := range 10 {
		id, tag := e.create(a.key, tp+"/jobs", validJob())
		path := tp + "/jobs/" + strconv.FormatInt(id, 10)
		statuses := make([]int, 2)
		var wg sync.WaitGroup
		start := make(chan struct{})
		for i := range 2 {
			wg.Go(func() {
				<-start
				statuses[i] = e.do("PATCH", path, a.key, map[string]any{"team": "editor" + strconv.Itoa(i)}, "If-Match", tag).status
			})
		}
		close(start)
		wg.Wait()
		ok, failed := 0, 0
		for _, s := range statuses {
			switch s {
			case http.StatusOK:
				ok++
			case http.StatusPreconditionFailed:
				failed++
			}
		}
		if ok != 1 || failed != 1 {
			t.Fatalf("round %d: statuses %v, want one 200 and one 412", round, statuses)
		}
		m := must(t, e.do("GET", path, a.key, nil), http.StatusOK).json(t)
		winner := 0
		if statuses[1] == http.StatusOK {
			winner = 1
		}
		if m["team"] != "editor"+strconv.Itoa(winner) || m["version"] != 2.0 {
			t.Fatalf("round %d: row %v after winner %d", round, m, winner)
		}
	}
}
