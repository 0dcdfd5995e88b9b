package web_test

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// The seed's Step 6 checklist for the freelancers page.
func TestFreelancersShowsProvidersFromAllTenants(t *testing.T) {
	e := newEnv(t)
	acme := e.tenant("acme", "Acme Robotics", "")
	hub := e.tenant("hub", "Freelancer Hub", "")
	ada := e.provider(acme, func(r *providerRow) {
		r.Name, r.Verified, r.Completed, r.Rating, r.Reviews = "Ada Lovelace", true, 37, 4.86, 23
		r.Avatar = "https://cdn.example.test/ada.jpg"
		r.SkillNames = []string{"Go", "PostgreSQL"}
	})
	e.provider(hub, func(r *providerRow) {
		r.Name, r.Accepting, r.Availability, r.City, r.Country = "Grace Hopper", false, "busy", "Lisbon", "Portugal"
		r.HourlyRate, r.Rating, r.Reviews = nil, 0, 0
	})
	body := e.mustGet("/browse-freelancers/", http.StatusOK)
	contains(t, body, "Ada Lovelace", "Grace Hopper", `src="https://cdn.example.test/ada.jpg" alt="" data-initials="AL"`,
		">GH</span>", "<strong>37</strong> jobs done", `</svg> <span class="sr-only">Rated </span>4.9<span class="sr-only"> out of 5</span> (23 reviews)</span>`, "</svg> Verified",
		`<span class="badge badge-available">Available</span>`, `<span class="badge badge-busy">Busy</span>`,
		"</svg> Berlin, Germany", "</svg> Lisbon, Portugal", "$80/hr", `<li class="tag">PostgreSQL</li>`,
		`href="/browse-freelancers/`+strconv.FormatInt(ada, 10)+`-ada-lovelace/"`, "View Profile", "2 freelancers", "No reviews yet")
	if n := strings.Count(body, "</svg> Verified"); n != 1 {
		t.Errorf("%d verified badges, want 1", n)
	}
}

// Every provider filter reaches the catalog and narrows the page.
func TestFreelancersFilters(t *testing.T) {
	e := newEnv(t)
	acme := e.tenant("acme", "Acme Robotics", "")
	hub := e.tenant("hub", "Freelancer Hub", "")
	e.provider(acme, func(r *providerRow) {
		r.Name, r.Verified, r.Rating, r.HourlyRate = "Alpha Coder", true, 4.9, num(120)
		r.SkillNames, r.CategorySlugs, r.CategoryNames = []string{"Go"}, []string{"development"}, []string{"Development"}
	})
	e.provider(acme, func(r *providerRow) {
		r.Name, r.Rating, r.HourlyRate, r.Remote = "Bravo Artist", 3.5, num(40), false
		r.SkillNames, r.CategorySlugs, r.CategoryNames = []string{"Figma"}, []string{"design"}, []string{"Design"}
		r.City, r.Country = "Paris", "France"
	})
	e.provider(hub, func(r *providerRow) {
		r.Name, r.Rating, r.HourlyRate, r.Accepting, r.Availability = "Charlie Writer", 4.2, num(60), false, "busy"
		r.SkillNames, r.CategorySlugs, r.CategoryNames = []string{"Copywriting", "Go"}, []string{"writing"}, []string{"Writing"}
		r.City = "Munich"
	})
	all := []string{"Alpha Coder", "Bravo Artist", "Charlie Writer"}
	cases := []struct {
		query string
		want  []string
	}{
		{"q=artist", []string{"Bravo Artist"}},
		{"q=copywrit", []string{"Charlie Writer"}},
		{"category=writing", []string{"Charlie Writer"}},
		{"skill=Go", []string{"Alpha Coder", "Charlie Writer"}},
		{"country=France", []string{"Bravo Artist"}},
		{"country=Germany&city=Munich", []string{"Charlie Writer"}},
		{"verified=1", []string{"Alpha Coder"}},
		{"verified=on", []string{"Alpha Coder"}},  // what a checkbox sends
		{"verified=yes", []string{"Alpha Coder"}}, // the API's spelling
		{"verified=0", all},
		{"available=1", []string{"Alpha Coder", "Bravo Artist"}},
		{"remote=1", []string{"Alpha Coder", "Charlie Writer"}},
		{"min_rating=4", []string{"Alpha Coder", "Charlie Writer"}},
		{"max_rate=60", []string{"Bravo Artist", "Charlie Writer"}},
		{"company=hub", []string{"Charlie Writer"}},
		{"verified=1&max_rate=50", nil},
	}
	for _, c := range cases {
		t.Run(c.query, func(t *testing.T) {
			body := e.getIn(t, "/browse-freelancers/?"+c.query, http.StatusOK)
			for _, name := range all {
				in := strings.Contains(body, ">"+name+"</a></h3>")
				if in != slices.Contains(c.want, name) {
					t.Errorf("%s on the page: %v, want %v", name, in, !in)
				}
			}
			if len(c.want) == 0 {
				contains(t, body, "No freelancers match your search", "Reset all filters")
			}
		})
	}
	body := e.mustGet("/browse-freelancers/?skill=Go", http.StatusOK)
	contains(t, body, `<option value="Go" selected>Go (2)</option>`, `name="verified" value="1"> Verified <span class="count">(1)</span>`,
		`<span class="sr-only">Remove filter </span>Go`)
}

func TestFreelancersSorts(t *testing.T) {
	e := newEnv(t)
	acme := e.tenant("acme", "Acme Robotics", "")
	e.provider(acme, func(r *providerRow) { r.Name, r.Rating, r.Reviews, r.HourlyRate = "Top Rated", 5, 3, num(150) })
	e.provider(acme, func(r *providerRow) { r.Name, r.Rating, r.Reviews, r.HourlyRate = "Many Reviews", 4, 90, num(50) })
	e.provider(acme, func(r *providerRow) { r.Name, r.Rating, r.Reviews, r.HourlyRate = "Cheap New", 3, 1, num(20) })
	cases := map[string][]string{
		// Bayesian averages: 4.0 from 90 reviews (3.95) beats 5.0 from 3 (3.85).
		"":             {"Cheap New", "Many Reviews", "Top Rated"}, // featured (none), then newest; ties by id
		"sort=rating":  {"Many Reviews", "Top Rated", "Cheap New"},
		"sort=reviews": {"Many Reviews", "Top Rated", "Cheap New"},
		"sort=rate":    {"Cheap New", "Many Reviews", "Top Rated"},
	}
	for q, want := range cases {
		t.Run(q, func(t *testing.T) {
			body := e.getIn(t, "/browse-freelancers/?"+q, http.StatusOK)
			if got := cardTitles(body); strings.Join(got, "|") != strings.Join(want, "|") {
				t.Errorf("order %v, want %v", got, want)
			}
		})
	}
}

func TestFreelancersPagination(t *testing.T) {
	e := newEnv(t)
	acme := e.tenant("acme", "Acme Robotics", "")
	for i := range 7 {
		e.provider(acme, func(r *providerRow) { r.Name = "Person " + strconv.Itoa(i) })
	}
	seen := map[string]bool{}
	path := "/browse-freelancers/?page_size=3"
	for range 4 {
		body := e.mustGet(path, http.StatusOK)
		for _, n := range cardTitles(body) {
			if seen[n] {
				t.Errorf("%s shown twice", n)
			}
			seen[n] = true
		}
		m := nextRE.FindStringSubmatch(body)
		if m == nil {
			contains(t, body, "Page 3 of 3")
			break
		}
		path = unescapeHref(m[1])
	}
	if len(seen) != 7 {
		t.Errorf("saw %d providers, want 7", len(seen))
	}
}

func TestProviderDetail(t *testing.T) {
	e := newEnv(t)
	acme := e.tenant("acme", "Acme Robotics", "")
	id := e.provider(acme, func(r *providerRow) {
		r.Name, r.Bio, r.Tagline = "Ada <Lovelace>", "<p>I write <em>notes</em>.</p>", "Engines & notes"
		r.SkillNames = []string{"Go", "Analysis"}
	})
	body := e.mustGet("/browse-freelancers/"+strconv.FormatInt(id, 10)+"/", http.StatusOK)
	contains(t, body, "<h1>Ada &lt;Lovelace&gt;</h1>", "<p>I write <em>notes</em>.</p>", "Engines &amp; notes",
		"<td>Analysis</td><td>Expert</td><td>5 years</td>", `action="/browse-freelancers/`+strconv.FormatInt(id, 10)+`-ada-lovelace/inquire#inquire"`,
		`<label for="i-message">About your project</label>`, `<meta property="og:type" content="profile">`,
		"(optional, USD)")
	lacks(t, body, "application/ld+json")
}
