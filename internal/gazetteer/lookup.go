package gazetteer

import "strings"

// Lookup finds the city a source row names. Names compare folded (case,
// accents and punctuation aside). An ambiguous name resolves by country
// first: a country given but unknown, or with no such city, finds nothing,
// since a guess in another country would put the row on the wrong
// continent. Then by state, which only prefers (a state given as a code
// GeoNames spells otherwise, "ON" for its "08", still finds the city), and
// last by population: "Springfield, US" is the largest Springfield there.
func Lookup(city, state, country string) (Place, bool) {
	ix, err := load()
	if err != nil {
		return Place{}, false
	}
	candidates := ix.byName[Fold(city)]
	if strings.TrimSpace(country) != "" {
		code, ok := ix.countries[countryKey(country)]
		if !ok {
			return Place{}, false
		}
		candidates = inCountry(candidates, code)
	}
	if len(candidates) == 0 {
		return Place{}, false
	}
	if s := Fold(state); s != "" {
		for _, p := range candidates {
			if Fold(p.Admin1) == s || Fold(p.Admin1Name) == s {
				return *p, true
			}
		}
	}
	return *candidates[0], true
}

func inCountry(ps []*Place, code string) []*Place {
	var out []*Place
	for _, p := range ps {
		if p.Country == code {
			out = append(out, p)
		}
	}
	return out
}

// Find reads a place as a visitor types it: "Paris", "Paris, France",
// "Portland, Oregon", "Portland, OR, US". Of two parts, the second is read
// as a country first and as a state when that finds nothing: "ME" is
// Montenegro's code as well as Maine's.
func Find(text string) (Place, bool) {
	parts := strings.Split(text, ",")
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
	}
	switch len(parts) {
	case 1:
		return Lookup(parts[0], "", "")
	case 2:
		if p, ok := Lookup(parts[0], "", parts[1]); ok {
			return p, true
		}
		return Lookup(parts[0], parts[1], "")
	case 3:
		return Lookup(parts[0], parts[1], parts[2])
	}
	return Place{}, false
}
