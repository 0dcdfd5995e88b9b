package config

import (
	"fmt"
	"net/url"
	"strings"
	"unicode"
)

// Map tiles of the list pages' maps. Both empty (the default) draws no
// tiles: markers on a plain background, and no request leaves the site.
const (
	EnvMapTiles       = "ZUMODRA_MAP_TILES"
	EnvMapAttribution = "ZUMODRA_MAP_ATTRIBUTION"
)

// MapTiles is the tile server of the lists' maps.
type MapTiles struct {
	URL         string // https template with {z}, {x} and {y}, like https://tile.example.org/{z}/{x}/{y}.png
	Attribution string // the credit the provider asks for, plain text
}

func (m *MapTiles) fromEnv(getenv func(string) string) {
	m.URL = strings.TrimSpace(getenv(EnvMapTiles))
	m.Attribution = strings.TrimSpace(getenv(EnvMapAttribution))
}

// validate holds the template to https (the pages' CSP allows https images
// only, and an http tile would be blocked as mixed content) with the three
// placeholders Leaflet fills, and the attribution to one short plain line.
func (m MapTiles) validate() error {
	if m.URL == "" {
		if m.Attribution != "" {
			return fmt.Errorf("map attribution: set only with map tiles")
		}
		return nil
	}
	u, err := url.Parse(strings.NewReplacer("{", "", "}", "").Replace(m.URL))
	if err != nil || u.Scheme != "https" || u.Host == "" || len(m.URL) > 500 {
		return fmt.Errorf("map tiles %q: want an https URL template such as https://tile.example.org/{z}/{x}/{y}.png", m.URL)
	}
	for _, p := range []string{"{z}", "{x}", "{y}"} {
		if !strings.Contains(m.URL, p) {
			return fmt.Errorf("map tiles %q: the template lacks %s", m.URL, p)
		}
	}
	if len(m.Attribution) > 300 || strings.ContainsFunc(m.Attribution, unicode.IsControl) {
		return fmt.Errorf("map attribution: want one line of at most 300 bytes")
	}
	return nil
}
