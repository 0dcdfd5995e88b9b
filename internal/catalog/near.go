package catalog

import (
	"math"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/gazetteer"
)

// SortDistance orders a nearby search nearest first; it is the default
// when near is given.
const SortDistance = "distance"

// Radius bounds of a nearby search, in kilometres.
const (
	DefaultRadius = 50
	MaxRadius     = 500
)

// Near is the centre and radius of a nearby search, as resolved from the
// visitor's near and radius.
type Near struct {
	Label    string  `json:"label"` // the place as found ("Lyon, Auvergne-Rhône-Alpes, FR"), or the coordinates given
	Lat      float64 `json:"latitude"`
	Lon      float64 `json:"longitude"`
	RadiusKm float64 `json:"radius_km"`
}

// cleanNear reads near (a city, "City, Country", "City, State[, Country]"
// or "lat,lon") and radius. A radius without near means nothing, so it is
// refused rather than ignored; a city the gazetteer does not know is an
// error naming near, never a search of everywhere.
func cleanNear(near string, radius *float64) (*Near, error) {
	near, err := cleanText("near", near, MaxValueLen)
	if err != nil {
		return nil, err
	}
	if near == "" {
		if radius != nil {
			return nil, domain.FieldError("radius", "needs near: a city or coordinates to measure from")
		}
		return nil, nil
	}
	r := float64(DefaultRadius)
	if radius != nil {
		if *radius != *radius || *radius < 1 || *radius > MaxRadius {
			return nil, domain.FieldError("radius", "must be a number of kilometres from 1 to %d", MaxRadius)
		}
		r = *radius
	}
	n, err := findNear(near)
	if err != nil {
		return nil, err
	}
	n.RadiusKm = r
	return n, nil
}

func findNear(near string) (*Near, error) {
	if lat, lon, ok, err := coordinatePair(near); ok || err != nil {
		if err != nil {
			return nil, err
		}
		return &Near{Label: strconv.FormatFloat(lat, 'f', -1, 64) + "," + strconv.FormatFloat(lon, 'f', -1, 64), Lat: lat, Lon: lon}, nil
	}
	p, ok := gazetteer.Find(near)
	if !ok {
		return nil, domain.FieldError("near", "is not a place we know: give a city of 15,000 or more inhabitants "+
			"(\"Lyon\", \"Portland, Oregon\", \"London, Canada\") or coordinates as latitude,longitude (\"45.76,4.84\")")
	}
	label := []string{p.Name}
	if p.Admin1Name != "" && p.Admin1Name != p.Name {
		label = append(label, p.Admin1Name)
	}
	return &Near{Label: strings.Join(append(label, p.Country), ", "), Lat: p.Lat, Lon: p.Lon}, nil
}

// coordinatePair reads "lat,lon". ok is false when near is not two numbers
// (so it is a place name); err is set when it is, but out of range.
func coordinatePair(near string) (lat, lon float64, ok bool, err error) {
	a, b, found := strings.Cut(near, ",")
	if !found {
		return 0, 0, false, nil
	}
	lat, err1 := strconv.ParseFloat(strings.TrimSpace(a), 64)
	lon, err2 := strconv.ParseFloat(strings.TrimSpace(b), 64)
	if err1 != nil || err2 != nil {
		return 0, 0, false, nil
	}
	if math.IsNaN(lat) || math.IsNaN(lon) || math.Abs(lat) > 90 || math.Abs(lon) > 180 {
		return 0, 0, true, domain.FieldError("near", "coordinates must be a latitude from -90 to 90 and a longitude from -180 to 180")
	}
	return lat, lon, true, nil
}

// Positions are compared with the shared migration's catalog_earth and
// catalog_distance (earthdistance's formulas, bound to their schema), and
// the cube operator named with its schema, so the queries and the GiST
// indexes job_catalog_earth and provider_catalog_earth do not depend on
// the session's search_path.
const rowEarth = "public.catalog_earth(latitude, longitude)"

func (n *Near) centre(args *sqlArgs) string {
	return "public.catalog_earth(" + args.add(n.Lat) + "::float8, " + args.add(n.Lon) + "::float8)"
}

// distance is the SQL of a row's distance from the centre, in metres.
func (n *Near) distance(args *sqlArgs) string {
	return "public.catalog_distance(" + n.centre(args) + ", " + rowEarth + ")"
}

// conds keep the rows within the radius: a cube around the centre, which
// the GiST index finds (an arc is longer than its chord, so the cube holds
// every row within the radius), then the exact great-circle distance. A row
// without a position never matches, a remote job without a city included.
func (n *Near) conds(args *sqlArgs) []string {
	if n == nil {
		return nil
	}
	m := args.add(n.RadiusKm * 1000)
	return []string{
		"public.cube_enlarge(" + n.centre(args) + ", " + m + "::float8, 3) OPERATOR(public.@>) " + rowEarth,
		n.distance(args) + " <= " + m + "::float8",
	}
}

// sortSpec orders nearest first, the id breaking ties.
func (n *Near) sortSpec(args *sqlArgs) sortSpec {
	return sortSpec{keys: []sortKey{{n.distance(args), keyFloat64}, {"id", keyInt}}, asc: true}
}

// withDistance adds the distance column to a nearby page's query and
// returns the scan that reads it into each item (set), in kilometres.
func withDistance[T any](pq *pageQuery, n *Near, scan func(pgx.Rows, []any) (T, error), set func(*T, float64)) func(pgx.Rows, []any) (T, error) {
	if n == nil {
		return scan
	}
	pq.columns += ", " + n.distance(&pq.args)
	return func(row pgx.Rows, keys []any) (T, error) {
		var m float64
		item, err := scan(row, append([]any{&m}, keys...))
		set(&item, m/1000)
		return item, err
	}
}

// cleanNearSort settles the sort of a query near a place: distance unless
// another was asked for. Without near there is nothing to measure from,
// and distance is the default order, as relevance is without a search.
func cleanNearSort(sort string, n *Near) string {
	switch {
	case n != nil && sort == "":
		return SortDistance
	case n == nil && sort == SortDistance:
		return ""
	}
	return sort
}
