package publicapi_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

func TestJobListPagesWithNextLinks(t *testing.T) {
	f := newFixture(t)
	a := f.job("Go Developer", "contract", "Germany", time.Hour, nil)
	b := f.job("Go Engineer", "contract", "Germany", 2*time.Hour, nil)
	f.job("Go Developer", "full_time", "Germany", 3*time.Hour, nil)
	f.job("Go Developer", "contract", "France", 4*time.Hour, nil)
	w := f.get("/api/v1/careers/jobs?q=go&job_type=contract&country=Germany&page_size=1&sort=newest")
	if w.Code != http.StatusOK || w.Header().Get("Content-Type") != "application/json" {
		t.Fatalf("status %d %s", w.Code, w.Body)
	}
	l := decode[list](t, w)
	if len(l.Data) != 1 || l.Data[0].ID != a || l.Total != 2 || !l.TotalExact || l.Page != 1 || l.PageSize != 1 || l.NextCursor == "" {
		t.Fatalf("page 1: %+v", l)
	}
	if !strings.Contains(w.Header().Get("Link"), `rel="next"`) {
		t.Errorf("Link header %q", w.Header().Get("Link"))
	}
	w = f.get(l.Links["next"])
	l2 := decode[list](t, w)
	if w.Code != http.StatusOK || len(l2.Data) != 1 || l2.Data[0].ID != b || l2.Page != 2 || l2.NextCursor != "" || l2.Links["prev"] == "" {
		t.Fatalf("page 2 (%d): %+v", w.Code, l2)
	}
	// A cursor replayed on another query is refused.
	w = f.get("/api/v1/careers/jobs?country=France&page_size=1&cursor=" + url.QueryEscape(l.NextCursor))
	assertProblem(t, w, http.StatusBadRequest, "cursor")
}

func TestJobListFacetsAndFilters(t *testing.T) {
	f := newFixture(t)
	f.job("Go Developer", "contract", "Germany", time.Hour, nil)
	f.job("Designer", "full_time", "France", time.Hour, nil)
	w := f.get("/api/v1/careers/jobs?job_type=contract,full_time&remote=remote&facets=true&experience_level=mid&category=engineering&company=acme&min_salary=0&city=Town")
	l := decode[list](t, w)
	if w.Code != http.StatusOK || len(l.Data) != 0 && l.Total != 0 {
		t.Fatalf("%d %+v", w.Code, l)
	}
	w = f.get("/api/v1/careers/jobs?job_type=contract&job_type=full_time&remote=remote&facets=1&experience_level=mid&category=engineering&company=acme&city=Town")
	l = decode[list](t, w)
	if w.Code != http.StatusOK || l.Total != 2 || l.Facets["job_types"] == nil || l.Facets["countries"] == nil {
		t.Fatalf("%d %+v", w.Code, l)
	}
}

func TestJobDetailAndNotFound(t *testing.T) {
	f := newFixture(t)
	id := f.job("Go Developer", "contract", "Germany", time.Hour, nil)
	if _, err := f.pool.Exec(context.Background(), `UPDATE public.job_catalog SET street_address = 'Friedrichstraße 68',
		postal_code = '10117' WHERE id = $1`, id); err != nil {
		t.Fatal(err)
	}
	past := base.Add(-time.Minute)
	expired := f.job("Old", "contract", "Germany", time.Hour, &past)
	w := f.get("/api/v1/careers/jobs/" + itoa(id))
	body := w.Body.String()
	if w.Code != http.StatusOK || !strings.Contains(body, `"title":"Go Developer"`) || !strings.Contains(body, `"company_slug":"acme"`) ||
		!strings.Contains(body, `"street_address":"Friedrichstraße 68","postal_code":"10117"`) {
		t.Fatalf("%d %s", w.Code, body)
	}
	if strings.Contains(body, "tenant_id") || strings.Contains(body, "source_id") || strings.Contains(body, "content_hash") {
		t.Errorf("detail exposes internals: %s", body)
	}
	// Past its deadline a job was public and is no longer: gone, like a
	// removed one; an id never handed out is not found.
	assertProblem(t, f.get("/api/v1/careers/jobs/"+itoa(expired)), http.StatusGone, "")
	assertProblem(t, f.get("/api/v1/careers/jobs/"+itoa(id+1000)), http.StatusNotFound, "")
	for _, path := range []string{"abc", "-1", "0", "99999999999999999999999", "1.5", "%27%20OR%201=1"} {
		assertProblem(t, f.get("/api/v1/careers/jobs/"+path), http.StatusBadRequest, "id")
	}
}

func TestProvidersListAndDetail(t *testing.T) {
	f := newFixture(t)
	hi := f.provider("Grace Hopper", 4.9)
	lo := f.provider("Alan Turing", 3.5)
	w := f.get("/api/v1/providers?min_rating=3&available=true&skill=Go&facets=true&sort=rating")
	l := decode[list](t, w)
	if w.Code != http.StatusOK || len(l.Data) != 2 || l.Data[0].ID != hi || l.Data[1].ID != lo || l.Sort != "rating" || l.Facets["skills"] == nil {
		t.Fatalf("%d %+v", w.Code, l)
	}
	w = f.get("/api/v1/providers?q=grace")
	if l = decode[list](t, w); len(l.Data) != 1 || l.Data[0].Name != "Grace Hopper" {
		t.Fatalf("search: %+v", l)
	}
	w = f.get("/api/v1/providers/" + itoa(hi))
	if w.Code != http.StatusOK || !strings.Contains(w.Body.String(), `"display_name":"Grace Hopper"`) {
		t.Fatalf("%d %s", w.Code, w.Body)
	}
	assertProblem(t, f.get("/api/v1/providers/"+itoa(hi+50)), http.StatusNotFound, "")
}

func TestBrowseEndpoints(t *testing.T) {
	f := newFixture(t)
	f.job("Go Developer", "contract", "Germany", time.Hour, nil)
	for path, want := range map[string]string{
		"/api/v1/careers/categories": `{"data":[{"slug":"engineering","name":"Engineering","count":1}]}`,
		"/api/v1/careers/locations":  `{"data":[{"name":"Germany","count":1,"cities":[{"name":"Town","count":1}]}]}`,
		"/api/v1/careers/stats":      `{"data":{"jobs":1,"companies":1,"providers":0,"countries":1,"newest_published_at":"2026-06-01T11:00:00Z"}}`,
	} {
		w := f.get(path)
		if w.Code != http.StatusOK || strings.TrimSpace(w.Body.String()) != want {
			t.Errorf("%s: %d %s, want %s", path, w.Code, w.Body, want)
		}
		assertProblem(t, f.get(path+"?page_size=5"), http.StatusBadRequest, "page_size")
	}
}
