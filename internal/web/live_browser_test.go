package web_test

import (
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/zumodra/zumodra/internal/live"
	"github.com/zumodra/zumodra/internal/web"
)

// An open list learns of new matching jobs through its live stream, in the
// real browser: two welders published after the page loaded show as "2 new
// jobs match", a plumber (another list) does not count, and the notice
// leads to the list that shows them. Without a hub the page has no hook.
func TestLiveListInTheBrowser(t *testing.T) {
	t.Parallel()
	hub := live.NewHub(live.Options{})
	e := newEnvWith(t, web.Config{Live: hub})
	acme := e.tenant("acme", "Acme Robotics", "")
	e.job(acme, func(r *jobRow) { r.Title = "Welder" })
	srv := serveShowcase(t, e)
	t.Cleanup(hub.Close) // end the stream before the server waits for it
	ctx, consoleErrors := browser(t)
	do(t, ctx, "open the list", chromedp.Navigate(srv.URL+"/careers/?q=welder"),
		chromedp.WaitReady(chromedp.CSS(".live-notice[data-live-open]")))
	e.job(acme, func(r *jobRow) { r.Title = "Welder" })
	e.job(acme, func(r *jobRow) { r.Title = "Plumber" })
	e.job(acme, func(r *jobRow) { r.Title = "Senior Welder" })
	do(t, ctx, "wait for the notice", chromedp.Poll[chromedp.Void](
		`document.querySelector(".live-notice a") && document.querySelector(".live-notice a").textContent === "2 new jobs match – show them"`))
	view(t, ctx, "live-notice")
	do(t, ctx, "show them", chromedp.Click(chromedp.CSS(".live-notice a")),
		chromedp.WaitVisible(chromedp.CSS("#results-title")))
	if got := text(t, ctx, "#results-title"); got != "3 jobs" {
		t.Fatalf("the list behind the notice says %q", got)
	}
	if errs := consoleErrors(); len(errs) > 0 {
		t.Fatalf("console errors: %v", errs)
	}
	lacks(t, newEnvWith(t, web.Config{}).mustGet("/careers/", 200), "data-live")
}
