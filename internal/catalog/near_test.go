package catalog_test

import (
	"context"
	"errors"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/zumodra/zumodra/internal/catalog"
	"github.com/zumodra/zumodra/internal/domain"
)

// place gives a catalog row its position, as the projection would.
func (f *fixture) place(table string, id int64, lat, lon float64) {
	f.t.Helper()
	_, err := f.pool.Exec(context.Background(), "UPDATE public."+table+" SET latitude = $2, longitude = $3 WHERE id = $1", id, lat, lon)
	if err != nil {
		f.t.Fatal(err)
	}
}

// nearFixture is a few jobs around Lyon and one far away, one remote job
// without a place, and their ids.
type nearFixture struct {
	*fixture
	lyon, villeurbanne, grenoble, paris, remote int64
}

func newNearFixture(t *testing.T) nearFixture {
	f := newFixture(t)
	tn := f.tenant("acme", "Acme")
	job := func(city string, lat, lon float64) int64 {
		id := f.job(tn, func(r *jobRow) { r.City, r.Country = city, "France" })
		f.place("job_catalog", id, lat, lon)
		return id
	}
	n := nearFixture{fixture: f}
	n.paris = job("Paris", 48.8566, 2.3522)            // about 390 km from Lyon
	n.grenoble = job("Grenoble", 45.1885, 5.7245)      // about 95 km
	n.villeurbanne = job("Villeurbanne", 45.771, 4.88) // about 3.5 km
	n.lyon = job("Lyon", 45.7640, 4.8357)              // about 1.7 km from the gazetteer's Lyon
	n.remote = f.job(tn, func(r *jobRow) { r.City, r.Country, r.Remote = "", "", "remote" })
	return n
}

func TestNearKeepsRowsWithinTheRadiusNearestFirst(t *testing.T) {
	n := newNearFixture(t)
	p := n.jobs(catalog.JobQuery{Near: "Lyon"})
	if got, want := jobIDs(p), []int64{n.lyon, n.villeurbanne}; !slices.Equal(got, want) {
		t.Fatalf("near Lyon (50 km) = %v, want %v", got, want)
	}
	if p.Sort != catalog.SortDistance || p.Total != 2 || p.Near == nil || p.Near.RadiusKm != catalog.DefaultRadius ||
		!strings.HasPrefix(p.Near.Label, "Lyon") {
		t.Fatalf("page %+v near %+v", p, p.Near)
	}
	wider := n.jobs(catalog.JobQuery{Near: "lyon, france", Radius: money(100)})
	if got, want := jobIDs(wider), []int64{n.lyon, n.villeurbanne, n.grenoble}; !slices.Equal(got, want) {
		t.Fatalf("near Lyon (100 km) = %v, want %v", got, want)
	}
	for i, want := range []float64{1.7, 3.5, 95} {
		if d := wider.Jobs[i].Distance; d == nil || math.Abs(*d-want) > want/5+0.5 {
			t.Errorf("distance of job %d = %v km, want about %v", i, d, want)
		}
	}
	plain := n.jobs(catalog.JobQuery{Sort: catalog.SortDistance})
	if plain.Jobs[0].Distance != nil || plain.Near != nil || plain.Sort != catalog.DefaultSort || len(plain.Jobs) != 5 {
		t.Errorf("a list without near, sort=distance: sort %s, %+v", plain.Sort, plain.Jobs[0])
	}
}

func TestNearByCoordinatesAndOtherSorts(t *testing.T) {
	n := newNearFixture(t)
	all := n.jobs(catalog.JobQuery{Near: " 45.76 , 4.84 ", Radius: money(catalog.MaxRadius)})
	if got, want := jobIDs(all), []int64{n.lyon, n.villeurbanne, n.grenoble, n.paris}; !slices.Equal(got, want) {
		t.Fatalf("near 45.76,4.84 (500 km) = %v, want %v (the remote job has no place)", got, want)
	}
	if d := *all.Jobs[3].Distance; d < 380 || d > 400 {
		t.Errorf("Paris is %v km from Lyon", d)
	}
	newest := n.jobs(catalog.JobQuery{Near: "45.76,4.84", Radius: money(100), Sort: catalog.SortNewest})
	if newest.Sort != catalog.SortNewest || len(newest.Jobs) != 3 || newest.Jobs[0].Distance == nil {
		t.Fatalf("newest near Lyon: sort %s, %v", newest.Sort, jobIDs(newest))
	}
}

func TestNearPagesByDistance(t *testing.T) {
	n := newNearFixture(t)
	q := catalog.JobQuery{Near: "Lyon", Radius: money(500), PageSize: 1}
	var got []int64
	for range 5 {
		p := n.jobs(q)
		got = append(got, jobIDs(p)...)
		if p.Next == "" {
			break
		}
		q.Cursor = p.Next
	}
	if want := []int64{n.lyon, n.villeurbanne, n.grenoble, n.paris}; !slices.Equal(got, want) {
		t.Fatalf("pages %v, want %v", got, want)
	}
}

func TestNearCountsAndFacetsFollowTheRadius(t *testing.T) {
	n := newNearFixture(t)
	fc, err := n.store.JobFacets(t.Context(), catalog.JobQuery{Near: "Lyon"})
	if err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, v := range fc.Remote {
		total += v.Count
	}
	if total != 2 {
		t.Fatalf("remote facet near Lyon counts %d jobs, want 2: %+v", total, fc.Remote)
	}
}

func TestNearProviders(t *testing.T) {
	f := newFixture(t)
	tn := f.tenant("studio", "Studio")
	far := f.provider(tn, func(r *providerRow) { r.Name = "Far" })
	f.place("provider_catalog", far, 52.52, 13.405) // Berlin
	close := f.provider(tn, func(r *providerRow) { r.Name = "Close"; r.City = "Potsdam" })
	f.place("provider_catalog", close, 52.39, 13.06)
	f.provider(tn, func(r *providerRow) { r.Name = "Nowhere" })
	p := f.providers(catalog.ProviderQuery{Near: "Potsdam", Radius: money(40)})
	if got, want := providerIDs(p), []int64{close, far}; !slices.Equal(got, want) {
		t.Fatalf("near Potsdam = %v, want %v", got, want)
	}
	if p.Providers[0].Distance == nil || *p.Providers[0].Distance > 5 || p.Providers[0].Latitude == nil {
		t.Fatalf("nearest provider %+v", p.Providers[0])
	}
}

func TestBadNearValues(t *testing.T) {
	f := newFixture(t)
	for _, c := range []struct {
		field string
		q     catalog.JobQuery
	}{
		{"near", catalog.JobQuery{Near: "Xyzzyville"}},
		{"near", catalog.JobQuery{Near: "91,0"}},
		{"near", catalog.JobQuery{Near: "0,180.5"}},
		{"near", catalog.JobQuery{Near: "NaN,0"}},
		{"near", catalog.JobQuery{Near: "bad \xff"}},
		{"near", catalog.JobQuery{Near: "'; DROP TABLE public.job_catalog; --"}},
		{"near", catalog.JobQuery{Near: strings.Repeat("Paris", 30)}},
		{"radius", catalog.JobQuery{Near: "Paris", Radius: money(0)}},
		{"radius", catalog.JobQuery{Near: "Paris", Radius: money(catalog.MaxRadius + 1)}},
		{"radius", catalog.JobQuery{Near: "Paris", Radius: money(math.Inf(1))}},
		{"radius", catalog.JobQuery{Radius: money(10)}},
	} {
		_, err := f.store.SearchJobs(t.Context(), c.q)
		assertFieldError(t, err, c.field)
		_, err = f.store.SearchProviders(t.Context(), catalog.ProviderQuery{Near: c.q.Near, Radius: c.q.Radius, Sort: c.q.Sort})
		assertFieldError(t, err, c.field)
	}
	var de *domain.Error
	if _, err := f.store.SearchJobs(t.Context(), catalog.JobQuery{Near: "Xyzzyville"}); !errors.As(err, &de) || !strings.Contains(de.Message, "latitude,longitude") {
		t.Errorf("unknown place: %v, want a message saying what near takes", err)
	}
}

// TestNearFunctionsMatchEarthdistance holds the migration's functions to
// earthdistance's own, and shows they need no search_path: a writer whose
// search_path lacks public (a tenant transaction) still updates the index.
func TestNearFunctionsMatchEarthdistance(t *testing.T) {
	f := newFixture(t)
	var diff float64
	err := f.pool.QueryRow(t.Context(), `SELECT max(abs(public.catalog_distance(public.catalog_earth(a.lat, a.lon), public.catalog_earth(b.lat, b.lon))
		- public.earth_distance(public.ll_to_earth(a.lat, a.lon), public.ll_to_earth(b.lat, b.lon))))
		FROM (VALUES (45.76, 4.84), (-33.87, 151.21), (89.9, 0.0), (0.0, -179.9)) a(lat, lon),
		     (VALUES (48.85, 2.35), (40.71, -74.0), (-89.9, 10.0), (0.0, 179.9)) b(lat, lon)`).Scan(&diff)
	if err != nil || diff > 1e-6 {
		t.Fatalf("catalog_distance differs from earth_distance by %v m (%v)", diff, err)
	}
	tn := f.tenant("acme", "Acme")
	id := f.job(tn, nil)
	tx, err := f.pool.Begin(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback(t.Context())
	if _, err := tx.Exec(t.Context(), "SET LOCAL search_path TO pg_catalog"); err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(t.Context(), "UPDATE public.job_catalog SET latitude = 1, longitude = 2 WHERE id = $1", id); err != nil {
		t.Fatalf("writing a position without public on search_path: %v", err)
	}
}
