package catalog

import (
	"cmp"
	"slices"
)

// sortLocations orders countries and their cities largest first, names
// breaking ties, and keeps each country's largest cities.
func sortLocations(cs []Country) []Country {
	byCount := func(an, bn string, a, b int) int {
		if c := cmp.Compare(b, a); c != 0 {
			return c
		}
		return cmp.Compare(an, bn)
	}
	slices.SortFunc(cs, func(a, b Country) int { return byCount(a.Name, b.Name, a.Count, b.Count) })
	for i := range cs {
		cities := cs[i].Cities
		slices.SortFunc(cities, func(a, b City) int { return byCount(a.Name, b.Name, a.Count, b.Count) })
		if len(cities) > maxCitiesPerCountry {
			cs[i].Cities = cities[:maxCitiesPerCountry]
		}
	}
	return nonNil(cs)
}
