package worker_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/zumodra/zumodra/internal/catalog"
	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/outbox"
	"github.com/zumodra/zumodra/internal/publicapi"
	"github.com/zumodra/zumodra/internal/testfactory"
	"github.com/zumodra/zumodra/internal/worker"
)

// Times no catalog row may hold, written by SQL straight into the tenant
// schema: year 10000 once the offset is applied, and both infinities.
var hostileTimes = []string{"9999-12-31T23:59:59-05:00", "infinity", "-infinity", "1899-12-31T23:59:59Z"}

// A public row edited to hold an unrepresentable time leaves the catalog
// and becomes a dead letter naming the field; its neighbours stay public and
// every public list keeps answering.
func TestHostileTimesBecomeRowErrorsNeverPublicRows(t *testing.T) {
	t.Parallel()
	e := newEnv(t, worker.Config{MaxAttempts: 1})
	tn := testfactory.Tenant(t, e.db, nil)
	good := testfactory.Job(t, e.db, tn, &testfactory.JobOpts{Title: "Go engineer"})
	goodProv := testfactory.Provider(t, e.db, tn, &testfactory.ProviderOpts{DisplayName: "Good Studio"})
	var badJobs, badProvs []int64
	for range hostileTimes {
		badJobs = append(badJobs, testfactory.Job(t, e.db, tn, &testfactory.JobOpts{Title: "Go developer"}).ID)
		badProvs = append(badProvs, testfactory.Provider(t, e.db, tn, nil).ID)
	}
	e.drain()
	if e.jobRow(tn, badJobs[0]) == nil || e.providerRow(tn, badProvs[0]) == nil {
		t.Fatal("setup: the rows are not public before the hostile edit")
	}

	for i, v := range hostileTimes {
		e.exec(tn, `UPDATE %s.job_postings SET published_at = $1::timestamptz WHERE id = $2`, v, badJobs[i])
		e.exec(tn, `UPDATE %s.service_providers SET published_at = $1::timestamptz WHERE id = $2`, v, badProvs[i])
	}
	e.exec(tn, `UPDATE %s.job_postings SET application_deadline = 'infinity' WHERE id = $1`, badJobs[1])
	tot := e.drain()
	// One job was edited twice: two outbox rows, both buried.
	if len(tot.Failed) != 2*len(hostileTimes) || tot.Dead != 2*len(hostileTimes)+1 || tot.Retried != 0 {
		t.Fatalf("failed %v, dead %d, retried %d: want every hostile row as a dead letter", tot.Failed, tot.Dead, tot.Retried)
	}
	for i := range hostileTimes {
		if e.jobRow(tn, badJobs[i]) != nil || e.providerRow(tn, badProvs[i]) != nil {
			t.Fatalf("hostile value %q left its row public", hostileTimes[i])
		}
	}
	if e.jobRow(tn, good.ID) == nil || e.providerRow(tn, goodProv.ID) == nil {
		t.Fatal("a healthy row left the catalog")
	}
	dead, err := outbox.ListDead(e.ctx, e.db, outbox.DeadFilter{TenantID: tn.ID})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range dead {
		if !strings.Contains(d.LastError, "published_at") || !strings.Contains(d.LastError, "1900") {
			t.Fatalf("dead letter %d does not name the field and the range: %q", d.SourceID, d.LastError)
		}
	}

	mux := http.NewServeMux()
	publicapi.New(catalog.New(e.db, catalog.Options{CacheTTL: -1}), publicapi.Options{BodyTTL: -1}).Routes(mux)
	srv := httptest.NewServer(mux)
	defer srv.Close()
	for _, path := range []string{"/api/v1/careers/jobs", "/api/v1/careers/jobs?q=go", "/api/v1/careers/stats",
		"/api/v1/providers?sort=newest", "/api/v1/careers/jobs?sort=newest"} {
		res, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusOK {
			t.Fatalf("GET %s: %d %s", path, res.StatusCode, body)
		}
	}
}

// The catalog itself refuses times outside the range, whoever writes it.
func TestCatalogRefusesTimesOutOfRange(t *testing.T) {
	t.Parallel()
	e := newEnv(t, worker.Config{})
	tn := testfactory.Tenant(t, e.db, nil)
	job := testfactory.Job(t, e.db, tn, nil)
	prov := testfactory.Provider(t, e.db, tn, nil)
	e.drain()
	// The SQL bounds are domain's, to the microsecond.
	var minIn, maxIn, belowIn, aboveIn bool
	err := e.db.QueryRow(e.ctx, `SELECT public.zumodra_time_in_range($1), public.zumodra_time_in_range($2),
		public.zumodra_time_in_range($3), public.zumodra_time_in_range($4)`, domain.MinTime, domain.MaxTime,
		domain.MinTime.Add(-time.Microsecond), domain.MaxTime.Add(time.Microsecond)).Scan(&minIn, &maxIn, &belowIn, &aboveIn)
	if err != nil || !minIn || !maxIn || belowIn || aboveIn {
		t.Fatalf("zumodra_time_in_range disagrees with domain: %v %v %v %v %v", minIn, maxIn, belowIn, aboveIn, err)
	}
	for _, v := range hostileTimes {
		for _, stmt := range []string{
			`UPDATE public.job_catalog SET published_at = $1::timestamptz WHERE source_id = $2`,
			`UPDATE public.job_catalog SET application_deadline = $1::timestamptz WHERE source_id = $2`,
			`UPDATE public.provider_catalog SET published_at = $1::timestamptz WHERE source_id = $2`,
		} {
			id := job.ID
			if strings.Contains(stmt, "provider") {
				id = prov.ID
			}
			_, err := e.db.Exec(e.ctx, stmt, v, id)
			if err == nil || !strings.Contains(err.Error(), "_range") {
				t.Fatalf("%s with %q: %v, want the range CHECK to refuse it", stmt, v, err)
			}
		}
	}
}
