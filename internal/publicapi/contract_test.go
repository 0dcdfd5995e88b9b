package publicapi_test

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

// Requests the OpenAPI document allows are answered, whatever spelling of
// a number or list a generated client or fuzzer picks (the fixture's
// checker also holds each response against the document).
func TestRequestsTheDocumentAllowsAreAnswered(t *testing.T) {
	f := newFixture(t)
	f.job("Go Developer", "contract", "Germany", time.Hour, nil)
	f.provider("Ada", 4.5)
	for _, target := range []string{
		"/api/v1/careers/jobs?min_salary=1e3", "/api/v1/careers/jobs?min_salary=0.99999",
		"/api/v1/careers/jobs?min_salary=0.00001", "/api/v1/careers/jobs?min_salary=9999999999",
		"/api/v1/careers/jobs?min_salary=1E2", "/api/v1/careers/jobs?min_salary=0",
		"/api/v1/careers/jobs?job_type=contract,full_time&experience_level=mid&remote=remote,hybrid",
		"/api/v1/careers/jobs?job_type=contract&job_type=part_time",
		"/api/v1/careers/jobs?q=" + "%C3%A9%C3%A9", "/api/v1/careers/jobs?cursor=&page_size=100",
		"/api/v1/careers/jobs?facets=true&sort=salary&utm_source=x&_=1",
		"/api/v1/providers?max_rate=1e3", "/api/v1/providers?max_rate=99999999", "/api/v1/providers?min_rating=0.00001",
		"/api/v1/providers?min_rating=5&verified=false&available=true&remote=true",
	} {
		if w := f.get(target); w.Code != http.StatusOK {
			t.Errorf("%s: %d %s", target, w.Code, w.Body)
		}
	}
}

// Bounds the document states are the server's: the first value past each
// is refused, with the limit written as a plain number.
func TestDocumentedBoundsAreTheServers(t *testing.T) {
	f := newFixture(t)
	for _, c := range []struct{ target, field string }{
		{"/api/v1/careers/jobs?min_salary=10000000000", "min_salary"},
		{"/api/v1/providers?max_rate=100000000", "max_rate"},
		{"/api/v1/providers?min_rating=5.00001", "min_rating"},
		{"/api/v1/careers/jobs?page_size=101", "page_size"},
		{"/api/v1/careers/jobs?job_type=contract,contract,contract,contract,contract,contract,contract,contract,contract,contract,contract", "job_type"},
	} {
		w := f.get(c.target)
		assertProblem(t, w, http.StatusBadRequest, c.field)
		if c.field == "max_rate" && !strings.Contains(w.Body.String(), "between 0 and 99999999") {
			t.Errorf("max_rate's limit is not written plainly: %s", w.Body)
		}
	}
}
