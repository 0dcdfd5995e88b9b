package web_test

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/zumodra/zumodra/internal/httpx"
	"github.com/zumodra/zumodra/internal/web"
)

// TestBrowser walks the seed's Step 6 checklist in real headless Chromium,
// under the production CSP, and saves desktop and mobile screenshots to
// artifacts/web for a person to look at.
func TestBrowser(t *testing.T) {
	t.Parallel()
	e := newEnvWith(t, web.Config{FormLimiter: httpx.NewRateLimiter(600, 100)})
	acme, applyID := seedShowcase(e)
	srv := serveShowcase(t, e)
	ctx, consoleErrors := browser(t)
	do(t, ctx, "desktop viewport", chromedp.EmulateViewport(1280, 900))

	t.Run("careers page loads with jobs from all tenants", func(t *testing.T) {
		do(t, ctx, "open /careers/", chromedp.Navigate(srv.URL+"/careers/"), chromedp.WaitVisible(chromedp.CSS(".card")))
		if got := text(t, ctx, "#results-title"); got != "27 jobs" {
			t.Errorf("results title %q", got)
		}
		body := text(t, ctx, "main")
		for _, want := range []string{"Acme Robotics", "Globex Corporation", "View Details & Apply", "Posted ", "Berlin, Germany", "€"} {
			if !strings.Contains(body, want) {
				t.Errorf("page lacks %q", want)
			}
		}
		shot(t, ctx, "careers-desktop")
		view(t, ctx, "careers-desktop-top")
	})
	t.Run("keyboard: skip link first, then into main", func(t *testing.T) {
		do(t, ctx, "tab", chromedp.KeyEvent("\t"))
		if got := activeText(t, ctx); got != "Skip to content" {
			t.Errorf("first Tab focuses %q", got)
		}
		view(t, ctx, "skip-link-focus-desktop")
		do(t, ctx, "enter", chromedp.KeyEvent("\r"))
		id, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.activeElement.id`))
		if err != nil || id != "main" {
			t.Errorf("after the skip link, focus is on %q (err %v)", id, err)
		}
	})
	t.Run("search", func(t *testing.T) {
		do(t, ctx, "search", chromedp.SendKeys(chromedp.CSS("#q"), "designer"),
			chromedp.Click(chromedp.CSS("#search button[type=submit]")),
			chromedp.WaitVisible(chromedp.CSS(`#q[value="designer"]`)))
		if got := text(t, ctx, "#results-title"); !strings.HasSuffix(got, "jobs") || got == "27 jobs" {
			t.Errorf("search results %q", got)
		}
		if u := location(t, ctx); !strings.HasSuffix(u, "/careers/?q=designer") {
			t.Errorf("search address %s carries empty parameters", u)
		}
		// Ranked: the title match first (the others match on their category).
		if titles := textsOf(t, ctx, ".card h3"); len(titles) == 0 || !strings.HasPrefix(titles[0], "Product Designer") {
			t.Errorf("search for designer shows %q", titles)
		}
	})
	t.Run("filter by job type applies on change", func(t *testing.T) {
		do(t, ctx, "open", chromedp.Navigate(srv.URL+"/careers/"), chromedp.WaitVisible(chromedp.CSS(".card")))
		do(t, ctx, "tick contract", chromedp.Click(chromedp.CSS(`input[name=job_type][value=contract]`)),
			chromedp.WaitVisible(chromedp.CSS(`a.chip`)))
		if u := location(t, ctx); !strings.Contains(u, "job_type=contract") {
			t.Errorf("location %s", u)
		}
		for _, c := range textsOf(t, ctx, ".card .meta") {
			if !strings.Contains(c, "Contract") {
				t.Errorf("a card without Contract: %q", c)
			}
		}
		shot(t, ctx, "careers-filtered-desktop")
	})
	t.Run("category filter", func(t *testing.T) {
		do(t, ctx, "open", chromedp.Navigate(srv.URL+"/careers/?category=design"), chromedp.WaitVisible(chromedp.CSS(".card")))
		if got := text(t, ctx, "#results-title"); got != "9 jobs" {
			t.Errorf("design jobs %q", got)
		}
	})
	t.Run("a company's own career page", func(t *testing.T) {
		do(t, ctx, "open", chromedp.Navigate(srv.URL+"/careers/?company=globex"), chromedp.WaitVisible(chromedp.CSS(".company-hero")))
		if got := text(t, ctx, ".company-hero h1"); got != "Careers at Globex Corporation" {
			t.Errorf("company header %q", got)
		}
		for _, c := range textsOf(t, ctx, ".card .company") {
			if c != "Globex Corporation" {
				t.Errorf("another company's job: %q", c)
			}
		}
		view(t, ctx, "company-careers-desktop")
	})
	t.Run("page forward and back", func(t *testing.T) {
		do(t, ctx, "open", chromedp.Navigate(srv.URL+"/careers/"), chromedp.WaitVisible(chromedp.CSS(".card")))
		first := textsOf(t, ctx, ".card h3")
		do(t, ctx, "next", chromedp.Click(chromedp.CSS(`a[rel=next]`)), chromedp.WaitVisible(chromedp.CSS(`a[rel=prev]`)))
		if got := text(t, ctx, `.pagination [aria-current=page]`); got != "Page 2 of 2" {
			t.Errorf("pagination says %q", got)
		}
		second := textsOf(t, ctx, ".card h3")
		if len(first) != 20 || len(second) != 7 || first[0] == second[0] {
			t.Errorf("pages of %d and %d jobs", len(first), len(second))
		}
	})
	t.Run("detail page and application", func(t *testing.T) {
		do(t, ctx, "open", chromedp.Navigate(srv.URL+"/careers/?company=acme&q=applied"), chromedp.WaitVisible(chromedp.CSS(".card")))
		do(t, ctx, "view details", chromedp.Click(chromedp.CSS(`.card a.btn-primary`)), chromedp.WaitVisible(chromedp.CSS("#apply-title")))
		if u := location(t, ctx); !strings.HasSuffix(u, "/careers/jobs/"+strconv.FormatInt(applyID, 10)+"-applied-robotics-engineer/") {
			t.Fatalf("detail at %s", u)
		}
		shot(t, ctx, "job-detail-desktop")
		do(t, ctx, "submit empty", chromedp.Click(chromedp.CSS(`#apply button[type=submit]`)), chromedp.WaitVisible(chromedp.CSS("#a-email-err")))
		do(t, ctx, "fill", chromedp.SendKeys(chromedp.CSS("#a-name"), "Jane Browser"),
			chromedp.SendKeys(chromedp.CSS("#a-email"), "jane@example.com"),
			chromedp.SendKeys(chromedp.CSS("#a-resume_text"), "Ten years of robots."),
			chromedp.SendKeys(chromedp.CSS("#a-cover_letter"), "I would love to build robots with you."))
		shot(t, ctx, "job-apply-errors-desktop")
		do(t, ctx, "send", chromedp.Click(chromedp.CSS(`#apply button[type=submit]`)), chromedp.WaitVisible(chromedp.CSS(".message-page h1")))
		if got := text(t, ctx, ".message-page h1"); got != "Application sent" {
			t.Errorf("after submit: %q", got)
		}
		shot(t, ctx, "job-applied-desktop")
		if n := e.count(acme, "applications"); n != 1 {
			t.Errorf("%d applications stored, want 1", n)
		}
	})
	t.Run("job closed while the visitor writes: friendly 410", func(t *testing.T) {
		// The bare id, as an old link has it, lands on the canonical address.
		do(t, ctx, "open", chromedp.Navigate(srv.URL+"/careers/jobs/"+strconv.FormatInt(applyID, 10)+"/"), chromedp.WaitVisible(chromedp.CSS("#apply-title")))
		if u := location(t, ctx); !strings.HasSuffix(u, "/careers/jobs/"+strconv.FormatInt(applyID, 10)+"-applied-robotics-engineer/") {
			t.Errorf("old link landed at %s", u)
		}
		if _, err := e.pool.Exec(context.Background(), `UPDATE t_acme.job_postings SET status = 'filled'`); err != nil {
			t.Fatal(err)
		}
		do(t, ctx, "fill and send", chromedp.SendKeys(chromedp.CSS("#a-name"), "Late Larry"),
			chromedp.SendKeys(chromedp.CSS("#a-email"), "larry@example.com"),
			chromedp.SendKeys(chromedp.CSS("#a-resume_text"), "Late, but keen."),
			chromedp.Click(chromedp.CSS(`#apply button[type=submit]`)), chromedp.WaitVisible(chromedp.CSS(".message-page h1")))
		if got := text(t, ctx, ".message-page h1"); got != "No longer available" {
			t.Errorf("after submit: %q", got)
		}
		got, err := chromedp.Run(ctx, chromedp.Value(chromedp.CSS("#kept-resume_text")))
		if err != nil || got != "Late, but keen." {
			t.Errorf("the typed résumé is not shown back: %q", got)
		}
		view(t, ctx, "job-gone-desktop")
		if n := e.count(acme, "applications"); n != 1 {
			t.Errorf("%d applications stored, want still 1", n)
		}
	})
	t.Run("freelancers page, search, filter, page, profile", func(t *testing.T) {
		do(t, ctx, "open", chromedp.Navigate(srv.URL+"/browse-freelancers/?page_size=6&sort=rating"), chromedp.WaitVisible(chromedp.CSS(".card")))
		body := text(t, ctx, "main")
		for _, want := range []string{"Margaret Hamilton", "Verified", "Available", "jobs done", "reviews", "View Profile", "$"} {
			if !strings.Contains(body, want) {
				t.Errorf("page lacks %q", want)
			}
		}
		shot(t, ctx, "freelancers-desktop")
		view(t, ctx, "freelancers-desktop-top")
		do(t, ctx, "next", chromedp.Click(chromedp.CSS(`a[rel=next]`)), chromedp.WaitVisible(chromedp.CSS(`a[rel=prev]`)))
		do(t, ctx, "verified only", chromedp.Click(chromedp.CSS(`input[name=verified]`)), chromedp.WaitVisible(chromedp.CSS(`a.chip`)))
		if got := text(t, ctx, "#results-title"); got != "6 freelancers" {
			t.Errorf("verified %q", got)
		}
		do(t, ctx, "search", chromedp.SendKeys(chromedp.CSS("#q"), "grace"), chromedp.Click(chromedp.CSS("#search button[type=submit]")),
			chromedp.WaitVisible(chromedp.CSS(`#q[value="grace"]`)))
		do(t, ctx, "profile", chromedp.Navigate(srv.URL+"/browse-freelancers/?q=ada"), chromedp.WaitVisible(chromedp.CSS(".card")),
			chromedp.Click(chromedp.CSS(`.card a.btn-primary`)), chromedp.WaitVisible(chromedp.CSS("#inquire-title")))
		if got := text(t, ctx, "h1"); got != "Ada Lovelace" {
			t.Errorf("profile h1 %q", got)
		}
		shot(t, ctx, "freelancer-profile-desktop")
	})
	t.Run("filters shown on a wide screen", func(t *testing.T) {
		do(t, ctx, "desktop viewport", chromedp.EmulateViewport(1280, 900))
		do(t, ctx, "list", chromedp.Navigate(srv.URL+"/careers/"), chromedp.WaitVisible(chromedp.CSS(".card")))
		shown, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector("#f-city").checkVisibility()`))
		if err != nil || !shown {
			t.Errorf("filters folded on a wide screen: shown %v (err %v)", shown, err)
		}
		if !filtersShownBeforeScripts(t, ctx, srv.URL+"/browse-freelancers/") {
			t.Error("a wide screen paints the filters folded before site.js unfolds them")
		}
	})
	t.Run("mobile 375px", func(t *testing.T) {
		do(t, ctx, "mobile viewport", chromedp.EmulateViewport(375, 812, chromedp.EmulateMobile))
		for _, p := range []struct{ path, name string }{
			{"/careers/", "careers-mobile"}, {"/browse-freelancers/", "freelancers-mobile"},
			{"/careers/jobs/" + strconv.FormatInt(applyID, 10) + "/", "job-detail-mobile"},
			{"/careers/?q=zzzzqqq", "careers-empty-mobile"},
			{"/careers/?page=-1", "bad-request-mobile"},
		} {
			do(t, ctx, p.path, chromedp.Navigate(srv.URL+p.path), chromedp.WaitVisible(chromedp.CSS("main")))
			fitsWidth(t, ctx, p.path)
			shot(t, ctx, p.name)
			view(t, ctx, p.name+"-top")
		}
		do(t, ctx, "back to the list", chromedp.Navigate(srv.URL+"/careers/"), chromedp.WaitVisible(chromedp.CSS(".card")))
		folded, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`!document.querySelector("#f-city").checkVisibility()`))
		if err != nil || !folded {
			t.Errorf("filters shown on a phone: folded %v (err %v)", folded, err)
		}
		if filtersShownBeforeScripts(t, ctx, srv.URL+"/careers/") {
			t.Error("a phone paints the filter panel open before site.js folds it: the results shift down")
		}
	})
	if errs := consoleErrors(); len(errs) > 0 {
		t.Errorf("console errors (CSP violations show here): %q", errs)
	}
}

// textsOf reads text content, not innerText: cards below the fold are not
// rendered until scrolled near (content-visibility), and innerText of an
// unrendered element is empty.
func textsOf(t *testing.T, ctx context.Context, sel string) []string {
	t.Helper()
	out, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll(`+strconv.Quote(sel)+`)).map(n => n.textContent.replace(/\s+/g, " ").trim())`))
	if err != nil {
		t.Fatalf("texts of %s: %v", sel, err)
	}
	return out
}

func activeText(t *testing.T, ctx context.Context) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.activeElement ? document.activeElement.textContent.trim() : ""`))
	if err != nil {
		t.Fatalf("active element: %v", err)
	}
	return s
}

// filtersShownBeforeScripts loads the list with scripts off, which is what
// a browser paints first whatever site.js later does: a panel that scripts
// fold after that paint is the layout shift phones measured.
func filtersShownBeforeScripts(t *testing.T, ctx context.Context, url string) bool {
	t.Helper()
	scripts := func(off bool) {
		if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: off}); err != nil {
			t.Fatalf("scripts off %v: %v", off, err)
		}
	}
	scripts(true)
	defer scripts(false)
	do(t, ctx, "list without scripts", chromedp.Navigate(url), chromedp.WaitVisible(chromedp.CSS(".card")))
	shown, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector("#f-city").checkVisibility()`))
	if err != nil {
		t.Fatalf("filters' visibility: %v", err)
	}
	return shown
}
