package web_test

import (
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/zumodra/zumodra/internal/web"
)

// placeJob gives a catalog job its position, as the projection would.
func (e *env) place(table string, id int64, lat, lon float64) {
	e.t.Helper()
	if _, err := e.pool.Exec(e.t.Context(), "UPDATE public."+table+" SET latitude = $2, longitude = $3 WHERE id = $1", id, lat, lon); err != nil {
		e.t.Fatal(err)
	}
}

// seedLyon lists three jobs around Lyon, one in Paris and a remote one
// without a place.
func seedLyon(e *env) {
	acme := e.tenant("acme", "Acme Robotics", "")
	for _, j := range []struct {
		title, city string
		lat, lon    float64
	}{{"Lyon <Engineer>", "Lyon", 45.764, 4.8357}, {"Villeurbanne Designer", "Villeurbanne", 45.771, 4.88},
		{"Vénissieux Analyst", "Vénissieux", 45.697, 4.886}, {"Paris Manager", "Paris", 48.8566, 2.3522}} {
		id := e.job(acme, func(r *jobRow) { r.Title, r.City, r.Country = j.title, j.city, "France" })
		e.place("job_catalog", id, j.lat, j.lon)
	}
	e.job(acme, func(r *jobRow) { r.Title, r.City, r.Country, r.Remote = "Remote Writer", "", "", "remote" })
}

// The map of a nearby search is drawn only when asked for, with one
// marker per listed result that has a position, on a plain background when
// no tile server is set; the page stays clean for axe with the map open.
func TestMapShowsTheResultsWhenAskedFor(t *testing.T) {
	e := newEnv(t)
	seedLyon(e)
	srv := serveShowcase(t, e)
	ctx, consoleErrors := browser(t)
	do(t, ctx, "open the nearby list", chromedp.Navigate(srv.URL+"/careers/?near=Lyon&radius=25"),
		chromedp.WaitVisible(chromedp.CSS("[data-map-toggle]")))
	if got := text(t, ctx, "#results-title"); !strings.HasPrefix(got, "3 jobs within 25 km of Lyon") {
		t.Fatalf("result label %q", got)
	}
	if got := text(t, ctx, ".card .distance"); !strings.HasSuffix(got, "km away") {
		t.Fatalf("first card's distance %q", got)
	}
	// Nothing of the map is loaded before the button is pressed.
	loaded, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`typeof L !== "undefined" ||
		performance.getEntriesByType("resource").some(r => /leaflet|map\./.test(r.name))`))
	if err != nil || loaded {
		t.Fatalf("the map loaded before it was asked for (%v)", err)
	}
	do(t, ctx, "show the map", chromedp.Click(chromedp.CSS("[data-map-toggle]")))
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.getElementById("results-map").getAttribute("data-markers") === "3"`)); err != nil {
		t.Fatalf("three markers: %v", err)
	}
	counts, err := chromedp.Run(ctx, chromedp.Evaluate[[]int](`[document.querySelectorAll("#results-map path.leaflet-interactive").length,
		document.querySelectorAll("#results-map img.leaflet-tile").length]`))
	if err != nil || counts[0] != 3 || counts[1] != 0 {
		t.Fatalf("markers drawn and tiles: %v (%v), want 3 and none", counts, err)
	}
	if got := text(t, ctx, "[data-map-toggle]"); got != "Hide map" {
		t.Fatalf("button says %q", got)
	}
	// A marker's popup is the job's title as text, linking to the job.
	do(t, ctx, "open a popup", chromedp.Click(chromedp.CSS("#results-map path.leaflet-interactive")))
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`!!document.querySelector(".leaflet-popup-content a")`)); err != nil {
		t.Fatalf("popup: %v", err)
	}
	popup, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[document.querySelector(".leaflet-popup-content a").textContent,
		document.querySelector(".leaflet-popup-content a").getAttribute("href"), document.querySelector(".leaflet-popup-content").innerHTML]`))
	if err != nil || !strings.HasPrefix(popup[1], "/careers/jobs/") || strings.Contains(popup[2], "<Engineer>") {
		t.Fatalf("popup %q (%v)", popup, err)
	}
	view(t, ctx, "map-near-lyon")
	for _, v := range axeViolations(t, ctx, axeSource(t)) {
		t.Errorf("with the map open: %s", v)
	}
	for _, msg := range consoleErrors() {
		t.Errorf("console: %s", msg)
	}
}

// A configured tile server draws the background; the site's CSP lets it
// (its images are https, or here the site's own origin).
func TestMapDrawsConfiguredTiles(t *testing.T) {
	t.Parallel()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	origin := "http://" + ln.Addr().String()
	e := newEnvWith(t, web.Config{MapTiles: web.MapTiles{URL: origin + "/test-tiles/{z}/{x}/{y}.png", Attribution: "Test tiles"}})
	seedLyon(e)
	var tiles atomic.Int64
	mux := http.NewServeMux()
	mux.Handle("/", e.mux)
	mux.HandleFunc("GET /test-tiles/{z}/{x}/{y}", func(w http.ResponseWriter, r *http.Request) {
		tiles.Add(1)
		w.Header().Set("Content-Type", "image/png")
		_, _ = w.Write(onePixelPNG)
	})
	srv := httptest.NewUnstartedServer(mux)
	srv.Listener.Close()
	srv.Listener = ln
	srv.Start()
	t.Cleanup(srv.Close)
	ctx, consoleErrors := browser(t)
	do(t, ctx, "open the list", chromedp.Navigate(srv.URL+"/careers/"), chromedp.WaitVisible(chromedp.CSS("[data-map-toggle]")),
		chromedp.Click(chromedp.CSS("[data-map-toggle]")))
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.getElementById("results-map").getAttribute("data-markers") === "4" &&
		[...document.querySelectorAll("#results-map img.leaflet-tile")].some(i => i.complete && i.naturalWidth > 0)`)); err != nil {
		t.Fatalf("four markers over loaded tiles: %v", err)
	}
	if tiles.Load() == 0 {
		t.Fatal("no tile was requested")
	}
	if got := text(t, ctx, ".leaflet-control-attribution"); !strings.Contains(got, "Test tiles") {
		t.Fatalf("attribution %q", got)
	}
	for _, msg := range consoleErrors() {
		t.Errorf("console: %s", msg)
	}
}

// onePixelPNG is a valid 1x1 PNG, a tile as small as one can be.
var onePixelPNG = []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89" +
	"\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x35\x81\x84\x00\x00\x00\x00IEND\xaeB`\x82")
