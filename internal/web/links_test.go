package web_test

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/zumodra/zumodra/internal/resync"
	"github.com/zumodra/zumodra/internal/tenants"
	"github.com/zumodra/zumodra/internal/testfactory"
)

// A row's address is its id and a slug of its title; any other slug, or
// none, is a 301 to it that keeps the query, and a hostile "slug" never
// reaches a redirect target.
func TestCanonicalAddressRedirects(t *testing.T) {
	e := newEnv(t)
	acme := e.tenant("acme", "Acme Robotics", "")
	job := strconv.FormatInt(e.job(acme, func(r *jobRow) { r.Title = "Café Manager (Zürich)" }), 10)
	prov := strconv.FormatInt(e.provider(acme, func(r *providerRow) { r.Name = "Renée O'Brien" }), 10)
	canonJob, canonProv := "/careers/jobs/"+job+"-cafe-manager-zurich/", "/browse-freelancers/"+prov+"-renee-o-brien/"
	for from, to := range map[string]string{
		"/careers/jobs/" + job + "/":                         canonJob,
		"/careers/jobs/" + job + "-old-title/?utm_source=x":  canonJob + "?utm_source=x",
		"/careers/jobs/" + job + "-%3Cscript%3E/":            canonJob,
		"/careers/jobs/" + job + "-cafe-manager-zurich":      canonJob,
		"/browse-freelancers/" + prov + "/":                  canonProv,
		"/browse-freelancers/" + prov + "-someone-else/?a=1": canonProv + "?a=1",
	} {
		res, _ := e.get(from)
		if loc := res.Header.Get("Location"); res.StatusCode != http.StatusMovedPermanently || loc != to {
			// "…-zurich" without its slash goes through the slash first.
			if !strings.HasSuffix(from, "zurich") || loc != from+"/" {
				t.Errorf("GET %s: %d to %q, want 301 to %s", from, res.StatusCode, loc, to)
			}
		}
	}
	body := e.mustGet(canonJob, http.StatusOK)
	contains(t, body, `<link rel="canonical" href="`+baseURL+canonJob+`">`, `action="`+canonJob+`apply#apply"`)
	contains(t, e.mustGet(canonProv, http.StatusOK), `<link rel="canonical" href="`+baseURL+canonProv+`">`)
}

// A row that was public and is not answers 410 with what went and what
// its company and its category still list; an id never handed out, 404.
func TestGoneRowAnswers410WithSuggestions(t *testing.T) {
	e := newEnv(t)
	acme := e.tenant("acme", "Acme Robotics", "")
	globex := e.tenant("globex", "Globex", "")
	gone := e.job(acme, func(r *jobRow) { r.Title, r.CategorySlug = "Robot Whisperer", "robotics" })
	e.job(acme, func(r *jobRow) { r.Title, r.CategorySlug = "Welder", "trades" })
	e.job(globex, func(r *jobRow) { r.Title, r.CategorySlug = "Drone Pilot", "robotics" })
	e.job(globex, func(r *jobRow) { r.Title, r.CategorySlug = "Accountant", "finance" })
	if _, err := e.pool.Exec(context.Background(), `DELETE FROM public.job_catalog WHERE id = $1`, gone); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"/careers/jobs/" + strconv.FormatInt(gone, 10) + "-robot-whisperer/", "/careers/jobs/" + strconv.FormatInt(gone, 10) + "/"} {
		res, body := e.get(p)
		if res.StatusCode != http.StatusGone {
			t.Fatalf("GET %s: %d, want 410", p, res.StatusCode)
		}
		contains(t, body, "No longer available", "“Robot Whisperer” at Acme Robotics is no longer listed",
			"More jobs at Acme Robotics", ">Welder</a>", "Similar jobs", ">Drone Pilot</a>", `<meta name="robots" content="noindex">`)
		lacks(t, body, "Accountant", `href="/careers/jobs/`+strconv.FormatInt(gone, 10))
	}
	for _, p := range []string{"/careers/jobs/" + strconv.FormatInt(gone+1000, 10) + "-robot-whisperer/", "/browse-freelancers/" + strconv.FormatInt(gone, 10) + "/"} {
		if res, _ := e.get(p); res.StatusCode != http.StatusNotFound {
			t.Errorf("never public %s: %d, want 404", p, res.StatusCode)
		}
	}
	prov := e.provider(acme, func(r *providerRow) { r.Name = "Ada Lovelace" })
	e.provider(acme, func(r *providerRow) { r.Name = "Grace Hopper" })
	if _, err := e.pool.Exec(context.Background(), `DELETE FROM public.provider_catalog WHERE id = $1`, prov); err != nil {
		t.Fatal(err)
	}
	res, body := e.get("/browse-freelancers/" + strconv.FormatInt(prov, 10) + "-ada-lovelace/")
	if res.StatusCode != http.StatusGone {
		t.Fatalf("gone provider: %d, want 410", res.StatusCode)
	}
	contains(t, body, "“Ada Lovelace” at Acme Robotics is no longer listed", "More freelancers at Acme Robotics", ">Grace Hopper</a>")
}

// An application to a job that went keeps everything the visitor typed,
// escaped, on the 410 page; nothing is stored.
func TestApplyToGoneJobKeepsWhatWasTyped(t *testing.T) {
	e := newEnv(t)
	acme := e.tenant("acme", "Acme Robotics", "")
	id, sourceID := e.publicJob(acme, &testfactory.JobOpts{Title: "Robot Whisperer"})
	if _, err := e.pool.Exec(context.Background(), `UPDATE t_acme.job_postings SET status = 'closed' WHERE id = $1`, sourceID); err != nil {
		t.Fatal(err)
	}
	form := application()
	form.Set("cover_letter", "Ten years of <script>alert(1)</script> robots.\nSecond line.")
	res, body := e.post("/careers/jobs/"+strconv.FormatInt(id, 10)+"-robot-whisperer/apply", form)
	if res.StatusCode != http.StatusGone {
		t.Fatalf("status %d, want 410", res.StatusCode)
	}
	contains(t, body, "nothing was sent", "What you typed is below", ">Jane Doe</textarea>", ">jane@example.com</textarea>",
		"Ten years of &lt;script&gt;alert(1)&lt;/script&gt; robots.\nSecond line.</textarea>",
		"https://example.com/jane.pdf")
	lacks(t, body, "<script>alert(1)")
	if n := e.count(acme, "applications"); n != 0 {
		t.Errorf("%d applications stored", n)
	}
	pid, psrc := e.publicProvider(acme)
	if _, err := e.pool.Exec(context.Background(), `UPDATE t_acme.service_providers SET is_active = false WHERE id = $1`, psrc); err != nil {
		t.Fatal(err)
	}
	res, body = e.post("/browse-freelancers/"+strconv.FormatInt(pid, 10)+"/inquire", map[string][]string{
		"name": {"Jane"}, "email": {"jane@example.com"}, "message": {"A bridge, please."}, "budget": {"500"}})
	if res.StatusCode != http.StatusGone {
		t.Fatalf("inquiry: status %d, want 410", res.StatusCode)
	}
	contains(t, body, ">A bridge, please.</textarea>", ">500</textarea>")
}

// The address of a job and of a provider survives unpublish and republish,
// and suspend and activate, through the real sync; while away it is 410.
func TestAddressSurvivesUnpublishAndSuspend(t *testing.T) {
	e := newEnv(t)
	acme := e.tenant("acme", "Acme Robotics", "")
	jobID, jobSrc := e.publicJob(acme, &testfactory.JobOpts{Title: "Robot Whisperer"})
	provID, _ := e.publicProvider(acme)
	jobPath := "/careers/jobs/" + strconv.FormatInt(jobID, 10) + "-robot-whisperer/"
	e.mustGet(jobPath, http.StatusOK)
	provPath := "/browse-freelancers/" + strconv.FormatInt(provID, 10) + "/"
	e.mustGet(provPath, http.StatusOK)
	ctx := context.Background()
	sync := func() {
		t.Helper()
		if _, err := resync.Run(ctx, e.pool, resync.Options{TenantSlugs: []string{acme.Slug}}); err != nil {
			t.Fatal(err)
		}
	}
	away := func(why string) {
		t.Helper()
		sync()
		if res, _ := e.get(jobPath); res.StatusCode != http.StatusGone {
			t.Errorf("%s: job %d, want 410", why, res.StatusCode)
		}
		if res, _ := e.get(provPath); res.StatusCode != http.StatusGone {
			t.Errorf("%s: provider %d, want 410", why, res.StatusCode)
		}
	}
	back := func(why string) {
		t.Helper()
		sync()
		e.getIn(t, jobPath, http.StatusOK)
		e.getIn(t, provPath, http.StatusOK)
	}
	exec := func(sql string, args ...any) {
		t.Helper()
		if _, err := e.pool.Exec(ctx, sql, args...); err != nil {
			t.Fatal(err)
		}
	}
	exec(`UPDATE t_acme.job_postings SET published_on_career_page = false WHERE id = $1`, jobSrc)
	exec(`UPDATE t_acme.service_providers SET marketplace_enabled = false`)
	away("unpublished")
	exec(`UPDATE t_acme.job_postings SET published_on_career_page = true WHERE id = $1`, jobSrc)
	exec(`UPDATE t_acme.service_providers SET marketplace_enabled = true`)
	back("republished")
	store := tenants.New(e.pool)
	if _, err := store.Suspend(ctx, acme.Slug); err != nil {
		t.Fatal(err)
	}
	away("suspended")
	if _, err := store.Activate(ctx, acme.Slug); err != nil {
		t.Fatal(err)
	}
	back("activated")
}
