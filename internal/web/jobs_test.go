package web_test

import (
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The seed's Step 6 checklist for the careers page, item by item.
func TestCareersShowsJobsFromAllTenants(t *testing.T) {
	e := newEnv(t)
	acme := e.tenant("acme", "Acme Robotics", "https://cdn.example.test/acme.png")
	globex := e.tenant("globex", "Globex Corporation", "")
	paid := e.job(acme, func(r *jobRow) {
		r.Title, r.SalaryMin, r.SalaryMax = "Robot Whisperer", num(60000), num(80000)
		r.Skills = []string{"Go", "ROS", "Kubernetes"}
	})
	e.job(globex, func(r *jobRow) {
		r.Title, r.Remote, r.City, r.Country, r.JobType = "Remote Planner", "remote", "Lisbon", "Portugal", "contract"
		r.PublishedAt = now.Add(-30 * time.Minute)
	})
	e.job(globex, func(r *jobRow) {
		r.Title, r.Deadline = "Expired Role", ptrTime(now.Add(-time.Hour))
	})

	body := e.mustGet("/careers/", http.StatusOK)
	contains(t, body, "Robot Whisperer", "Remote Planner", "Acme Robotics", "Globex Corporation",
		`src="https://cdn.example.test/acme.png" alt="Acme Robotics logo" data-initials="AR"`,
		`<span class="logo initials av-`, ">GC</span>", "Berlin, Germany", "Lisbon, Portugal",
		"Full-time", "Contract", "€60,000 – €80,000 a year", `<li class="tag">ROS</li>`,
		"Posted 3 days ago", "Posted just now", `href="/careers/jobs/`+strconv.FormatInt(paid, 10)+`-robot-whisperer/"`,
		"View Details &amp; Apply", "2 jobs", `<a href="/companies/`+strconv.FormatInt(acme.ID, 10)+`-acme-robotics/">Acme Robotics</a>`)
	lacks(t, body, "Expired Role")
	if n := strings.Count(body, `<li class="salary">`); n != 1 {
		t.Errorf("salary signs on the page: %d, want 2 (only the job that shows its salary)", n)
	}
}

func ptrTime(t time.Time) *time.Time { return &t }

// Every job filter reaches the catalog and narrows the page.
func TestCareersFilters(t *testing.T) {
	e := newEnv(t)
	acme := e.tenant("acme", "Acme Robotics", "")
	globex := e.tenant("globex", "Globex Corporation", "")
	e.job(acme, func(r *jobRow) {
		r.Title, r.CategorySlug, r.CategoryName, r.JobType, r.Level = "Alpha Backend", "engineering", "Engineering", "full_time", "senior"
		r.SalaryMin, r.SalaryMax = num(90000), num(120000)
	})
	e.job(acme, func(r *jobRow) {
		r.Title, r.CategorySlug, r.CategoryName, r.JobType, r.Level = "Bravo Designer", "design", "Design", "part_time", "junior"
		r.Remote, r.City, r.Country = "remote", "Paris", "France"
	})
	e.job(globex, func(r *jobRow) {
		r.Title, r.CategorySlug, r.CategoryName, r.JobType, r.Level = "Charlie Analyst", "data", "Data", "contract", "mid"
		r.Remote, r.City = "hybrid", "Munich"
		r.SalaryMin, r.SalaryMax = num(40000), num(50000)
	})
	all := []string{"Alpha Backend", "Bravo Designer", "Charlie Analyst"}
	cases := []struct {
		query string
		want  []string
	}{
		{"q=designer", []string{"Bravo Designer"}},
		{"q=analys", []string{"Charlie Analyst"}}, // prefix
		{"category=engineering", []string{"Alpha Backend"}},
		{"job_type=part_time", []string{"Bravo Designer"}},
		{"job_type=part_time&job_type=contract", []string{"Bravo Designer", "Charlie Analyst"}},
		{"job_type=part_time,contract", []string{"Bravo Designer", "Charlie Analyst"}}, // the API's spelling
		{"experience_level=senior", []string{"Alpha Backend"}},
		{"remote=remote&remote=hybrid", []string{"Bravo Designer", "Charlie Analyst"}},
		{"country=France", []string{"Bravo Designer"}},
		{"country=Germany&city=Munich", []string{"Charlie Analyst"}},
		{"min_salary=60000", []string{"Alpha Backend"}},
		{"company=globex", []string{"Charlie Analyst"}},
		{"q=alpha&company=globex", nil},
	}
	for _, c := range cases {
		t.Run(c.query, func(t *testing.T) {
			body := e.getIn(t, "/careers/?"+c.query, http.StatusOK)
			for _, title := range all {
				in := strings.Contains(body, ">"+title+"</a></h3>")
				if in != slices.Contains(c.want, title) {
					t.Errorf("%s on the page: %v, want %v", title, in, !in)
				}
			}
			if len(c.want) == 0 {
				contains(t, body, "No jobs match your search", "Reset all filters")
			}
		})
	}
}

// Counts stand beside filter values; chosen filters show as removable chips.
func TestCareersFacetCountsAndChips(t *testing.T) {
	e := newEnv(t)
	acme := e.tenant("acme", "Acme Robotics", "")
	for i := 0; i < 3; i++ {
		e.job(acme, nil)
	}
	e.job(acme, func(r *jobRow) { r.CategorySlug, r.CategoryName, r.JobType = "design", "Design", "internship" })
	body := e.mustGet("/careers/?job_type=full_time", http.StatusOK)
	contains(t, body, `<option value="engineering">Engineering (3)</option>`,
		`value="full_time" checked> Full-time <span class="count">(3)</span>`,
		`value="internship"> Internship <span class="count">(1)</span>`,
		`<span class="sr-only">Remove filter </span>Full-time`, `<option value="acme">Acme Robotics (3)</option>`)
	lacks(t, body, `<option value="design">`) // no full-time design job: nothing to offer
	// The chip's link drops only its own filter.
	contains(t, body, `class="chip" href="/careers/"`)
}

// A search nothing matches shows no filter headings without values; a chosen
// value that matches nothing stays offered, so the form keeps it.
func TestCareersEmptySearchOffersNoEmptyFilters(t *testing.T) {
	e := newEnv(t)
	e.job(e.tenant("acme", "Acme Robotics", ""), nil)
	body := e.mustGet("/careers/?q=zzqqxx", http.StatusOK)
	contains(t, body, "No jobs match your search", `id="f-city"`)
	lacks(t, body, "<legend>Job type</legend>", "<legend>Experience</legend>", `id="f-category"`, `id="f-company"`)
	body = e.mustGet("/careers/?q=zzqqxx&job_type=internship&company=acme", http.StatusOK)
	contains(t, body, `value="internship" checked> Internship <span class="count">(0)</span>`,
		`<option value="acme" selected>`)
	lacks(t, body, "<legend>Experience</legend>")
}

// Buttons and chips say what they do in words that include what a sighted
// visitor reads on them (WCAG 2.5.3), the title only for screen readers.
func TestCardActionsNameWhatTheyShow(t *testing.T) {
	e := newEnv(t)
	e.job(e.tenant("acme", "Acme Robotics", ""), func(r *jobRow) { r.Title = "Robot Whisperer" })
	body := e.mustGet("/careers/", http.StatusOK)
	contains(t, body, `View Details &amp; Apply<span class="sr-only">: Robot Whisperer</span></a>`)
	lacks(t, body, `aria-label="View details`)
}

// A page without an image of its own shares the site's card, and links
// the icon browsers look for.
func TestPagesShareTheSitesCard(t *testing.T) {
	e := newEnv(t)
	e.job(e.tenant("acme", "Acme Robotics", ""), nil)
	body := e.mustGet("/careers/", http.StatusOK)
	contains(t, body, `<meta property="og:image" content="https://jobs.example.test/static/share.`, `<link rel="icon" href="/favicon.ico" sizes="32x32">`)
	resp, _ := e.get(strings.Split(strings.Split(body, `<meta property="og:image" content="https://jobs.example.test`)[1], `"`)[0])
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "image/jpeg" {
		t.Fatalf("the share image: %d %q", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
}

// The company page: the same list for one tenant under its own header.
func TestCareersCompanyPage(t *testing.T) {
	e := newEnv(t)
	acme := e.tenant("acme", "Acme Robotics", "https://cdn.example.test/acme.png")
	other := e.tenant("other", "Other Co", "")
	e.job(acme, func(r *jobRow) { r.Title = "Acme One" })
	e.job(other, func(r *jobRow) { r.Title = "Other One" })
	body := e.mustGet("/careers/?company=acme", http.StatusOK)
	contains(t, body, "<h1>Careers at Acme Robotics</h1>", "1 open position ·", "Acme One",
		`<link rel="canonical" href="https://jobs.example.test/careers/?company=acme">`,
		`<title>Careers at Acme Robotics · Zumodra</title>`, `<option value="acme" selected>Acme Robotics (1)</option>`,
		`<meta property="og:image" content="https://cdn.example.test/acme.png">`)
	lacks(t, body, "Other One", "open jobs</span>") // site totals are not the company's
	// A slug nobody publishes under: an honest empty list, not an error.
	body = e.mustGet("/careers/?company=nobody", http.StatusOK)
	contains(t, body, "No jobs match your search")
	lacks(t, body, "Careers at")
}

// Sort orders reach the catalog: the order of titles on the page changes.
func TestCareersSorts(t *testing.T) {
	e := newEnv(t)
	acme := e.tenant("acme", "Acme Robotics", "")
	e.job(acme, func(r *jobRow) {
		r.Title, r.PublishedAt = "Oldest Rich", now.Add(-72*time.Hour)
		r.SalaryMax = num(200000)
	})
	e.job(acme, func(r *jobRow) { r.Title, r.PublishedAt, r.Featured = "Middle Featured", now.Add(-48*time.Hour), true })
	e.job(acme, func(r *jobRow) { r.Title, r.PublishedAt = "Newest Poor", now.Add(-time.Hour); r.SalaryMax = num(30000) })
	cases := map[string][]string{
		"":              {"Middle Featured", "Newest Poor", "Oldest Rich"}, // featured first, then newest
		"sort=newest":   {"Newest Poor", "Middle Featured", "Oldest Rich"},
		"sort=featured": {"Middle Featured", "Newest Poor", "Oldest Rich"},
		"sort=salary":   {"Oldest Rich", "Newest Poor", "Middle Featured"},
	}
	for q, want := range cases {
		t.Run(q, func(t *testing.T) {
			body := e.getIn(t, "/careers/?"+q, http.StatusOK)
			if got := cardTitles(body); strings.Join(got, "|") != strings.Join(want, "|") {
				t.Errorf("order %v, want %v", got, want)
			}
		})
	}
	body := e.mustGet("/careers/?sort=salary", http.StatusOK)
	contains(t, body, `<option value="salary" selected>Highest salary</option>`)
}

var cardTitleRE = regexp.MustCompile(`<h3><a href="[^"]+">([^<]+)</a></h3>`)

func cardTitles(body string) []string {
	var out []string
	for _, m := range cardTitleRE.FindAllStringSubmatch(body, -1) {
		out = append(out, m[1])
	}
	return out
}

var nextRE = regexp.MustCompile(`<a href="([^"]+)" rel="next">`)
var prevRE = regexp.MustCompile(`<a href="([^"]+)" rel="prev">`)

func unescapeHref(s string) string { return strings.ReplaceAll(s, "&amp;", "&") }

// Walking the pages forward visits every job once; the edges have no
// link past them; walking back returns to the first page.
func TestCareersPagination(t *testing.T) {
	e := newEnv(t)
	acme := e.tenant("acme", "Acme Robotics", "")
	for i := 0; i < 23; i++ {
		e.job(acme, func(r *jobRow) {
			r.Title = "Job " + strconv.Itoa(i)
			r.PublishedAt = now.Add(-time.Duration(i) * time.Hour)
		})
	}
	seen := map[string]bool{}
	path := "/careers/?page_size=10&job_type=full_time"
	var pages []string
	for range 5 {
		body := e.mustGet(path, http.StatusOK)
		pages = append(pages, body)
		for _, title := range cardTitles(body) {
			if seen[title] {
				t.Errorf("%s shown twice", title)
			}
			seen[title] = true
		}
		m := nextRE.FindStringSubmatch(body)
		if m == nil {
			break
		}
		path = unescapeHref(m[1])
	}
	if len(seen) != 23 || len(pages) != 3 {
		t.Fatalf("saw %d jobs on %d pages, want 23 on 3", len(seen), len(pages))
	}
	contains(t, pages[0], "Page 1 of 3", `<span class="disabled" aria-disabled="true">← Previous</span>`)
	contains(t, pages[2], "Page 3 of 3", `<span class="disabled" aria-disabled="true">Next →</span>`,
		`<meta name="robots" content="noindex">`, "job_type=full_time")
	if got := len(cardTitles(pages[2])); got != 3 {
		t.Errorf("last page has %d jobs, want 3", got)
	}
	back := prevRE.FindStringSubmatch(pages[1])
	if back == nil {
		t.Fatal("page 2 has no previous link")
	}
	first := e.mustGet(unescapeHref(back[1]), http.StatusOK)
	if strings.Join(cardTitles(first), "|") != strings.Join(cardTitles(pages[0]), "|") {
		t.Error("previous from page 2 is not page 1")
	}
	// The original site's ?page=N beyond the last page lands on the last.
	res, _ := e.get("/careers/?page=4&page_size=10&job_type=full_time")
	if res.StatusCode != http.StatusMovedPermanently {
		t.Fatalf("original page: %d", res.StatusCode)
	}
	last := e.mustGet(res.Header.Get("Location"), http.StatusOK)
	if strings.Join(cardTitles(last), "|") != strings.Join(cardTitles(pages[2]), "|") {
		t.Errorf("?page=4 of 3 landed on %q, want the last page %q", cardTitles(last), cardTitles(pages[2]))
	}
}

// An empty catalog is a calm empty state on both pages, not an error.
func TestEmptyCatalog(t *testing.T) {
	e := newEnv(t)
	for p, want := range map[string]string{"/careers/": "No open positions yet", "/browse-freelancers/": "No freelancers listed yet"} {
		body := e.mustGet(p, http.StatusOK)
		contains(t, body, want)
		lacks(t, body, `class="pagination"`, "open jobs</span>", "Reset all filters")
	}
	e.mustGet("/careers/feed.xml", http.StatusOK)
	e.mustGet("/sitemap.xml", http.StatusOK)
}
