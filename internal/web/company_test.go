package web_test

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/kind"
	"github.com/zumodra/zumodra/internal/resync"
	"github.com/zumodra/zumodra/internal/tenants"
)

// profile gives tn a company profile and syncs its company row through the
// real projection and apply (the catalog rows of these tests are written
// directly; the company row is the projection's).
func (e *env) profile(tn domain.Tenant, p tenants.UpdateParams) {
	e.t.Helper()
	ctx := context.Background()
	if !p.Empty() {
		if _, err := tenants.New(e.pool).Update(ctx, tn.Slug, p); err != nil {
			e.t.Fatal(err)
		}
	}
	rep, err := resync.Run(ctx, e.pool, resync.Options{TenantSlugs: []string{tn.Slug}, Catalogs: []kind.Catalog{kind.Companies}})
	if err == nil {
		err = rep.Err()
	}
	if err != nil {
		e.t.Fatal(err)
	}
}

func companyPath(tn domain.Tenant, slug string) string {
	return "/companies/" + strconv.FormatInt(tn.ID, 10) + slug + "/"
}

func TestCompanyPage(t *testing.T) {
	e := newEnv(t)
	acme := e.tenant("acme", "Acme Robotics", "")
	desc := "We build robots.\n\n<script>alert(1)</script> & friends."
	site, year, size, city, country := "https://acme.example/", 2009, "51-200", "Berlin", "Germany"
	e.profile(acme, tenants.UpdateParams{Description: &desc, Website: &site, FoundedYear: &year, Size: &size,
		HQCity: &city, HQCountry: &country, SocialLinks: &[]string{"https://github.com/acme"}})
	e.job(acme, func(r *jobRow) { r.Title = "Robot Whisperer" })
	e.provider(acme, func(r *providerRow) { r.Name = "Grace Hopper" })
	canonical := companyPath(acme, "-acme-robotics")

	for _, p := range []string{companyPath(acme, ""), companyPath(acme, "-old-name")} {
		res, _ := e.get(p)
		if res.StatusCode != http.StatusMovedPermanently || res.Header.Get("Location") != canonical {
			t.Errorf("GET %s: %d to %q, want 301 to %s", p, res.StatusCode, res.Header.Get("Location"), canonical)
		}
	}
	body := e.mustGet(canonical, http.StatusOK)
	contains(t, body, "<h1>Acme Robotics</h1>", "<p>We build robots.</p>", "<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; friends.</p>",
		`<a href="https://acme.example/" rel="nofollow noopener noreferrer">acme.example</a>`, "51-200 employees", "2009",
		"Berlin, Germany", `<a href="https://github.com/acme" rel="nofollow noopener noreferrer">github.com</a>`,
		"Robot Whisperer", "Grace Hopper", "1 open job", `href="/careers/?company=acme"`,
		`<link rel="canonical" href="https://jobs.example.test`+canonical+`">`)
	lacks(t, body, "<script>alert(1)")
	ld := jsonLD(t, body)
	if ld["@type"] != "Organization" || ld["name"] != "Acme Robotics" || ld["url"] != "https://jobs.example.test"+canonical ||
		ld["foundingDate"] != "2009" {
		t.Errorf("Organization JSON-LD %v", ld)
	}
	if same, _ := ld["sameAs"].([]any); len(same) != 2 || same[0] != site || same[1] != "https://github.com/acme" {
		t.Errorf("sameAs %v", ld["sameAs"])
	}

	// Cards link to the company page where its name appears.
	contains(t, e.mustGet("/careers/", http.StatusOK), `<a href="`+canonical+`">Acme Robotics</a>`)
	contains(t, e.mustGet("/browse-freelancers/", http.StatusOK), `<a href="`+canonical+`">Acme Robotics</a>`)

	// In the sitemap.
	contains(t, e.mustGet("/sitemap.xml", http.StatusOK), "https://jobs.example.test/sitemaps/companies-1.xml")
	contains(t, e.mustGet("/sitemaps/companies-1.xml", http.StatusOK), "<loc>https://jobs.example.test"+canonical+"</loc>")

	// A company that never listed anything has no page; an id never a
	// company neither.
	quiet := e.tenant("quiet", "Quiet Ltd", "")
	e.profile(quiet, tenants.UpdateParams{})
	for _, p := range []string{companyPath(quiet, "-quiet-ltd"), "/companies/99999999/", "/companies/x/", "/companies/-1/"} {
		e.mustGet(p, http.StatusNotFound)
	}
	lacks(t, e.mustGet("/sitemaps/companies-1.xml", http.StatusOK), companyPath(quiet, ""))

	// Once its last listing goes, the page is gone.
	if _, err := e.pool.Exec(context.Background(), `DELETE FROM public.job_catalog WHERE tenant_id = $1`, acme.ID); err != nil {
		t.Fatal(err)
	}
	contains(t, e.mustGet(canonical, http.StatusOK), "Grace Hopper", "has no open positions right now")
	if _, err := e.pool.Exec(context.Background(), `DELETE FROM public.provider_catalog WHERE tenant_id = $1`, acme.ID); err != nil {
		t.Fatal(err)
	}
	contains(t, e.mustGet(canonical, http.StatusGone), "no longer lists jobs or freelancers")
	lacks(t, e.mustGet("/sitemaps/companies-1.xml", http.StatusOK), canonical)

	// A deleted tenant's company page stays gone, not unknown.
	initech := e.tenant("initech", "Initech", "")
	e.profile(initech, tenants.UpdateParams{})
	e.job(initech, nil)
	e.mustGet(companyPath(initech, "-initech"), http.StatusOK)
	if err := tenants.New(e.pool).Delete(context.Background(), "initech"); err != nil {
		t.Fatal(err)
	}
	e.mustGet(companyPath(initech, "-initech"), http.StatusGone)
}

// A job page tells about its company, lists a few of its other jobs and
// similar jobs of other companies first; its JobPosting names the
// company's website as sameAs, and nothing when it gives none.
func TestJobPageCompanySections(t *testing.T) {
	e := newEnv(t)
	acme := e.tenant("acme", "Acme Robotics", "")
	desc, site := strings.Repeat("We build robots that sort parcels. ", 20)+"\n\nSecond paragraph.", "https://acme.example"
	e.profile(acme, tenants.UpdateParams{Description: &desc, Website: &site})
	globex := e.tenant("globex", "Globex", "")
	e.profile(globex, tenants.UpdateParams{})
	job := e.job(acme, func(r *jobRow) { r.Title, r.Skills = "Robot Whisperer", []string{"ROS", "Go"} })
	e.job(acme, func(r *jobRow) { r.Title, r.CategorySlug, r.Skills = "Office Manager", "admin", []string{"Excel"} })
	e.job(globex, func(r *jobRow) { r.Title, r.CategorySlug, r.Skills = "Parcel Robot Engineer", "ops", []string{"ROS"} })
	e.job(globex, func(r *jobRow) { r.Title, r.CategorySlug, r.Skills = "Accountant", "finance", []string{"Excel"} })
	other := e.job(globex, func(r *jobRow) { r.Title, r.Skills = "Globex Go Developer", []string{"Java"} })
	e.job(acme, func(r *jobRow) { r.Title, r.PublishedAt = "Robot Tester", now.Add(-time.Hour) }) // the newest, but of the same company

	body := e.mustGet("/careers/jobs/"+strconv.FormatInt(job, 10)+"/", http.StatusOK)
	canonical := companyPath(acme, "-acme-robotics")
	contains(t, body, `<h2 id="s-company">About the company</h2>`, `<a href="`+canonical+`"><strong>Acme Robotics</strong></a>`,
		"We build robots that sort parcels.", "…", "More jobs at Acme Robotics", "Office Manager",
		`<h2 id="s-similar-jobs">Similar jobs</h2>`, "Parcel Robot Engineer", "Globex Go Developer")
	lacks(t, body, "Second paragraph.", "Accountant")
	similar := body[strings.Index(body, `id="s-similar-jobs"`):]
	tester := strings.Index(similar, "Robot Tester")
	if tester < 0 || strings.Index(similar, "Globex Go Developer") > tester || strings.Index(similar, "Parcel Robot Engineer") > tester ||
		strings.Contains(similar, "Office Manager") {
		t.Errorf("similar jobs: other companies' first, the company's own after, nothing unrelated:\n%s", snippet(similar))
	}
	org := jsonLD(t, body)["hiringOrganization"].(map[string]any)
	if org["sameAs"] != site || org["url"] != "https://jobs.example.test"+canonical {
		t.Errorf("hiringOrganization %v", org)
	}
	org = jsonLD(t, e.mustGet("/careers/jobs/"+strconv.FormatInt(other, 10)+"/", http.StatusOK))["hiringOrganization"].(map[string]any)
	if _, ok := org["sameAs"]; ok {
		t.Errorf("a company without a website has sameAs %v", org["sameAs"])
	}
}
