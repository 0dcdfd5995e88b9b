package publicapi_test

import (
	"context"
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"
)

// problemOf reads a 400's problem document: its fields and detail.
func problemOf(t *testing.T, target string, f *fixture) ([]string, string) {
	t.Helper()
	w := f.get(target)
	if w.Code != http.StatusBadRequest {
		t.Fatalf("%s: status %d, want 400: %s", target, w.Code, w.Body)
	}
	var p struct {
		Detail string `json:"detail"`
		Errors []struct{ Field, Detail string }
	}
	if err := json.Unmarshal(w.Body.Bytes(), &p); err != nil {
		t.Fatal(err)
	}
	var fields []string
	for _, e := range p.Errors {
		fields = append(fields, e.Field)
		if e.Detail == "" || !strings.Contains(p.Detail, e.Field+": "+e.Detail) {
			t.Errorf("%s: detail %q does not say %s: %s", target, p.Detail, e.Field, e.Detail)
		}
	}
	return fields, p.Detail
}

// A request with several bad parameters is answered naming each of them,
// those the parser refuses and those the catalog refuses alike.
func TestEveryBadParameterIsNamed(t *testing.T) {
	f := newFixture(t)
	f.job("Go Developer", "contract", "Germany", time.Hour, nil)
	for target, want := range map[string][]string{
		"/api/v1/careers/jobs?page_size=0&min_salary=-1&jobtype=contract":                            {"jobtype", "min_salary", "page_size"},
		"/api/v1/careers/jobs?job_type=astronaut&remote=moon&q=%FF&currency=XXX":                     {"q", "job_type", "remote", "currency"},
		"/api/v1/careers/jobs?search=go&page_size=101&experience_level=guru&country=a%00b":           {"search", "page_size", "country", "experience_level"},
		"/api/v1/careers/jobs?sort=newest&sort=salary&facets=maybe&city=" + strings.Repeat("x", 101): {"sort", "facets", "city"},
		"/api/v1/providers?min_rating=6&max_rate=-3&verified=perhaps":                                {"verified", "max_rate", "min_rating"},
		"/api/v1/providers?location=Berlin&ordering=-rating&skill=" + strings.Repeat("s", 200):       {"location", "ordering", "skill"},
	} {
		got, _ := problemOf(t, target, f)
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("%s: errors name %q, want %q", target[:min(len(target), 70)], got, want)
		}
	}
	// One parameter wrong twice over is named once, with its first problem.
	if got, detail := problemOf(t, "/api/v1/careers/jobs?q=a&q=%FF", f); !slices.Equal(got, []string{"q"}) || !strings.Contains(detail, "at most once") {
		t.Errorf("repeated bad q: %q, %q", got, detail)
	}
}

// The original site's parameters are refused naming ours, never ignored.
func TestOriginalParametersNameTheirReplacement(t *testing.T) {
	f := newFixture(t)
	for target, hint := range map[string]string{
		"/api/v1/careers/jobs?search=go":              "search: is the original site's name for q: use q",
		"/api/v1/careers/jobs?location=Montreal":      "use city, state or country",
		"/api/v1/careers/jobs?page=2":                 "use cursor",
		"/api/v1/careers/jobs?ordering=-published_at": "ordering: is the original site's name for sort: use sort=newest",
		"/api/v1/careers/jobs?sort=-published_at":     `"-published_at" is the original site's name of an order: use sort=newest`,
		"/api/v1/careers/jobs?sort=salary_high":       "use sort=salary",
		"/api/v1/careers/jobs?remote=true":            "use remote=remote",
		"/api/v1/providers?sort=-rating":              "use sort=rating",
		"/api/v1/providers?search=design&page=3":      "use q",
		"/api/v1/careers/jobs?sort=oldest":            "sort: must be one of",
	} {
		if _, detail := problemOf(t, target, f); !strings.Contains(detail, hint) {
			t.Errorf("%s: detail %q, want %q", target, detail, hint)
		}
	}
}

// state filters on the rows' state, as country and city do.
func TestStateFilter(t *testing.T) {
	f := newFixture(t)
	ca := f.job("Hybrid Designer", "full_time", "United States", time.Hour, nil)
	f.job("Berlin Engineer", "full_time", "Germany", 2*time.Hour, nil)
	if _, err := f.pool.Exec(context.Background(), `UPDATE public.job_catalog SET state = 'CA' WHERE id = $1`, ca); err != nil {
		t.Fatal(err)
	}
	for target, want := range map[string]int{"/api/v1/careers/jobs?state=CA": 1, "/api/v1/careers/jobs?state=ca": 0,
		"/api/v1/careers/jobs?state=": 2, "/api/v1/providers?state=CA": 0} {
		w := f.get(target)
		var body struct {
			Data  []struct{ ID int64 }
			Total int
		}
		if w.Code != http.StatusOK || json.Unmarshal(w.Body.Bytes(), &body) != nil || body.Total != want {
			t.Errorf("%s: %d, total %d, want %d: %s", target, w.Code, body.Total, want, w.Body)
		}
		if want == 1 && body.Data[0].ID != ca {
			t.Errorf("%s: found %d, want %d", target, body.Data[0].ID, ca)
		}
	}
}
