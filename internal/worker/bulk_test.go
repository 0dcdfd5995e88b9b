package worker_test

import (
	"testing"

	"github.com/zumodra/zumodra/internal/kind"

	"github.com/zumodra/zumodra/internal/testfactory"
	"github.com/zumodra/zumodra/internal/worker"
)

func TestBulkUpdateOf1000RowsIsFullyApplied(t *testing.T) {
	t.Parallel()
	e := newEnv(t, worker.Config{BatchSize: 300})
	tn := testfactory.Tenant(t, e.db, nil)
	e.exec(tn, `INSERT INTO %s.job_postings (title, status, published_on_career_page, description)
		SELECT 'Bulk job ' || g, 'open', true, '<p>Job ' || g || '</p>' FROM generate_series(1, 1000) g`)
	e.drain()
	if j, _ := e.catalogCount(tn); j != 1000 {
		t.Fatalf("after bulk insert: %d jobs in the catalog, want 1000", j)
	}

	e.exec(tn, `UPDATE %s.job_postings SET title = title || ' (remote)', remote_policy = 'remote'`)
	if n := e.outboxCount(); n != 1000 {
		t.Fatalf("bulk update captured %d outbox rows, want 1000", n)
	}
	tot := e.drain()
	if st := tot.Stats[kind.Jobs]; st.Written != 1000 {
		t.Fatalf("bulk update applied %+v, want 1000 written", st)
	}
	if n := e.count(`SELECT count(*) FROM public.job_catalog WHERE tenant_id = $1 AND title LIKE '%(remote)' AND remote_policy = 'remote'`, tn.ID); n != 1000 {
		t.Fatalf("%d of 1000 rows updated", n)
	}

	e.exec(tn, `DELETE FROM %s.job_postings WHERE id %% 2 = 0`)
	e.drain()
	if j, _ := e.catalogCount(tn); j != 500 {
		t.Fatalf("after bulk delete: %d jobs, want 500", j)
	}
	testfactory.RequireConverged(t, e.db)
}

func TestTruncateIsHandled(t *testing.T) {
	t.Parallel()
	e := newEnv(t, worker.Config{})
	tn := testfactory.Tenant(t, e.db, nil)
	for range 3 {
		testfactory.Job(t, e.db, tn, nil)
	}
	prov := testfactory.Provider(t, e.db, tn, &testfactory.ProviderOpts{Skills: []testfactory.SkillOpts{{Name: "Go"}}})
	e.drain()

	e.exec(tn, `TRUNCATE %s.job_postings CASCADE`)
	e.exec(tn, `TRUNCATE %s.provider_skills`)
	e.drain()
	if j, p := e.catalogCount(tn); j != 0 || p != 1 {
		t.Fatalf("after TRUNCATE: %d jobs, %d providers; want 0, 1", j, p)
	}
	if names := e.providerRow(tn, prov.ID)["skill_names"].([]any); len(names) != 0 {
		t.Fatalf("truncated skills still listed: %v", names)
	}
	testfactory.RequireConverged(t, e.db)
}
