package publicapi_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"
)

func (f *fixture) place(table string, id int64, lat, lon float64) {
	f.t.Helper()
	if _, err := f.pool.Exec(context.Background(), "UPDATE public."+table+" SET latitude = $2, longitude = $3 WHERE id = $1", id, lat, lon); err != nil {
		f.t.Fatal(err)
	}
}

// TestNearOverTheAPI: near and radius filter and sort both lists, each row
// says how far it is, and the list says where it measured from; every
// exchange is checked against the OpenAPI document by the fixture.
func TestNearOverTheAPI(t *testing.T) {
	f := newFixture(t)
	lyon := f.job("Lyon job", "full_time", "France", time.Hour, nil)
	f.place("job_catalog", lyon, 45.764, 4.8357)
	paris := f.job("Paris job", "full_time", "France", 2*time.Hour, nil)
	f.place("job_catalog", paris, 48.8566, 2.3522)
	f.job("Nowhere job", "full_time", "", 3*time.Hour, nil)
	w := f.get("/api/v1/careers/jobs?near=Paris&radius=500")
	if w.Code != http.StatusOK {
		t.Fatalf("%d %s", w.Code, w.Body)
	}
	body := decode[struct {
		list
		Data []struct {
			ID       int64    `json:"id"`
			Distance *float64 `json:"distance"`
			Lat      *float64 `json:"latitude"`
		} `json:"data"`
		Near struct {
			Label    string  `json:"label"`
			RadiusKm float64 `json:"radius_km"`
		} `json:"near"`
	}](t, w)
	if len(body.Data) != 2 || body.Data[0].ID != paris || body.Data[1].ID != lyon || body.Sort != "distance" || body.Total != 2 {
		t.Fatalf("near Paris: %s", w.Body)
	}
	if d := body.Data[1].Distance; d == nil || *d < 380 || *d > 400 || body.Data[0].Lat == nil {
		t.Fatalf("Lyon is %v km from Paris", d)
	}
	if !strings.HasPrefix(body.Near.Label, "Paris") || body.Near.RadiusKm != 500 {
		t.Fatalf("near %+v", body.Near)
	}
	if w := f.get("/api/v1/careers/jobs?near=45.76,4.84"); len(decode[list](t, w).Data) != 1 {
		t.Fatalf("near Lyon by coordinates, 50 km: %s", w.Body)
	}
	prov := f.provider("Parisian", 4.5)
	f.place("provider_catalog", prov, 48.86, 2.34)
	f.provider("Placeless", 4.5)
	if w := f.get("/api/v1/providers?near=paris,%20france"); len(decode[list](t, w).Data) != 1 {
		t.Fatalf("providers near Paris: %s", w.Body)
	}
}

func TestBadNearParametersAreProblems(t *testing.T) {
	f := newFixture(t)
	for _, c := range []struct{ query, field string }{
		{"near=Xyzzyville", "near"},
		{"near=95,10", "near"},
		{"near=%FF", "near"},
		{"near=" + strings.Repeat("x", 101), "near"},
		{"near=Paris&radius=0", "radius"},
		{"near=Paris&radius=501", "radius"},
		{"near=Paris&radius=-5", "radius"},
		{"near=Paris&radius=ten", "radius"},
		{"radius=10", "radius"},
		{"near=Paris&near=Lyon", "near"},
	} {
		assertProblem(t, f.get("/api/v1/careers/jobs?"+c.query), http.StatusBadRequest, c.field)
		assertProblem(t, f.get("/api/v1/providers?"+c.query), http.StatusBadRequest, c.field)
	}
	w := f.get("/api/v1/careers/jobs?near=Xyzzyville")
	if p := decode[problem](t, w); !strings.Contains(p.Detail, "near") || !strings.Contains(p.Detail, "latitude,longitude") {
		t.Fatalf("unknown place: %s", w.Body)
	}
}
