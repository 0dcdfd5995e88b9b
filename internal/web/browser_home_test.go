package web_test

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/zumodra/zumodra/internal/web"
)

// TestFrontDoorInTheBrowser opens / in headless Chromium under the
// production CSP: the newest jobs, companies and freelancers show, the job
// search lands on the careers results, the freelancer search on theirs,
// and a 375 px phone never scrolls sideways.
func TestFrontDoorInTheBrowser(t *testing.T) {
	t.Parallel()
	e := newEnvWith(t, web.Config{})
	seedShowcase(e)
	srv := serveShowcase(t, e)
	ctx, consoleErrors := browser(t)
	do(t, ctx, "desktop viewport", chromedp.EmulateViewport(1280, 900))

	do(t, ctx, "open /", chromedp.Navigate(srv.URL+"/"), chromedp.WaitVisible(chromedp.CSS(".card")))
	if got := text(t, ctx, "h1"); !strings.Contains(got, "Find your next job") {
		t.Errorf("h1 %q", got)
	}
	if jobs := textsOf(t, ctx, `[aria-labelledby="newest-jobs"] .card h3`); len(jobs) != 6 || jobs[0] != "Applied Robotics Engineer" {
		t.Errorf("newest jobs %q", jobs) // the synced job was published last
	}
	if got := textsOf(t, ctx, ".companies .company-name"); len(got) != 2 {
		t.Errorf("companies hiring %q", got)
	}
	if got := textsOf(t, ctx, `[aria-labelledby="top-freelancers"] .card h3`); len(got) != 6 {
		t.Errorf("top freelancers %q", got)
	}
	shot(t, ctx, "home-desktop")

	do(t, ctx, "search jobs", chromedp.SendKeys(chromedp.CSS("#home-q-jobs"), "designer"),
		chromedp.Click(chromedp.CSS(`form[action="/careers/"] button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`#q[value="designer"]`)))
	if u := location(t, ctx); !strings.HasSuffix(u, "/careers/?q=designer") {
		t.Errorf("job search landed on %s", u)
	}
	if titles := textsOf(t, ctx, ".card h3"); len(titles) == 0 || !strings.HasPrefix(titles[0], "Product Designer") {
		t.Errorf("job search shows %q", titles)
	}

	do(t, ctx, "search freelancers", chromedp.Navigate(srv.URL+"/"), chromedp.WaitVisible(chromedp.CSS("#home-q-freelancers")),
		chromedp.SendKeys(chromedp.CSS("#home-q-freelancers"), "Hopper"),
		chromedp.Click(chromedp.CSS(`form[action="/browse-freelancers/"] button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`#q[value="Hopper"]`)))
	if u := location(t, ctx); !strings.HasSuffix(u, "/browse-freelancers/?q=Hopper") {
		t.Errorf("freelancer search landed on %s", u)
	}
	if names := textsOf(t, ctx, ".card h3"); len(names) == 0 || names[0] != "Grace Hopper" {
		t.Errorf("freelancer search shows %q", names)
	}

	do(t, ctx, "phone", chromedp.EmulateViewport(375, 812, chromedp.EmulateMobile),
		chromedp.Navigate(srv.URL+"/"), chromedp.WaitVisible(chromedp.CSS(".card")))
	fitsWidth(t, ctx, "/ at 375 px")
	shot(t, ctx, "home-mobile")
	if errs := consoleErrors(); len(errs) > 0 {
		t.Errorf("console errors: %q", errs)
	}

	// The searches are plain forms: with scripts off, Enter still searches.
	do(t, ctx, "scripts off", chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
		return err
	}), chromedp.Navigate(srv.URL+"/"), chromedp.WaitVisible(chromedp.CSS("#home-q-jobs")),
		chromedp.SendKeys(chromedp.CSS("#home-q-jobs"), "analyst\r"),
		chromedp.WaitVisible(chromedp.CSS(`#q[value="analyst"]`)))
	if u := location(t, ctx); !strings.HasSuffix(u, "/careers/?q=analyst") {
		t.Errorf("job search without scripts landed on %s", u)
	}
}
