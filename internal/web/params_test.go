package web_test

import (
	"net/http"
	"strings"
	"testing"
)

// Nonsense in a listing's address is the visitor's mistake: a 400 page
// that names the parameter, never a 500.
func TestBadParametersAre400(t *testing.T) {
	e := newEnv(t)
	acme := e.tenant("acme", "Acme Robotics", "")
	e.job(acme, nil)
	e.provider(acme, nil)
	long := strings.Repeat("a", 300)
	cases := []struct{ path, field string }{
		{"/careers/?min_salary=-1", "min_salary"},
		{"/careers/?min_salary=abc", "min_salary"},
		{"/careers/?min_salary=1e309", "min_salary"},
		{"/careers/?min_salary=NaN", "min_salary"},
		{"/careers/?min_salary=99999999999999999999", "min_salary"},
		{"/careers/?job_type=astronaut", "job_type"},
		{"/careers/?experience_level=%27%20OR%201%3D1--", "experience_level"},
		{"/careers/?remote=%3Cscript%3E", "remote"},
		{"/careers/?sort=random()", "sort"},
		{"/careers/?sort=rating", "sort"}, // a provider sort
		{"/careers/?page=-1", "page"},
		{"/careers/?page=0", "page"},
		{"/careers/?page=abc", "page"},
		{"/careers/?page=99999999999999999999", "page"},
		{"/careers/?page_size=0", "page_size"},
		{"/careers/?page_size=101", "page_size"},
		{"/careers/?page_size=-5", "page_size"},
		{"/careers/?cursor=not-a-cursor", "cursor"},
		{"/careers/?cursor=" + strings.Repeat("A", 2000), "cursor"},
		{"/careers/?q=%ff%fe", "q"},
		{"/careers/?q=" + long, "q"},
		{"/careers/?country=%00", "country"},
		{"/careers/?city=%c3%28", "city"},
		{"/careers/?company=" + long, "company"},
		{"/careers/?q=%zz", "query"},
		{"/careers/?" + strings.Repeat("x=1&", 1200), "query"},
		{"/browse-freelancers/?min_rating=6", "min_rating"},
		{"/browse-freelancers/?min_rating=-0.5", "min_rating"},
		{"/browse-freelancers/?max_rate=-1", "max_rate"},
		{"/browse-freelancers/?max_rate=1e20", "max_rate"},
		{"/browse-freelancers/?verified=maybe", "verified"},
		{"/browse-freelancers/?available=2", "available"},
		{"/browse-freelancers/?sort=salary", "sort"},
		{"/browse-freelancers/?page=-3", "page"},
		{"/browse-freelancers/?page_size=100000", "page_size"},
		{"/browse-freelancers/?skill=%ff", "skill"},
		{"/browse-freelancers/?cursor=AAAA", "cursor"},
	}
	for _, c := range cases {
		t.Run(c.path[:min(len(c.path), 60)], func(t *testing.T) {
			res, body := e.get(c.path)
			if res.StatusCode != http.StatusBadRequest {
				t.Fatalf("status %d, want 400\n%s", res.StatusCode, snippet(body))
			}
			contains(t, body, "That request did not make sense", "Parameter “"+c.field+"”")
		})
	}
}

// A cursor from one search is refused by another: it cannot be replayed
// to page through a query it was not made for.
func TestCursorOfAnotherQueryIs400(t *testing.T) {
	e := newEnv(t)
	acme := e.tenant("acme", "Acme Robotics", "")
	for range 3 {
		e.job(acme, nil)
	}
	body := e.mustGet("/careers/?page_size=1", http.StatusOK)
	m := nextRE.FindStringSubmatch(body)
	if m == nil {
		t.Fatal("no next link")
	}
	next := unescapeHref(m[1])
	e.mustGet(next, http.StatusOK)
	e.mustGet(strings.Replace(next, "page_size=1", "page_size=2", 1), http.StatusBadRequest)
}

// Hostile but well-formed text is just a search: 200, escaped, no match.
func TestInjectionStringsAreSearchedAsText(t *testing.T) {
	e := newEnv(t)
	acme := e.tenant("acme", "Acme Robotics", "")
	e.job(acme, func(r *jobRow) { r.Title = "Plain Job" })
	for _, q := range []string{
		"%27%20OR%201%3D1%20--", "%27%3B%20DROP%20TABLE%20public.job_catalog%3B%20--",
		"%3Cscript%3Ealert(1)%3C%2Fscript%3E", "%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E",
		"%5C", "%26%7C!%3A*", "((((", "%E2%80%AE",
	} {
		for _, base := range []string{"/careers/?q=", "/browse-freelancers/?q=", "/careers/?category=", "/browse-freelancers/?skill="} {
			t.Run(base+q, func(t *testing.T) {
				body := e.getIn(t, base+q, http.StatusOK)
				lacks(t, body, "<script>alert", `"><img`, "<img src=x")
			})
		}
	}
	e.mustGet("/careers/", http.StatusOK) // the table is still there
	contains(t, e.mustGet("/careers/?q=%3Cscript%3E", http.StatusOK), `value="&lt;script&gt;"`)
}
