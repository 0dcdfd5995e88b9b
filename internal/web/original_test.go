package web_test

import (
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"
)

// originalSite fills the catalog with places the original's links name.
func originalSite(e *env) {
	acme := e.tenant("acme", "Acme Robotics", "")
	e.job(acme, func(r *jobRow) {
		r.Title, r.City, r.State, r.Country = "Senior Software Engineer", "Montreal", "QC", "Canada"
	})
	e.job(acme, func(r *jobRow) {
		r.Title, r.Remote, r.PublishedAt = "Remote Go Engineer", "remote", now.Add(-time.Hour)
	})
	e.job(acme, func(r *jobRow) {
		r.Title, r.Remote, r.City, r.State, r.Country = "Hybrid Product Designer", "hybrid", "San Francisco", "CA", "United States"
		r.CategorySlug, r.CategoryName = "design", "Design"
		r.SalaryMin, r.SalaryMax, r.Currency = num(90000), num(120000), "USD"
	})
	e.job(acme, func(r *jobRow) {
		r.Title, r.City, r.State, r.Country = "Data Analyst", "Austin", "TX", "United States"
		r.CategorySlug, r.CategoryName = "data", "Data"
		r.PublishedAt = now.Add(-10 * 24 * time.Hour)
	})
	e.provider(acme, func(r *providerRow) {
		r.Name, r.Tagline, r.City, r.State, r.Country = "Dana Moreau", "Brand and product design", "Montreal", "QC", "Canada"
		r.SkillNames, r.Remote, r.Rating = []string{"Design"}, false, 4.9
	})
	e.provider(acme, func(r *providerRow) { r.Name, r.Rating = "Ada Lovelace", 4.1 })
}

// A link of the original site answers 301 to the same list in our names,
// which shows what our own address shows.
func TestOriginalLinksRedirectToOurNames(t *testing.T) {
	e := newEnv(t)
	originalSite(e)
	for _, c := range []struct {
		from, to string // to: our address, the query compared as values
		titles   []string
	}{
		{"/careers/?search=engineer", "/careers/?q=engineer", []string{"Remote Go Engineer", "Senior Software Engineer"}},
		{"/careers/?remote=true", "/careers/?remote=remote", []string{"Remote Go Engineer"}},
		{"/careers/?remote=1", "/careers/?remote=remote", nil},
		{"/careers/?remote=yes", "/careers/?remote=remote", nil},
		{"/careers/?remote=on", "/careers/?remote=remote", nil},
		{"/careers/?remote=false", "/careers/", nil},
		{"/careers/?remote=true,hybrid", "/careers/?remote=remote&remote=hybrid", []string{"Remote Go Engineer", "Hybrid Product Designer"}},
		{"/careers/?location=Montreal", "/careers/?city=Montreal", []string{"Senior Software Engineer"}},
		{"/careers/?location=%20montreal%20", "/careers/?city=Montreal", nil},
		{"/careers/?location=canada", "/careers/?country=Canada", nil},
		{"/careers/?location=CA", "/careers/?state=CA", []string{"Hybrid Product Designer"}},
		{"/careers/?location=Austin,%20tx", "/careers/?city=Austin&state=TX", []string{"Data Analyst"}},
		{"/careers/?location=Austin,%20TX,%20United%20States", "/careers/?city=Austin&state=TX&country=United+States", nil},
		{"/careers/?location=Atlantis", "/careers/?city=Atlantis", []string{}},
		{"/careers/?location=Austin,%20QC", "/careers/?city=Austin&state=QC", []string{}},
		{"/careers/?location=Austin,%20Atlantis", "/careers/?city=Austin,+Atlantis", []string{}}, // a part names no place: the text as a city
		{"/careers/?location=Montreal&city=Berlin", "/careers/?city=Berlin", nil},                // ours wins
		{"/careers/?ordering=-published_at", "/careers/?sort=newest", nil},
		{"/careers/?sort=-salary_max", "/careers/?sort=salary", []string{"Hybrid Product Designer", "Data Analyst", "Remote Go Engineer", "Senior Software Engineer"}},
		{"/careers/?sort=salary_high", "/careers/?sort=salary", nil},
		{"/careers/?search=engineer&q=designer", "/careers/?q=designer", nil},
		{"/careers/?search=engineer&location=Berlin&ordering=-published_at&remote=true&utm_source=news",
			"/careers/?q=engineer&city=Berlin&sort=newest&remote=remote&utm_source=news", []string{"Remote Go Engineer"}},
		{"/careers/?page=1&search=analyst", "/careers/?q=analyst", []string{"Data Analyst"}},
		{"/careers/?search=analyst&radius=25", "/careers/?q=analyst&radius=25", []string{"Data Analyst"}}, // a radius without a place, as the page's form sends it
		{"/browse-freelancers/?search=design", "/browse-freelancers/?q=design", []string{"Dana Moreau"}},
		{"/browse-freelancers/?ordering=-rating", "/browse-freelancers/?sort=rating", []string{"Dana Moreau", "Ada Lovelace"}},
		{"/browse-freelancers/?location=Montreal", "/browse-freelancers/?city=Montreal", []string{"Dana Moreau"}},
		{"/browse-freelancers/?location=QC", "/browse-freelancers/?state=QC", []string{"Dana Moreau"}},
	} {
		t.Run(c.from, func(t *testing.T) {
			res, _ := e.get(c.from)
			if res.StatusCode != http.StatusMovedPermanently {
				t.Fatalf("status %d, want 301", res.StatusCode)
			}
			loc := res.Header.Get("Location")
			if !sameAddress(t, loc, c.to) {
				t.Errorf("redirected to %s, want %s", loc, c.to)
			}
			got := cardTitles(e.getIn(t, loc, http.StatusOK))
			if want := cardTitles(e.getIn(t, c.to, http.StatusOK)); !slices.Equal(got, want) {
				t.Errorf("shows %q; our own address shows %q", got, want)
			}
			if c.titles != nil && !slices.Equal(got, c.titles) {
				t.Errorf("shows %q, want %q", got, c.titles)
			}
		})
	}
}

// sameAddress compares two site addresses, their queries as values.
func sameAddress(t *testing.T, got, want string) bool {
	t.Helper()
	g, err1 := url.Parse(got)
	w, err2 := url.Parse(want)
	if err1 != nil || err2 != nil {
		t.Fatalf("parse %q, %q: %v %v", got, want, err1, err2)
	}
	return g.Path == w.Path && maps.EqualFunc(g.Query(), w.Query(), slices.Equal)
}

// The filters a link asked for show as applied on the page it lands on:
// the field filled in and a chip to remove it.
func TestOriginalPlaceShowsAsApplied(t *testing.T) {
	e := newEnv(t)
	originalSite(e)
	body := e.mustGet("/careers/?location=montreal", http.StatusOK)
	contains(t, body, `name="city" value="Montreal"`, `class="chip" href="/careers/"`)
	body = e.mustGet("/careers/?state=CA", http.StatusOK)
	contains(t, body, `name="state" value="CA"`, "1 job<", `class="chip" href="/careers/"`)
	if got := cardTitles(body); !slices.Equal(got, []string{"Hybrid Product Designer"}) {
		t.Errorf("state=CA shows %q", got)
	}
	body = e.mustGet("/browse-freelancers/?state=QC", http.StatusOK)
	contains(t, body, `name="state" value="QC"`)
	if got := cardTitles(body); !slices.Equal(got, []string{"Dana Moreau"}) {
		t.Errorf("freelancers state=QC shows %q", got)
	}
}

// ?page=N lands on page N of the same list: the page the next links reach.
func TestOriginalPageLandsOnThatPage(t *testing.T) {
	e := newEnv(t)
	originalSite(e)
	walk := []string{e.mustGet("/careers/?page_size=1", http.StatusOK)}
	for len(walk) < 4 {
		m := nextRE.FindStringSubmatch(walk[len(walk)-1])
		if m == nil {
			t.Fatalf("page %d has no next link", len(walk))
		}
		walk = append(walk, e.mustGet(unescapeHref(m[1]), http.StatusOK))
	}
	for n, want := range map[string][]string{"2": cardTitles(walk[1]), "4": cardTitles(walk[3]),
		"9": cardTitles(walk[3]), "11": cardTitles(walk[0]), "1": cardTitles(walk[0])} {
		res, _ := e.get("/careers/?page_size=1&page=" + n)
		if res.StatusCode != http.StatusMovedPermanently {
			t.Fatalf("page=%s: status %d", n, res.StatusCode)
		}
		if got := cardTitles(e.mustGet(res.Header.Get("Location"), http.StatusOK)); !slices.Equal(got, want) {
			t.Errorf("page=%s landed on %q, want %q", n, got, want)
		}
	}
	body := e.mustGet("/careers/?page_size=1&page=2", http.StatusOK)
	contains(t, body, "Page 2 of 4")
}

// An original link whose translation the list refuses is a 400 naming the
// parameter, never a redirect to a page that would be one.
func TestOriginalLinkThatCannotBeMet(t *testing.T) {
	e := newEnv(t)
	originalSite(e)
	for _, c := range []struct{ path, field string }{
		{"/careers/?ordering=published_at", "sort"}, // oldest first: not offered
		{"/careers/?sort=oldest", "sort"},
		{"/careers/?ordering=-rating", "sort"}, // a freelancer order
		{"/careers/?location=" + strings.Repeat("x", 101), "location"},
		{"/careers/?location=%ff", "location"},
		{"/careers/?page=2&min_salary=-1", "min_salary"},
		{"/browse-freelancers/?page=abc", "page"},
		{"/browse-freelancers/?ordering=-salary_max", "sort"},
	} {
		res, body := e.get(c.path)
		if res.StatusCode != http.StatusBadRequest {
			t.Errorf("%s: status %d, want 400", c.path, res.StatusCode)
			continue
		}
		contains(t, body, "Parameter “"+c.field+"”")
	}
}
