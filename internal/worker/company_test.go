package worker_test

import (
	"strings"
	"testing"

	"github.com/zumodra/zumodra/internal/kind"
	"github.com/zumodra/zumodra/internal/tenants"
	"github.com/zumodra/zumodra/internal/testfactory"
	"github.com/zumodra/zumodra/internal/worker"
)

// A tenant's company row follows its life without anyone calling the sync:
// created with the tenant, edited with its profile (as the projection
// cleans it), gone while suspended and back under the same id.
func TestCompanyRowFollowsTheTenant(t *testing.T) {
	t.Parallel()
	e := newEnv(t, worker.Config{})
	tn := testfactory.Tenant(t, e.db, nil)
	other := testfactory.Tenant(t, e.db, nil)
	testfactory.Job(t, e.db, tn, nil)
	e.drain()
	row := e.catalogRow("company_catalog", tn, tn.ID)
	if row == nil || row["id"] != tn.ID || row["name"] != tn.Name || row["slug"] != tn.Slug {
		t.Fatalf("new tenant's company row: %v", row)
	}

	store := tenants.New(e.db)
	desc := "We build tools.\r\n\r\n\r\nSince\x07 2009.\n\n"
	site, x, year := "https://acme.example/about", "https://x.com/acme", 2009
	_, err := store.Update(e.ctx, tn.Slug, tenants.UpdateParams{Description: &desc, Website: &site,
		FoundedYear: &year, SocialLinks: &[]string{x}})
	if err != nil {
		t.Fatal(err)
	}
	// A writer other than zumodra stores what the API would refuse; the
	// projection keeps it off the page.
	if _, err := e.db.Exec(e.ctx, `UPDATE public.tenants SET social_links = social_links ||
		'{javascript:alert(1),http://plain.example,https://x.com/acme}' WHERE id = $1`, tn.ID); err != nil {
		t.Fatal(err)
	}
	tot := e.drain()
	if tot.Stats[kind.Jobs].Eligible != 0 {
		t.Errorf("a profile edit re-read the job catalog: %+v", tot.Stats)
	}
	row = e.catalogRow("company_catalog", tn, tn.ID)
	if row["description"] != "We build tools.\n\nSince 2009." || row["website"] != site || row["founded_year"] != int32(2009) {
		t.Fatalf("edited company row: %v", row)
	}
	if links := row["social_links"].([]any); len(links) != 1 || links[0] != x {
		t.Fatalf("social links %v, want only %s", links, x)
	}
	for col, v := range row {
		if s, ok := v.(string); ok && strings.Contains(s, tn.SchemaName) {
			t.Errorf("column %s holds the schema name: %q", col, s)
		}
	}

	if _, err := store.Suspend(e.ctx, tn.Slug); err != nil {
		t.Fatal(err)
	}
	e.drain()
	if row := e.catalogRow("company_catalog", tn, tn.ID); row != nil {
		t.Fatalf("a suspended tenant keeps its company row: %v", row)
	}
	if e.catalogRow("company_catalog", other, other.ID) == nil {
		t.Fatal("another tenant's company row went")
	}
	if _, err := store.Activate(e.ctx, tn.Slug); err != nil {
		t.Fatal(err)
	}
	e.drain()
	if row := e.catalogRow("company_catalog", tn, tn.ID); row == nil || row["id"] != tn.ID {
		t.Fatalf("after activation: %v", row)
	}
	// A rename reaches the company row and the listings in one batch.
	if _, err := store.Rename(e.ctx, tn.Slug, "Initech"); err != nil {
		t.Fatal(err)
	}
	if tot := e.drain(); tot.Batches != 1 {
		t.Errorf("a rename took %d batches", tot.Batches)
	}
	var company, job string
	if err := e.db.QueryRow(e.ctx, `SELECT c.name, j.company_name FROM public.company_catalog c
		JOIN public.job_catalog j USING (tenant_id) WHERE c.id = $1`, tn.ID).Scan(&company, &job); err != nil || company != "Initech" || job != "Initech" {
		t.Fatalf("after a rename: company %q, job %q (%v)", company, job, err)
	}
	testfactory.RequireConverged(t, e.db)

	if err := store.Delete(e.ctx, tn.Slug); err != nil {
		t.Fatal(err)
	}
	e.drain()
	if n := e.count(`SELECT count(*) FROM public.company_catalog WHERE id = $1`, tn.ID); n != 0 {
		t.Fatal("a deleted tenant keeps its company row")
	}
}
