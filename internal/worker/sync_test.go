package worker_test

import (
	"testing"

	"github.com/zumodra/zumodra/internal/kind"

	"github.com/zumodra/zumodra/internal/testfactory"
	"github.com/zumodra/zumodra/internal/worker"
)

func TestPublishAppearsAndEditUpdates(t *testing.T) {
	t.Parallel()
	e := newEnv(t, worker.Config{})
	tn := testfactory.Tenant(t, e.db, nil)
	job := testfactory.Job(t, e.db, tn, &testfactory.JobOpts{Published: new(false)})
	e.drain()
	if e.jobRow(tn, job.ID) != nil {
		t.Fatal("unpublished job is in the catalog")
	}

	e.exec(tn, `UPDATE %s.job_postings SET published_on_career_page = true WHERE id = $1`, job.ID)
	e.drain()
	row := e.jobRow(tn, job.ID)
	if row == nil || row["title"] != job.Title || row["company_name"] != tn.Name {
		t.Fatalf("published job row = %v", row)
	}

	e.exec(tn, `UPDATE %s.job_postings SET title = 'Staff Engineer', description = '<p onclick="x()">Hi<script>alert(1)</script></p>' WHERE id = $1`, job.ID)
	e.drain()
	row = e.jobRow(tn, job.ID)
	if row["title"] != "Staff Engineer" || row["description_html"] != "<p>Hi</p>" {
		t.Fatalf("edited row title=%q description=%q", row["title"], row["description_html"])
	}
	testfactory.RequireConverged(t, e.db)
}

func TestNoOpEditDoesNotRewrite(t *testing.T) {
	t.Parallel()
	e := newEnv(t, worker.Config{})
	tn := testfactory.Tenant(t, e.db, nil)
	job := testfactory.Job(t, e.db, tn, nil)
	e.drain()
	before := e.jobRow(tn, job.ID)

	e.exec(tn, `UPDATE %s.job_postings SET internal_notes = 'changed, private' WHERE id = $1`, job.ID)
	tot := e.drain()
	if st := tot.Stats[kind.Jobs]; st.Unchanged != 1 || st.Written != 0 {
		t.Fatalf("no-op edit stats = %+v, want 1 unchanged", st)
	}
	after := e.jobRow(tn, job.ID)
	if after["synced_at"] != before["synced_at"] || after["source_version"] != before["source_version"] {
		t.Fatal("a no-op edit rewrote the catalog row")
	}
}

func TestIneligibleChangesRemove(t *testing.T) {
	t.Parallel()
	e := newEnv(t, worker.Config{})
	tn := testfactory.Tenant(t, e.db, nil)
	cases := map[string]string{
		"unpublish":     `UPDATE %s.job_postings SET published_on_career_page = false WHERE id = $1`,
		"close":         `UPDATE %s.job_postings SET status = 'closed' WHERE id = $1`,
		"internal only": `UPDATE %s.job_postings SET is_internal_only = true WHERE id = $1`,
		"delete":        `DELETE FROM %s.job_postings WHERE id = $1`,
	}
	ids := map[string]int64{}
	for name := range cases {
		ids[name] = testfactory.Job(t, e.db, tn, nil).ID
	}
	keep := testfactory.Job(t, e.db, tn, nil)
	e.drain()
	for name, sql := range cases {
		if e.jobRow(tn, ids[name]) == nil {
			t.Fatalf("%s: job not public before the change", name)
		}
		e.exec(tn, sql, ids[name])
	}
	e.drain()
	for name := range cases {
		if e.jobRow(tn, ids[name]) != nil {
			t.Errorf("%s: job still in the catalog", name)
		}
	}
	if e.jobRow(tn, keep.ID) == nil {
		t.Error("unrelated job was removed")
	}
	testfactory.RequireConverged(t, e.db)
}

func TestSalaryOnlyWhenShown(t *testing.T) {
	t.Parallel()
	e := newEnv(t, worker.Config{})
	tn := testfactory.Tenant(t, e.db, nil)
	job := testfactory.Job(t, e.db, tn, nil) // show_salary false, salary set in the source
	e.drain()
	row := e.jobRow(tn, job.ID)
	for _, col := range []string{"salary_min", "salary_max", "salary_currency", "salary_period"} {
		if row[col] != nil {
			t.Errorf("hidden salary: %s = %v, want NULL", col, row[col])
		}
	}
	e.exec(tn, `UPDATE %s.job_postings SET show_salary = true WHERE id = $1`, job.ID)
	e.drain()
	if row = e.jobRow(tn, job.ID); row["salary_min"] == nil || row["salary_currency"] != "EUR" {
		t.Fatalf("shown salary missing: %v %v", row["salary_min"], row["salary_currency"])
	}
	e.exec(tn, `UPDATE %s.job_postings SET show_salary = false WHERE id = $1`, job.ID)
	e.drain()
	if row = e.jobRow(tn, job.ID); row["salary_min"] != nil {
		t.Fatalf("salary still shown after hiding: %v", row["salary_min"])
	}
}

func TestProviderDisabledOrUserDeactivatedRemoves(t *testing.T) {
	t.Parallel()
	e := newEnv(t, worker.Config{})
	tn := testfactory.Tenant(t, e.db, nil)
	cases := map[string]string{
		"marketplace disabled": `UPDATE %s.service_providers SET marketplace_enabled = false WHERE id = $1`,
		"inactive":             `UPDATE %s.service_providers SET is_active = false WHERE id = $1`,
		"user deactivated":     `UPDATE %s.service_providers SET user_is_active = false WHERE id = $1`,
		"deleted":              `DELETE FROM %s.service_providers WHERE id = $1`,
	}
	ids := map[string]int64{}
	for name := range cases {
		ids[name] = testfactory.Provider(t, e.db, tn, nil).ID
	}
	e.drain()
	for name, sql := range cases {
		if e.providerRow(tn, ids[name]) == nil {
			t.Fatalf("%s: provider not public before the change", name)
		}
		e.exec(tn, sql, ids[name])
	}
	e.drain()
	for name := range cases {
		if e.providerRow(tn, ids[name]) != nil {
			t.Errorf("%s: provider still in the catalog", name)
		}
	}
}
