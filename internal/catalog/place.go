package catalog

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/jackc/pgx/v5"

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

var placeFields = []string{PlaceCountry, PlaceState, PlaceCity}

// placesSQL lists the distinct places of a catalog's listed rows ($1 the
// time). No index serves a case-insensitive match on city or state, so the
// places are read once per catalog version and looked up in memory: a
// name that matches nothing costs no query of its own.
const placesSQL = `SELECT country, state, city FROM %s WHERE %s GROUP BY 1, 2, 3`

// Places are the countries, states and cities of a list's public rows,
// for looking up free-text place names: the links of the original site
// carried a location where the lists filter on exact country, state and
// city.
type Places struct {
	index map[string]Place // lower-cased name: the first filter it is
}

// Find looks name up ignoring case, checking it as a filter value named
// field: a country before a state before a city, in the catalog's spelling;
// of two spellings of one name the alphabetically first.
func (p Places) Find(field, name string) (Place, error) {
	name, err := cleanText(field, name, MaxValueLen)
	if err != nil {
		return Place{}, err
	}
	return p.index[strings.ToLower(name)], nil
}

// Places reads the places of the public jobs (kind.Jobs) or providers
// (kind.Providers), once per catalog version.
func (s *Store) Places(ctx context.Context, c kind.Catalog) (Places, error) {
	listed, ok := map[kind.Catalog]string{kind.Jobs: listedJob("", "$1"), kind.Providers: listedProvider("", "$1")}[c]
	if !ok {
		return Places{}, errors.New("catalog: no places in " + string(c))
	}
	return cached(ctx, s.cache, "places\x00"+string(c), func(ctx context.Context) (Places, error) {
		rows, err := s.db(ctx).Query(ctx, fmt.Sprintf(placesSQL, c.Table(), listed), s.now())
		if err != nil {
			return Places{}, fmt.Errorf("catalog places: %w", err)
		}
		index := map[string]Place{}
		var triple [3]string
		_, err = pgx.ForEachRow(rows, []any{&triple[0], &triple[1], &triple[2]}, func() error {
			for i, v := range triple {
				addPlace(index, Place{Field: placeFields[i], Value: v})
			}
			return nil
		})
		if err != nil {
			return Places{}, fmt.Errorf("catalog places: %w", err)
		}
		return Places{index: index}, nil
	})
}

func addPlace(index map[string]Place, p Place) {
	if p.Value == "" {
		return
	}
	key := strings.ToLower(p.Value)
	old, ok := index[key]
	rank := func(f string) int { return slices.Index(placeFields, f) }
	if !ok || rank(p.Field) < rank(old.Field) || (p.Field == old.Field && p.Value < old.Value) {
		index[key] = p
	}
}
