package web

import (
	"strconv"

	"github.com/zumodra/zumodra/internal/catalog"
)

// MapTiles is where a list's map gets its background: an https tile URL
// template with {z}, {x} and {y} (and optionally {s}), and the attribution
// its provider asks for. The zero value draws no tiles: the markers show
// on a plain background, with no request leaving the site.
type MapTiles struct {
	URL         string
	Attribution string
}

// mapView is the map of a list's results: its button, and what map.js
// needs to draw it. The markers are the cards' own data-lat/data-lon.
type mapView struct {
	Show        bool // some result has a position
	Tiles       string
	Attribution string
	CentreLat   string // the nearby search's centre and radius, to frame the map; "" for none
	CentreLon   string
	RadiusKm    string
}

func (h *Handler) mapOf(n *catalog.Near, anyPlaced bool) mapView {
	m := mapView{Show: anyPlaced || n != nil, Tiles: h.cfg.MapTiles.URL, Attribution: h.cfg.MapTiles.Attribution}
	if n != nil {
		m.CentreLat = strconv.FormatFloat(n.Lat, 'f', 5, 64)
		m.CentreLon = strconv.FormatFloat(n.Lon, 'f', 5, 64)
		m.RadiusKm = strconv.FormatFloat(n.RadiusKm, 'f', -1, 64)
	}
	return m
}
