package publicapi_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/zumodra/zumodra/internal/kind"
	"github.com/zumodra/zumodra/internal/resync"
	"github.com/zumodra/zumodra/internal/tenants"
)

// syncCompanies writes the company rows through the real projection.
func (f *fixture) syncCompanies() {
	f.t.Helper()
	rep, err := resync.Run(context.Background(), f.pool, resync.Options{Catalogs: []kind.Catalog{kind.Companies}})
	if err == nil {
		err = rep.Err()
	}
	if err != nil {
		f.t.Fatal(err)
	}
}

func TestCompanyDetailAndList(t *testing.T) {
	f := newFixture(t)
	desc, site := "Robots.\n\nParcels.", "https://acme.example"
	if _, err := tenants.New(f.pool).Update(context.Background(), "acme", tenants.UpdateParams{Description: &desc, Website: &site}); err != nil {
		t.Fatal(err)
	}
	quiet, _, err := tenants.New(f.pool).Create(context.Background(), tenants.CreateParams{Slug: "quiet", Name: "Quiet"})
	if err != nil {
		t.Fatal(err)
	}
	f.syncCompanies()
	job := f.job("Go Developer", "contract", "Germany", time.Hour, nil)
	f.provider("Ada", 4.5)

	w := f.get("/api/v1/careers/jobs/" + itoa(job))
	if !strings.Contains(w.Body.String(), `"company_id":`+itoa(f.acme.ID)) {
		t.Fatalf("the job does not name its company: %s", w.Body.String())
	}
	w = f.get("/api/v1/companies/" + itoa(f.acme.ID))
	body := w.Body.String()
	for _, want := range []string{`"name":"Acme"`, `"slug":"acme"`, `"description":"Robots.\n\nParcels."`, `"website":"https://acme.example"`,
		`"open_jobs":1`, `"freelancers":1`, `"founded_year":null`, `"social_links":[]`} {
		if w.Code != http.StatusOK || !strings.Contains(body, want) {
			t.Errorf("%d: %s lacks %s", w.Code, body, want)
		}
	}
	if w.Header().Get("ETag") == "" {
		t.Error("no ETag")
	}
	// The list has acme alone: quiet lists nothing.
	w = f.get("/api/v1/companies")
	if w.Code != http.StatusOK || !strings.Contains(w.Body.String(), `"name":"Acme"`) || strings.Contains(w.Body.String(), "Quiet") {
		t.Errorf("list %d %s", w.Code, w.Body.String())
	}
	assertProblem(t, f.get("/api/v1/companies/"+itoa(quiet.ID)), http.StatusNotFound, "")
	assertProblem(t, f.get("/api/v1/companies/99999999"), http.StatusNotFound, "")
	assertProblem(t, f.get("/api/v1/companies/abc"), http.StatusBadRequest, "id")
	assertProblem(t, f.get("/api/v1/companies/"+itoa(f.acme.ID)+"?x=1"), http.StatusBadRequest, "x")

	if _, err := f.pool.Exec(context.Background(), `DELETE FROM public.job_catalog; DELETE FROM public.provider_catalog`); err != nil {
		t.Fatal(err)
	}
	assertProblem(t, f.get("/api/v1/companies/"+itoa(f.acme.ID)), http.StatusGone, "")
	if w := f.get("/api/v1/companies"); w.Code != http.StatusOK || w.Body.String() != `{"data":[]}`+"\n" {
		t.Errorf("empty list %d %q", w.Code, w.Body.String())
	}
}
