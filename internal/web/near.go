package web

import (
	"math"
	"net/url"
	"strconv"

	"github.com/zumodra/zumodra/internal/catalog"
)

// nearView is the "near" control of a list page and what the list says of
// a nearby search.
type nearView struct {
	Value  string   // the place as typed
	Radii  []option // the radius choices, the current one selected
	Active bool     // the list is a nearby search
}

// radiusChoices are the page's radii in kilometres; "" is the catalog's
// default, so an untouched control adds nothing to the address.
var radiusChoices = []int{10, 25, 100, 250, catalog.MaxRadius}

func nearControl(v url.Values, n *catalog.Near) nearView {
	cur := v.Get("radius")
	out := []option{{Value: "", Label: strconv.Itoa(catalog.DefaultRadius) + " km", Selected: cur == ""}}
	for _, r := range radiusChoices {
		s := strconv.Itoa(r)
		out = append(out, option{Value: s, Label: s + " km", Selected: cur == s})
	}
	return nearView{Value: v.Get("near"), Radii: out, Active: n != nil}
}

// pageNear drops a radius sent without a place: the page's radius control
// always goes with the form, and a visitor who cleared the place meant
// "anywhere", not a mistake (the API, stricter, refuses it).
func pageNear(near string, radius **float64) {
	if near == "" {
		*radius = nil
	}
}

// nearSorts offers "Nearest" on a nearby search, as its default order.
func nearSorts(all []option, n *catalog.Near) []option {
	if n == nil {
		return all
	}
	return append([]option{{Value: catalog.SortDistance, Label: "Nearest"}}, all...)
}

// listDefault is the order a list takes when none is asked for.
func listDefault(n *catalog.Near) string {
	if n != nil {
		return catalog.SortDistance
	}
	return catalog.DefaultSort
}

// nearLabel is what follows the result count of a nearby search: "within
// 50 km of Lyon, Auvergne-Rhône-Alpes, FR".
func nearLabel(n *catalog.Near) string {
	if n == nil {
		return ""
	}
	return " within " + strconv.FormatFloat(n.RadiusKm, 'f', -1, 64) + " km of " + n.Label
}

// nearChip labels the near filter's chip.
func nearChip(val string) string { return "Near " + val }

// distanceText is a card's distance: "800 m"-free, as people say it: "under
// 1 km", "3.5 km", "12 km", "1,204 km". "" when there is none.
func distanceText(km *float64) string {
	switch {
	case km == nil:
		return ""
	case *km < 1:
		return "under 1 km"
	case *km < 10:
		return strconv.FormatFloat(math.Round(*km*10)/10, 'f', -1, 64) + " km"
	}
	return groupThousands(int64(math.Round(*km))) + " km"
}

// coordinate formats a marker's position for a data attribute; "" when the
// row has none, so the map leaves it out.
func coordinate(v *float64) string {
	if v == nil {
		return ""
	}
	return strconv.FormatFloat(*v, 'f', 5, 64)
}
