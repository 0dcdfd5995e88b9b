package catalog

import (
	"context"
	"errors"
	"fmt"

	"github.com/zumodra/zumodra/internal/kind"
)

// Place is what a free-text place name is among a list's public rows: the
// filter it matches (PlaceCountry, PlaceState or PlaceCity) and the value
// as the catalog spells it. Field is "" when no public row has it.
type Place struct {
	Field string
	Value string
}

// The filters a place name can match, in the order they are tried: a
// country covers its states and cities, so "Singapore" is the country.
const (
	PlaceCountry = "country"
	PlaceState   = "state"
	PlaceCity    = "city"
)

// placeSQL finds, among the listed rows of a catalog ($1 the time), the
// first country, state and city equal to $2 ignoring case.
const placeSQL = `SELECT
	(SELECT country FROM %[1]s WHERE lower(country) = lower($2) AND %[2]s LIMIT 1),
	(SELECT state FROM %[1]s WHERE lower(state) = lower($2) AND %[2]s LIMIT 1),
	(SELECT city FROM %[1]s WHERE lower(city) = lower($2) AND %[2]s LIMIT 1)`

// FindPlace looks name up among the public jobs (kind.Jobs) or providers
// (kind.Providers): the links of the original site carried a free-text
// location where the lists filter on exact country, state and city. name
// is checked as a filter value named field.
func (s *Store) FindPlace(ctx context.Context, c kind.Catalog, field, name string) (Place, error) {
	name, err := cleanText(field, name, MaxValueLen)
	if err != nil || name == "" {
		return Place{}, err
	}
	listed, ok := map[kind.Catalog]string{kind.Jobs: listedJob("", "$1"), kind.Providers: listedProvider("", "$1")}[c]
	if !ok {
		return Place{}, errors.New("catalog: no places in " + string(c))
	}
	return cached(ctx, s.cache, "place\x00"+string(c)+"\x00"+name, func(ctx context.Context) (Place, error) {
		var found [3]*string
		err := s.db(ctx).QueryRow(ctx, fmt.Sprintf(placeSQL, c.Table(), listed), s.now(), name).
			Scan(&found[0], &found[1], &found[2])
		if err != nil {
			return Place{}, fmt.Errorf("catalog place: %w", err)
		}
		for i, f := range []string{PlaceCountry, PlaceState, PlaceCity} {
			if found[i] != nil && *found[i] != "" {
				return Place{Field: f, Value: *found[i]}, nil
			}
		}
		return Place{}, nil
	})
}
