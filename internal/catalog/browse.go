package catalog

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// Category is a job category with its number of public jobs.
type Category struct {
	Slug  string `json:"slug"`
	Name  string `json:"name"`
	Count int    `json:"count"`
}

// Country is a country with its public jobs and the cities that have some.
type Country struct {
	Name   string `json:"name"`
	Count  int    `json:"count"`
	Cities []City `json:"cities"`
}

// City is a city with its number of public jobs.
type City struct {
	Name  string `json:"name"`
	Count int    `json:"count"`
}

// Stats are the catalog's totals.
type Stats struct {
	Jobs      int        `json:"jobs"`
	Companies int        `json:"companies"` // tenants with at least one public job or provider
	Providers int        `json:"providers"`
	Countries int        `json:"countries"` // countries with at least one public job
	NewestAt  *time.Time `json:"newest_published_at"`
}

// liveJob and liveProvider are the listed conditions of browse queries,
// whose time is $1.
var (
	liveJob      = listedJob("", "$1")
	liveProvider = listedProvider("", "$1")
)

// maxCitiesPerCountry bounds the city list of each country.
const maxCitiesPerCountry = 50

// Categories lists the job categories that have public jobs, largest first.
// Tenants may name one slug differently; the alphabetically first name shows.
func (s *Store) Categories(ctx context.Context) ([]Category, error) {
	return cached(ctx, s.cache, "categories", func(ctx context.Context) ([]Category, error) {
		rows, err := s.db(ctx).Query(ctx, `SELECT category_slug, min(category_name), count(*) FROM public.job_catalog
			WHERE category_slug <> '' AND `+liveJob+` GROUP BY 1 ORDER BY 3 DESC, 1`, s.now())
		if err != nil {
			return nil, fmt.Errorf("catalog categories: %w", err)
		}
		out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (Category, error) {
			var c Category
			return c, r.Scan(&c.Slug, &c.Name, &c.Count)
		})
		return nonNil(out), wrap("catalog categories", err)
	})
}

// Locations lists the countries with public jobs, largest first, each with
// its largest cities.
func (s *Store) Locations(ctx context.Context) ([]Country, error) {
	return cached(ctx, s.cache, "locations", func(ctx context.Context) ([]Country, error) {
		if locs, err := s.indexedLocations(ctx); !errors.Is(err, errNotIndexed) {
			return locs, err
		}
		rows, err := s.db(ctx).Query(ctx, `SELECT country, city, count(*) FROM public.job_catalog
			WHERE country <> '' AND `+liveJob+` GROUP BY 1, 2`, s.now())
		if err != nil {
			return nil, fmt.Errorf("catalog locations: %w", err)
		}
		var countries []Country
		index := map[string]int{}
		var country, city string
		var n int
		_, err = pgx.ForEachRow(rows, []any{&country, &city, &n}, func() error {
			i, ok := index[country]
			if !ok {
				i = len(countries)
				index[country] = i
				countries = append(countries, Country{Name: country, Cities: []City{}})
			}
			countries[i].Count += n
			if city != "" {
				countries[i].Cities = append(countries[i].Cities, City{Name: city, Count: n})
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("catalog locations: %w", err)
		}
		return sortLocations(countries), nil
	})
}

// Stats returns the catalog's totals.
func (s *Store) Stats(ctx context.Context) (Stats, error) {
	return cached(ctx, s.cache, "stats", func(ctx context.Context) (Stats, error) {
		if st, err := s.indexedStats(ctx); !errors.Is(err, errNotIndexed) {
			return st, err
		}
		var st Stats
		err := s.db(ctx).QueryRow(ctx, `SELECT
			(SELECT count(*) FROM public.job_catalog WHERE `+liveJob+`),
			(SELECT count(*) FROM (SELECT tenant_id FROM public.job_catalog WHERE `+liveJob+`
				UNION SELECT tenant_id FROM public.provider_catalog WHERE `+liveProvider+`) t),
			(SELECT count(*) FROM public.provider_catalog WHERE `+liveProvider+`),
			(SELECT count(DISTINCT country) FROM public.job_catalog WHERE country <> '' AND `+liveJob+`),
			(SELECT max(published_at) FROM public.job_catalog WHERE `+liveJob+`)`, s.now()).
			Scan(&st.Jobs, &st.Companies, &st.Providers, &st.Countries, &st.NewestAt)
		return st, wrap("catalog stats", err)
	})
}

func wrap(what string, err error) error {
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	return nil
}
