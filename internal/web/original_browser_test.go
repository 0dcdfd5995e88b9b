package web_test

import (
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/zumodra/zumodra/internal/web"
)

// TestOriginalLinkInTheBrowser follows links of the original site in
// headless Chromium: each lands on our canonical address, with its search
// and place filled in, a chip for the place, and the matching cards.
func TestOriginalLinkInTheBrowser(t *testing.T) {
	t.Parallel()
	e := newEnvWith(t, web.Config{})
	originalSite(e)
	srv := httptest.NewServer(e.mux)
	t.Cleanup(srv.Close)
	ctx, consoleErrors := browser(t)
	do(t, ctx, "desktop viewport", chromedp.EmulateViewport(1280, 900))

	for _, c := range []struct {
		from, to     string
		fields       map[string]string // input id: the value shown
		chip, result string
	}{
		{"/careers/?search=engineer&location=montreal&ordering=-published_at", "/careers/?city=Montreal&q=engineer&sort=newest",
			map[string]string{"q": "engineer", "f-city": "Montreal", "sort": "newest"}, "Montreal", "Senior Software Engineer"},
		{"/careers/?remote=true&search=go", "/careers/?q=go&remote=remote",
			map[string]string{"q": "go"}, "Remote", "Remote Go Engineer"},
		{"/browse-freelancers/?search=design&location=QC", "/browse-freelancers/?q=design&state=QC",
			map[string]string{"q": "design", "f-state": "QC"}, "QC", "Dana Moreau"},
	} {
		do(t, ctx, "open "+c.from, chromedp.Navigate(srv.URL+c.from), chromedp.WaitVisible(chromedp.CSS(".card")))
		if u, _ := url.Parse(location(t, ctx)); u == nil || !sameAddress(t, u.RequestURI(), c.to) {
			t.Errorf("%s landed on %v, want %s", c.from, u, c.to)
		}
		for id, want := range c.fields {
			got, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById("`+id+`").value`))
			if err != nil || got != want {
				t.Errorf("%s: #%s shows %q (%v), want %q", c.from, id, got, err, want)
			}
		}
		chips := textsOf(t, ctx, ".chip")
		if !slices.ContainsFunc(chips, func(s string) bool { return slices.Contains(strings.Fields(s), c.chip) }) {
			t.Errorf("%s: chips %q, want one for %q", c.from, chips, c.chip)
		}
		if cards := textsOf(t, ctx, ".card h3"); !slices.Equal(cards, []string{c.result}) {
			t.Errorf("%s: cards %q, want %q", c.from, cards, c.result)
		}
	}
	shot(t, ctx, "original-link")
	if errs := consoleErrors(); len(errs) > 0 {
		t.Errorf("console errors: %q", errs)
	}
}
