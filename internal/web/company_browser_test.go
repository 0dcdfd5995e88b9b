package web_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/tenants"
)

// showcaseProfiles gives the showcase's companies their profiles (acme a
// full one, the others none) and their company rows.
func showcaseProfiles(e *env, acme, globex, hub domain.Tenant) {
	desc := "Acme Robotics builds the robots that sort parcels in 40 warehouses across Europe.\n\n" +
		"We are 120 engineers, designers and operators who like hardware that works."
	site, industry, size, year, city, country := "https://acme.example", "Robotics", "51-200", 2011, "Berlin", "Germany"
	e.profile(acme, tenants.UpdateParams{Description: &desc, Website: &site, Industry: &industry, Size: &size,
		FoundedYear: &year, HQCity: &city, HQCountry: &country, SocialLinks: &[]string{"https://github.com/acme"}})
	e.profile(globex, tenants.UpdateParams{})
	e.profile(hub, tenants.UpdateParams{})
}

// In Chromium: a job page tells about its company and lists more of its
// jobs and similar ones; its company link opens the company page, with
// the profile, its jobs and freelancers, and the cards' links lead on.
func TestCompanyPagesInTheBrowser(t *testing.T) {
	e := newEnv(t) // parallel
	_, jobID := seedShowcase(e)
	srv := serveShowcase(t, e)
	ctx, consoleErrors := browser(t)
	do(t, ctx, "desktop", chromedp.EmulateViewport(1280, 900))

	do(t, ctx, "job page", chromedp.Navigate(srv.URL+"/careers/jobs/"+strconv.FormatInt(jobID, 10)+"/"), chromedp.WaitVisible(chromedp.CSS("#s-company")))
	if got := text(t, ctx, "#s-more-jobs"); got != "More jobs at Acme Robotics" {
		t.Errorf("more jobs heading %q", got)
	}
	more, similar := textsOf(t, ctx, "section[aria-labelledby=s-more-jobs] .card .company"), textsOf(t, ctx, "section[aria-labelledby=s-similar-jobs] .card h3")
	if len(more) == 0 || len(more) > 4 || len(similar) == 0 || len(similar) > 4 {
		t.Errorf("more jobs %q, similar jobs %q", more, similar)
	}
	for _, c := range more {
		if c != "Acme Robotics" {
			t.Errorf("another company's job among its more jobs: %q", c)
		}
	}
	if about := text(t, ctx, "section[aria-labelledby=s-company]"); !strings.Contains(about, "sort parcels") || strings.Contains(about, "120 engineers") {
		t.Errorf("about the company: %q (the first paragraph only)", about)
	}
	shot(t, ctx, "job-company-sections-desktop")

	do(t, ctx, "to the company page", chromedp.Click(chromedp.CSS("section[aria-labelledby=s-company] a")), chromedp.WaitVisible(chromedp.CSS(".company-page h1")))
	if u := location(t, ctx); !strings.Contains(u, "/companies/") || !strings.HasSuffix(u, "-acme-robotics/") {
		t.Errorf("company page at %s", u)
	}
	if got := text(t, ctx, "h1"); got != "Acme Robotics" {
		t.Errorf("h1 %q", got)
	}
	body := text(t, ctx, "main")
	for _, want := range []string{"We are 120 engineers", "Robotics", "51-200 employees", "2011", "Berlin, Germany", "github.com", "acme.example"} {
		if !strings.Contains(body, want) {
			t.Errorf("company page lacks %q", want)
		}
	}
	rel, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector(".company-site a").rel`))
	if err != nil || rel != "nofollow noopener noreferrer" {
		t.Errorf("website rel %q (%v)", rel, err)
	}
	ldType, err := chromedp.Run(ctx, chromedp.Evaluate[string](`JSON.parse(document.querySelector('script[type="application/ld+json"]').textContent)["@type"]`))
	if err != nil || ldType != "Organization" {
		t.Errorf("JSON-LD type %q (%v)", ldType, err)
	}
	jobs, freelancers := textsOf(t, ctx, "section[aria-labelledby=s-jobs] .card h3"), textsOf(t, ctx, "section[aria-labelledby=s-freelancers] .card h3")
	if len(jobs) < 10 || len(freelancers) == 0 {
		t.Errorf("company page lists %d jobs, %d freelancers", len(jobs), len(freelancers))
	}
	shot(t, ctx, "company-desktop")

	do(t, ctx, "phone", chromedp.EmulateViewport(375, 812, chromedp.EmulateMobile), chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS(".company-page h1")))
	fitsWidth(t, ctx, "company page")
	view(t, ctx, "company-phone-top")

	do(t, ctx, "a freelancer card's company link", chromedp.Navigate(srv.URL+"/browse-freelancers/?q=grace"), chromedp.WaitVisible(chromedp.CSS(".card")),
		chromedp.Click(chromedp.CSS(".card .card-foot .posted a")), chromedp.WaitVisible(chromedp.CSS(".company-page h1")))
	if got := text(t, ctx, "h1"); got != "Acme Robotics" {
		t.Errorf("freelancer's company page h1 %q", got)
	}
	if errs := consoleErrors(); len(errs) > 0 {
		t.Errorf("console errors: %q", errs)
	}
}
