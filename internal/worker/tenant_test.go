package worker_test

import (
	"slices"
	"testing"

	"github.com/zumodra/zumodra/internal/tenants"
	"github.com/zumodra/zumodra/internal/testfactory"
	"github.com/zumodra/zumodra/internal/worker"
)

func TestSuspendRemovesAllAndActivateBringsBack(t *testing.T) {
	t.Parallel()
	e := newEnv(t, worker.Config{PageSize: 2}) // several pages per full pass
	tn := testfactory.Tenant(t, e.db, nil)
	other := testfactory.Tenant(t, e.db, nil)
	for range 5 {
		testfactory.Job(t, e.db, tn, nil)
	}
	testfactory.Job(t, e.db, other, nil)
	for range 3 {
		testfactory.Provider(t, e.db, tn, nil)
	}
	e.drain()
	if j, p := e.catalogCount(tn); j != 5 || p != 3 {
		t.Fatalf("before suspension: %d jobs, %d providers", j, p)
	}

	store := tenants.New(e.db)
	if _, err := store.Suspend(e.ctx, tn.Slug); err != nil {
		t.Fatal(err)
	}
	e.drain()
	if j, p := e.catalogCount(tn); j != 0 || p != 0 {
		t.Fatalf("suspended tenant still has %d jobs, %d providers in the catalog", j, p)
	}
	if j, _ := e.catalogCount(other); j != 1 {
		t.Fatal("another tenant's rows were touched")
	}
	// A job published while suspended stays private.
	testfactory.Job(t, e.db, tn, nil)
	e.drain()
	if j, _ := e.catalogCount(tn); j != 0 {
		t.Fatal("job published in a suspended tenant became public")
	}

	if _, err := store.Activate(e.ctx, tn.Slug); err != nil {
		t.Fatal(err)
	}
	e.drain()
	if j, p := e.catalogCount(tn); j != 6 || p != 3 {
		t.Fatalf("after activation: %d jobs, %d providers; want 6, 3", j, p)
	}
	testfactory.RequireConverged(t, e.db)
}

func TestRenamesPropagate(t *testing.T) {
	t.Parallel()
	e := newEnv(t, worker.Config{})
	tn := testfactory.Tenant(t, e.db, nil)
	jc := testfactory.JobCategory(t, e.db, tn, &testfactory.CategoryOpts{Name: "Engineering", Slug: "engineering"})
	pc := testfactory.ProviderCategory(t, e.db, tn, &testfactory.CategoryOpts{Name: "Design", Slug: "design"})
	job := testfactory.Job(t, e.db, tn, &testfactory.JobOpts{CategoryID: &jc.ID})
	prov := testfactory.Provider(t, e.db, tn, &testfactory.ProviderOpts{CategoryIDs: []int64{pc.ID}})
	e.drain()
	if row := e.jobRow(tn, job.ID); row["category_slug"] != "engineering" {
		t.Fatalf("category not denormalised: %v", row["category_slug"])
	}

	if _, err := tenants.New(e.db).Rename(e.ctx, tn.Slug, "Globex Corporation"); err != nil {
		t.Fatal(err)
	}
	e.exec(tn, `UPDATE %s.job_categories SET name = 'Software', slug = 'software' WHERE id = $1`, jc.ID)
	e.exec(tn, `UPDATE %s.provider_categories SET name = 'Branding' WHERE id = $1`, pc.ID)
	e.drain()

	jr := e.jobRow(tn, job.ID)
	if jr["company_name"] != "Globex Corporation" || jr["category_name"] != "Software" || jr["category_slug"] != "software" {
		t.Fatalf("job after renames: company=%v category=%v/%v", jr["company_name"], jr["category_name"], jr["category_slug"])
	}
	pr := e.providerRow(tn, prov.ID)
	if pr["company_name"] != "Globex Corporation" || !slices.Equal(toStrings(pr["category_names"]), []string{"Branding"}) {
		t.Fatalf("provider after renames: company=%v categories=%v", pr["company_name"], pr["category_names"])
	}
	testfactory.RequireConverged(t, e.db)
}

func TestSkillAddedUpdatesProvider(t *testing.T) {
	t.Parallel()
	e := newEnv(t, worker.Config{})
	tn := testfactory.Tenant(t, e.db, nil)
	prov := testfactory.Provider(t, e.db, tn, &testfactory.ProviderOpts{
		Skills: []testfactory.SkillOpts{{Name: "Go", Level: "expert", Years: 6}},
	})
	e.drain()
	testfactory.Skill(t, e.db, tn, prov.ID, testfactory.SkillOpts{Name: "PostgreSQL", Level: "advanced", Years: 4})
	e.drain()
	names := toStrings(e.providerRow(tn, prov.ID)["skill_names"])
	if !slices.Contains(names, "PostgreSQL") || !slices.Contains(names, "Go") {
		t.Fatalf("skill_names = %v, want Go and PostgreSQL", names)
	}
	e.exec(tn, `DELETE FROM %s.provider_skills WHERE name = 'Go'`)
	e.drain()
	if names := toStrings(e.providerRow(tn, prov.ID)["skill_names"]); slices.Contains(names, "Go") {
		t.Fatalf("removed skill still listed: %v", names)
	}
	testfactory.RequireConverged(t, e.db)
}

func toStrings(v any) []string {
	var out []string
	for _, x := range v.([]any) {
		out = append(out, x.(string))
	}
	return out
}
