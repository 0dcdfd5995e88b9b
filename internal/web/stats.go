package web

import (
	"net/http"
)

// stats are the hero's totals. They are decoration: when they cannot be
// read the page still renders, without them.
func (h *Handler) stats(r *http.Request) []stat {
	st, err := h.catalog.Stats(r.Context())
	if err != nil {
		h.log.WarnContext(r.Context(), "catalog stats unavailable", "error", err)
		return nil
	}
	n := func(v int) string { return groupThousands(int64(v)) }
	if st.Jobs == 0 && st.Providers == 0 {
		return nil
	}
	return []stat{{n(st.Jobs), "open jobs"}, {n(st.Providers), "freelancers"}, {n(st.Companies), "companies"}}
}

// cities suggests city names for the city field: those of the chosen
// country, or of the largest countries when none is chosen.
func (h *Handler) cities(r *http.Request, country string) []string {
	locs, err := h.catalog.Locations(r.Context())
	if err != nil {
		h.log.WarnContext(r.Context(), "catalog locations unavailable", "error", err)
		return nil
	}
	var out []string
	for _, c := range locs {
		if country != "" && c.Name != country {
			continue
		}
		for _, city := range c.Cities {
			if len(out) == maxCitySuggestions {
				return out
			}
			out = append(out, city.Name)
		}
	}
	return out
}

const maxCitySuggestions = 100
