package faults

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/testfactory"
)

// tenantWithJobs creates a tenant with n public jobs.
func (d *db) tenantWithJobs(n int) (domain.Tenant, []int64) {
	d.t.Helper()
	tn := testfactory.Tenant(d.t, d.pool, nil)
	ids := make([]int64, n)
	for i := range ids {
		ids[i] = testfactory.Job(d.t, d.pool, tn, nil).ID
	}
	return tn, ids
}

// load is writers changing a tenant's jobs (titles, and publication every
// seventh change) and, with a site, readers of its public pages and API,
// until end. Errors are expected while the faults last and only counted;
// a 500 never is.
type load struct {
	stop                chan struct{}
	wg                  sync.WaitGroup
	writes, writeErrors atomic.Int64
	mu                  sync.Mutex
	statuses            map[int]int
}

func (d *db) startLoad(tn domain.Tenant, ids []int64, site string) *load {
	l := &load{stop: make(chan struct{}), statuses: map[int]int{}}
	table := pgx.Identifier{tn.SchemaName, "job_postings"}.Sanitize()
	l.wg.Go(func() {
		for i := 0; !l.stopped(); i++ {
			_, err := d.pool.Exec(context.Background(), `UPDATE `+table+` SET title = $2, published_on_career_page = $3 WHERE id = $1`,
				ids[i%len(ids)], fmt.Sprintf("Engineer %d", i), i%7 != 0)
			if err != nil {
				l.writeErrors.Add(1)
				time.Sleep(50 * time.Millisecond) // the database is away: do not spin
				continue
			}
			l.writes.Add(1)
			time.Sleep(2 * time.Millisecond) // a steady stream, not a flood on two cores
		}
	})
	if site == "" {
		return l
	}
	l.wg.Go(func() {
		paths := []string{"/careers/?q=engineer", "/api/v1/careers/jobs", "/careers/", "/api/v1/careers/stats"}
		for i := 0; !l.stopped(); i++ {
			r := get(site + paths[i%len(paths)])
			l.mu.Lock()
			l.statuses[r.status]++
			l.mu.Unlock()
			time.Sleep(5 * time.Millisecond)
		}
	})
	return l
}

func (l *load) stopped() bool {
	select {
	case <-l.stop:
		return true
	default:
		return false
	}
}

// end stops the load and fails the test if any read answered 500.
func (l *load) end(t *testing.T) {
	t.Helper()
	close(l.stop)
	l.wg.Wait()
	t.Logf("load: %d writes (%d refused during faults), reads by status %v", l.writes.Load(), l.writeErrors.Load(), l.statuses)
	if l.statuses[500] > 0 {
		t.Errorf("%d reads answered 500", l.statuses[500])
	}
	if l.writes.Load() == 0 {
		t.Error("no write got through")
	}
}
