package web_test

import (
	"net/http"
	"testing"

	"github.com/zumodra/zumodra/internal/web"
)

func TestNearOnTheListPages(t *testing.T) {
	e := newEnv(t)
	seedLyon(e)
	body := e.mustGet("/careers/?near=Lyon&radius=25", http.StatusOK)
	contains(t, body, "3 jobs within 25 km of Lyon, Auvergne-Rhône-Alpes, FR", "Lyon &lt;Engineer&gt;", "km away",
		`<option value="" selected>Nearest</option>`, `value="Lyon"`, `<option value="25" selected>25 km</option>`,
		"Near Lyon", `data-lat="45.76400" data-lon="4.83570"`, `data-centre-lat=`, `data-radius-km="25"`)
	lacks(t, body, "Paris Manager", "Remote Writer", "data-tiles")
	// The form's radius without a place means anywhere, not an error.
	body = e.mustGet("/careers/?near=&radius=100", http.StatusOK)
	contains(t, body, "5 jobs", "Remote Writer")
	lacks(t, body, "km away", "Nearest", "data-centre-lat")
	// An unknown place says so, naming the field and what it takes.
	body = e.mustGet("/careers/?near=Xyzzyville", http.StatusBadRequest)
	contains(t, body, "Parameter “near” is not a place we know", "latitude,longitude")
	body = e.mustGet("/browse-freelancers/?near=Lyon&radius=9000", http.StatusBadRequest)
	contains(t, body, "Parameter “radius” must be a number of kilometres from 1 to 500")
	// A list with no position at all offers no map.
	lacks(t, e.mustGet("/browse-freelancers/", http.StatusOK), "data-map-toggle")
}

func TestNearFreelancers(t *testing.T) {
	e := newEnv(t)
	acme := e.tenant("acme", "Acme Robotics", "")
	id := e.provider(acme, func(r *providerRow) { r.Name, r.City, r.Country = "Near Ada", "Lyon", "France" })
	e.place("provider_catalog", id, 45.76, 4.84)
	e.provider(acme, func(r *providerRow) { r.Name = "Far Grace" })
	body := e.mustGet("/browse-freelancers/?near=45.75,4.85", http.StatusOK)
	contains(t, body, "1 freelancer within 50 km of 45.75,4.85", "Near Ada", "1.4 km away", "data-map-toggle")
	lacks(t, body, "Far Grace")
}

func TestMapTilesReachThePage(t *testing.T) {
	t.Parallel()
	e := newEnvWith(t, web.Config{MapTiles: web.MapTiles{URL: "https://tile.example.org/{z}/{x}/{y}.png", Attribution: "© Example & co"}})
	seedLyon(e)
	contains(t, e.mustGet("/careers/", http.StatusOK), `data-tiles="https://tile.example.org/{z}/{x}/{y}.png"`,
		`data-attribution="© Example &amp; co"`)
}
