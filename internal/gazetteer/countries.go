package gazetteer

import "strings"

// aliases are country names people write that are neither the ISO codes
// nor CLDR's English name.
var aliases = map[string]string{
	"usa": "US", "united states of america": "US", "america": "US",
	"uk": "GB", "great britain": "GB", "britain": "GB", "england": "GB", "scotland": "GB",
	"wales": "GB", "northern ireland": "GB",
	"czech republic": "CZ", "holland": "NL", "korea": "KR", "south korea": "KR",
	"republic of korea": "KR", "north korea": "KP", "ivory coast": "CI", "uae": "AE",
	"turkey": "TR", "turkiye": "TR", "viet nam": "VN", "burma": "MM", "swaziland": "SZ", "macedonia": "MK",
	"cape verde": "CV", "east timor": "TL", "russian federation": "RU", "hong kong": "HK",
	"macau": "MO", "macao": "MO", "vatican": "VA", "deutschland": "DE", "espana": "ES",
	"brasil": "BR", "mexico": "MX", "schweiz": "CH", "suisse": "CH", "osterreich": "AT",
	"nederland": "NL", "italia": "IT", "polska": "PL", "sverige": "SE", "norge": "NO",
	"danmark": "DK", "suomi": "FI", "nippon": "JP", "bharat": "IN",
}

// readCountries indexes every country by its two- and three-letter codes,
// its English name and the aliases.
func (ix *index) readCountries() error {
	rows, err := readTable("countries.tsv.gz", 3)
	if err != nil {
		return err
	}
	for _, r := range rows {
		for _, k := range []string{r[0], r[1], r[2]} {
			ix.countries[countryKey(k)] = r[0]
		}
	}
	for k, code := range aliases {
		ix.countries[countryKey(k)] = code
	}
	return nil
}

// countryKey folds a country name and drops the words its spellings
// disagree on: "Antigua & Barbuda", "Antigua and Barbuda", "the
// Netherlands".
func countryKey(s string) string {
	words := strings.Fields(Fold(s))
	kept := words[:0]
	for _, w := range words {
		if w != "and" && w != "the" && w != "of" {
			kept = append(kept, w)
		}
	}
	return strings.Join(kept, " ")
}

// CountryCode returns the ISO 3166-1 alpha-2 code of a country given by
// code or name, in any case, with or without accents.
func CountryCode(name string) (string, bool) {
	ix, err := load()
	if err != nil {
		return "", false
	}
	code, ok := ix.countries[countryKey(name)]
	return code, ok
}
