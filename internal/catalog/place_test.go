package catalog_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/zumodra/zumodra/internal/catalog"
	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/kind"
)

// A place name is found among the public rows of its list, ignoring case,
// in the catalog's spelling; a country before a state before a city.
func TestPlaces(t *testing.T) {
	f := newFixture(t)
	acme := f.tenant("acme", "Acme")
	ctx := context.Background()
	sf := f.job(acme, func(r *jobRow) { r.City, r.Country = "San Francisco", "United States" })
	f.job(acme, func(r *jobRow) { r.City, r.Country = "Singapore", "Singapore" })
	hidden := f.job(acme, func(r *jobRow) { r.City, r.PublishedAt = "Atlantis", base.Add(time.Hour) }) // scheduled
	for id, state := range map[int64]string{sf: "CA", hidden: "Nowhere"} {
		if _, err := f.pool.Exec(ctx, `UPDATE public.job_catalog SET state = $2 WHERE id = $1`, id, state); err != nil {
			t.Fatal(err)
		}
	}
	f.provider(acme, func(r *providerRow) { r.City, r.Country = "montreal", "Canada" })
	f.provider(acme, func(r *providerRow) { r.City, r.Country = "Montreal", "Canada" }) // the spelling found
	for _, c := range []struct {
		list        kind.Catalog
		name, field string
		value       string
	}{
		{kind.Jobs, "san francisco", catalog.PlaceCity, "San Francisco"},
		{kind.Jobs, " UNITED STATES ", catalog.PlaceCountry, "United States"},
		{kind.Jobs, "ca", catalog.PlaceState, "CA"},
		{kind.Jobs, "Singapore", catalog.PlaceCountry, "Singapore"},
		{kind.Jobs, "Atlantis", "", ""}, // only a row not public yet
		{kind.Jobs, "Nowhere", "", ""},
		{kind.Jobs, "Montreal", "", ""}, // a provider's city, not a job's
		{kind.Providers, "MONTREAL", catalog.PlaceCity, "Montreal"},
		{kind.Providers, "Berlin", "", ""},
		{kind.Jobs, "", "", ""},
		{kind.Jobs, "%", "", ""}, // no pattern: equality
		{kind.Jobs, "' OR 1=1 --", "", ""},
	} {
		places, err := f.store.Places(ctx, c.list)
		if err != nil {
			t.Fatal(err)
		}
		got, err := places.Find("location", c.name)
		if err != nil || got.Field != c.field || got.Value != c.value {
			t.Errorf("%s %q: %+v, %v; want %s %q", c.list, c.name, got, err, c.field, c.value)
		}
	}
	for _, bad := range []string{"\xff", "a\x00b", strings.Repeat("x", catalog.MaxValueLen+1)} {
		places, _ := f.store.Places(ctx, kind.Jobs)
		if _, err := places.Find("location", bad); domain.ErrorCode(err) != domain.CodeInvalid || !strings.HasPrefix(err.Error(), "location: ") {
			t.Errorf("%q: %v, want an error naming location", bad, err)
		}
	}
}

// Validate names every bad value of a query at once; the state filter
// matches the state as the rows spell it.
func TestValidateNamesEveryValue(t *testing.T) {
	f := newFixture(t)
	acme := f.tenant("acme", "Acme")
	ca := f.job(acme, nil)
	f.job(acme, nil)
	if _, err := f.pool.Exec(context.Background(), `UPDATE public.job_catalog SET state = 'CA' WHERE id = $1`, ca); err != nil {
		t.Fatal(err)
	}
	bad := catalog.JobQuery{Search: "\xff", JobTypes: []string{"astronaut"}, Remote: []string{"moon"},
		State: strings.Repeat("s", 101), Currency: "XXX", Sort: "oldest", PageSize: 500}
	var fields []string
	for _, e := range domain.Errors(bad.Validate()) {
		fields = append(fields, e.Field)
	}
	if want := []string{"q", "state", "job_type", "remote", "currency", "page_size", "sort"}; !slices.Equal(fields, want) {
		t.Errorf("fields %q, want %q", fields, want)
	}
	if _, err := f.store.SearchJobs(context.Background(), bad); len(domain.Errors(err)) != 7 {
		t.Errorf("search: %v", err)
	}
	if err := (catalog.ProviderQuery{MinRating: money(6), MaxRate: money(-1), State: "\x00"}).Validate(); len(domain.Errors(err)) != 3 {
		t.Errorf("providers: %v", err)
	}
	page, err := f.store.SearchJobs(context.Background(), catalog.JobQuery{State: "CA"})
	if err != nil || len(page.Jobs) != 1 || page.Jobs[0].ID != ca {
		t.Errorf("state=CA: %+v, %v", page.Jobs, err)
	}
}
