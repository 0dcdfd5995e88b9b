package web_test

import (
	"bytes"
	"context"
	"fmt"
	"image/png"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// A logo or avatar that does not load shows the initials on their colour,
// with no onerror script; one that loads shows the image itself.
func TestBrokenImagesFallBackToInitials(t *testing.T) {
	e := newEnv(t)
	acme := e.tenant("acme", "Acme Robotics", "")
	e.provider(acme, func(r *providerRow) { r.Name, r.Avatar = "Working Picture", "/test-logos/acme.svg" })
	e.provider(acme, func(r *providerRow) { r.Name, r.Avatar = "Broken Picture", "/test-logos/missing.png" })
	srv := serveShowcase(t, e)
	ctx, consoleErrors := browser(t)
	do(t, ctx, "open /browse-freelancers/", chromedp.Navigate(srv.URL+"/browse-freelancers/"),
		chromedp.WaitVisible(chromedp.CSS(`img.avatar[data-initials="BP"]`)))
	// Wait until both images have settled: loaded, or failed.
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`[...document.images].every(i => i.complete)`)); err != nil {
		t.Fatalf("images settle: %v", err)
	}

	broken := sample(t, ctx, `img.avatar[data-initials="BP"]`)
	colour, err := chromedp.Run(ctx, chromedp.Evaluate[string](
		`getComputedStyle(document.querySelector('img.avatar[data-initials="BP"]')).getPropertyValue('--av').trim()`))
	if err != nil || colour == "" {
		t.Fatalf("avatar colour: %q %v", colour, err)
	}
	if broken != colour {
		t.Errorf("broken avatar: pixel %s, want the initials' colour %s", broken, colour)
	}
	if working := sample(t, ctx, `img.avatar[data-initials="WP"]`); working != "#0f766e" {
		t.Errorf("loaded avatar: pixel %s, want the image's own teal (logoSVG)", working)
	}
	view(t, ctx, "broken-images")
	for _, msg := range consoleErrors() {
		if !strings.Contains(msg, "missing.png") { // the 404 itself is the point
			t.Errorf("console: %s", msg)
		}
	}
}

// sample is the colour, as #rrggbb, of a pixel of the element a fifth of
// the way across at mid-height: inside a round avatar, left of centred
// initials, and on logoSVG's background rather than its white circle.
//
// The element is scrolled to first and two frames are let pass: cards off
// the screen are not painted (content-visibility: auto), and a screenshot
// taken in the frame that brings one into view could find it still blank.
func sample(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	shown := fmt.Sprintf(`new Promise(done => { document.querySelector(%q).scrollIntoView({block: "center"});
		requestAnimationFrame(() => requestAnimationFrame(() => done(true))); })`, sel)
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](shown, chromedp.EvalAwaitPromise)); err != nil {
		t.Fatalf("scroll to %s: %v", sel, err)
	}
	shot, err := chromedp.Run(ctx, chromedp.Screenshot(chromedp.CSS(sel)))
	if err != nil {
		t.Fatalf("screenshot %s: %v", sel, err)
	}
	img, err := png.Decode(bytes.NewReader(shot))
	if err != nil {
		t.Fatalf("decode screenshot %s: %v", sel, err)
	}
	b := img.Bounds()
	r, g, bl, _ := img.At(b.Min.X+b.Dx()/5, (b.Min.Y+b.Max.Y)/2).RGBA()
	return fmt.Sprintf("#%02x%02x%02x", r>>8, g>>8, bl>>8)
}
