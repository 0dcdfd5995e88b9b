package gazetteer

import (
	"math"
	"testing"
)

func TestLookup(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name                 string
		city, state, country string
		wantName, wantCC     string
		wantAdmin            string
	}{
		{"most populous without hints", "London", "", "", "London", "GB", "ENG"},
		{"country by name", "London", "", "Canada", "London", "CA", "08"},
		{"country by code, any case", "london", "", "ca", "London", "CA", "08"},
		{"country by alpha-3", "London", "", "CAN", "London", "CA", "08"},
		{"state by code", "Portland", "ME", "United States", "Portland", "US", "ME"},
		{"state by name", "Portland", "Maine", "USA", "Portland", "US", "ME"},
		{"state by name, other case", "springfield", "massachusetts", "us", "Springfield", "US", "MA"},
		{"unknown state falls back to population", "Portland", "Nowhere", "US", "Portland", "US", "OR"},
		{"state unknown to GeoNames' codes", "London", "ON", "Canada", "London", "CA", "08"},
		{"accents typed", "São Paulo", "", "Brazil", "São Paulo", "BR", "27"},
		{"accents left out", "sao paulo", "", "brasil", "São Paulo", "BR", "27"},
		{"umlaut left out", "Zurich", "", "Switzerland", "Zürich", "CH", "ZH"},
		{"hyphen as space", "saint etienne", "", "France", "Saint-Étienne", "FR", "84"},
		{"English country name with accent", "Abidjan", "", "Côte d'Ivoire", "Abidjan", "CI", ""},
		{"alias of a country", "Prague", "", "Czech Republic", "Prague", "CZ", ""},
		{"extra spaces", "  New   York  City ", "", "", "New York City", "US", "NY"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p, ok := Lookup(c.city, c.state, c.country)
			if !ok {
				t.Fatalf("Lookup(%q, %q, %q) found nothing", c.city, c.state, c.country)
			}
			if p.Name != c.wantName || p.Country != c.wantCC || (c.wantAdmin != "" && p.Admin1 != c.wantAdmin) {
				t.Fatalf("Lookup(%q, %q, %q) = %s, %s, %s; want %s, %s, %s", c.city, c.state, c.country,
					p.Name, p.Admin1, p.Country, c.wantName, c.wantAdmin, c.wantCC)
			}
		})
	}
}

func TestLookupFindsNothing(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ city, state, country string }{
		{"", "", ""},
		{"Xyzzyville", "", ""},
		{"London", "", "Narnia"},               // a country unknown: no guess elsewhere
		{"Berlin", "", "Japan"},                // no such city in the country given
		{"'; DROP TABLE x; --", "", ""},        // injection is just a name nobody has
		{"\xff\xfe", "", ""},                   // invalid UTF-8
		{"Par\x00is", "", ""},                  // control characters split words
		{string(make([]byte, 100000)), "", ""}, // huge
	} {
		if p, ok := Lookup(c.city, c.state, c.country); ok {
			t.Errorf("Lookup(%q, %q, %q) = %+v; want nothing", c.city, c.state, c.country, p)
		}
	}
}

func TestPlaceFields(t *testing.T) {
	t.Parallel()
	p, ok := Lookup("Bengaluru", "Karnataka", "India")
	if !ok {
		t.Fatal("Bengaluru not found")
	}
	if p.Admin1Name != "Karnataka" || p.Population < 1_000_000 || p.ASCIIName != "Bengaluru" {
		t.Fatalf("Bengaluru = %+v", p)
	}
	if math.Abs(p.Lat-12.97) > 0.1 || math.Abs(p.Lon-77.59) > 0.1 {
		t.Fatalf("Bengaluru at %v,%v", p.Lat, p.Lon)
	}
	z, _ := Lookup("Zürich", "", "")
	if z.ASCIIName != "Zurich" {
		t.Fatalf("Zürich's ascii name = %q", z.ASCIIName)
	}
}

func TestFind(t *testing.T) {
	t.Parallel()
	cases := []struct{ text, wantCC, wantAdmin string }{
		{"Paris", "FR", ""},
		{"Paris, TX", "US", "TX"},
		{"Paris, France", "FR", ""},
		{"Portland, ME", "US", "ME"}, // ME is Montenegro too, which has no Portland
		{"Portland, Oregon", "US", "OR"},
		{"Portland, OR, US", "US", "OR"},
		{"springfield , il", "US", "IL"}, // IL is Israel too
		{"MÜNSTER", "DE", ""},
	}
	for _, c := range cases {
		p, ok := Find(c.text)
		if !ok || p.Country != c.wantCC || (c.wantAdmin != "" && p.Admin1 != c.wantAdmin) {
			t.Errorf("Find(%q) = %+v, %v; want %s %s", c.text, p, ok, c.wantCC, c.wantAdmin)
		}
	}
	for _, text := range []string{"", ",", "a, b, c, d", "Nowhere, France"} {
		if p, ok := Find(text); ok {
			t.Errorf("Find(%q) = %+v; want nothing", text, p)
		}
	}
}

func TestCountryCode(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"United States": "US", "usa": "US", "DEU": "DE", "Germany": "DE", "the Netherlands": "NL",
		"Antigua and Barbuda": "AG", "Türkiye": "TR", "turkey": "TR", "United Kingdom": "GB",
	} {
		if got, ok := CountryCode(in); !ok || got != want {
			t.Errorf("CountryCode(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	if _, ok := CountryCode("Narnia"); ok {
		t.Error("Narnia is a country")
	}
}

// TestData holds the embedded files to what the generator promises: every
// city of 15,000 or more, in bounds, with its country known.
func TestData(t *testing.T) {
	t.Parallel()
	ix, err := load()
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, ps := range ix.byName {
		for _, p := range ps {
			n++
			if p.Population < 15000 || math.Abs(p.Lat) > 90 || math.Abs(p.Lon) > 180 || p.Name == "" {
				t.Fatalf("bad place %+v", p)
			}
			if _, ok := ix.countries[countryKey(p.Country)]; !ok {
				t.Fatalf("%s's country %s is not indexed", p.Name, p.Country)
			}
		}
	}
	if n < 20000 {
		t.Fatalf("%d index entries, want the 24,000 cities of 15,000 or more", n)
	}
}
