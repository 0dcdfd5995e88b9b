package web_test

import (
	"encoding/json"
	"html"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

var ldRE = regexp.MustCompile(`(?s)<script type="application/ld\+json">(.*?)</script>`)

// jsonLD returns the page's JobPosting, failing unless there is exactly one
// script element holding valid JSON.
func jsonLD(t *testing.T, body string) map[string]any {
	t.Helper()
	m := ldRE.FindAllStringSubmatch(body, -1)
	if len(m) != 1 {
		t.Fatalf("%d JSON-LD scripts, want 1", len(m))
	}
	var ld map[string]any
	if err := json.Unmarshal([]byte(m[0][1]), &ld); err != nil {
		t.Fatalf("JSON-LD does not parse: %v\n%s", err, m[0][1])
	}
	return ld
}

func TestJobDetail(t *testing.T) {
	e := newEnv(t)
	acme := e.tenant("acme", "Acme Robotics", "https://cdn.example.test/acme.png")
	id := e.job(acme, func(r *jobRow) {
		r.Title, r.Ref, r.Description = "Robot Whisperer", "ENG-42", "<p>Build <strong>robots</strong>.</p><ul><li>fun</li></ul>"
		r.SalaryMin, r.SalaryMax = num(60000), num(80000)
		r.Deadline = ptrTime(now.Add(10 * 24 * time.Hour))
		r.Skills = []string{"Go", "ROS"}
	})
	path := "/careers/jobs/" + strconv.FormatInt(id, 10) + "-robot-whisperer/"
	body := e.mustGet(path, http.StatusOK)
	contains(t, body, "<h1>Robot Whisperer</h1>", "<p>Build <strong>robots</strong>.</p><ul><li>fun</li></ul>",
		"€60,000 – €80,000 a year", "ENG-42", "11 June 2026", `action="`+path+`apply#apply"`, `name="website"`,
		`<link rel="canonical" href="https://jobs.example.test`+path+`">`,
		`<meta property="og:title" content="Robot Whisperer at Acme Robotics · Zumodra">`,
		`<meta name="description" content="Build robots`, `<label for="a-email">Email <span class="req" aria-hidden="true">*</span></label>`)
	ld := jsonLD(t, body)
	want := map[string]any{"@type": "JobPosting", "title": "Robot Whisperer", "employmentType": "FULL_TIME",
		"datePosted": "2026-05-29T12:00:00Z", "validThrough": "2026-06-11T12:00:00Z", "directApply": true,
		"url": "https://jobs.example.test" + path}
	for k, v := range want {
		if ld[k] != v {
			t.Errorf("JSON-LD %s = %v, want %v", k, ld[k], v)
		}
	}
	org := ld["hiringOrganization"].(map[string]any)
	if _, ok := org["sameAs"]; ok || org["name"] != "Acme Robotics" || org["logo"] != "https://cdn.example.test/acme.png" {
		t.Errorf("hiringOrganization = %v", org)
	}
	addr := ld["jobLocation"].(map[string]any)["address"].(map[string]any)
	if addr["addressLocality"] != "Berlin" || addr["addressCountry"] != "Germany" {
		t.Errorf("jobLocation = %v", addr)
	}
	sal := ld["baseSalary"].(map[string]any)
	val := sal["value"].(map[string]any)
	if sal["currency"] != "EUR" || val["minValue"] != 60000.0 || val["maxValue"] != 80000.0 || val["unitText"] != "YEAR" {
		t.Errorf("baseSalary = %v", sal)
	}
	if !strings.Contains(ld["description"].(string), "<strong>robots</strong>") {
		t.Errorf("description = %q", ld["description"])
	}
}

// A remote job is TELECOMMUTE with the country applicants must be in, and
// without a salary shown there is no baseSalary.
func TestJobDetailRemoteJSONLD(t *testing.T) {
	e := newEnv(t)
	acme := e.tenant("acme", "Acme Robotics", "")
	id := e.job(acme, func(r *jobRow) { r.Remote, r.City, r.Country, r.JobType = "remote", "", "Portugal", "internship" })
	ld := jsonLD(t, e.mustGet("/careers/jobs/"+strconv.FormatInt(id, 10)+"/", http.StatusOK))
	if ld["jobLocationType"] != "TELECOMMUTE" || ld["employmentType"] != "INTERN" {
		t.Errorf("jobLocationType %v, employmentType %v", ld["jobLocationType"], ld["employmentType"])
	}
	if c := ld["applicantLocationRequirements"].(map[string]any); c["name"] != "Portugal" || c["@type"] != "Country" {
		t.Errorf("applicantLocationRequirements = %v", c)
	}
	for _, k := range []string{"baseSalary", "jobLocation", "validThrough"} {
		if _, ok := ld[k]; ok {
			t.Errorf("JSON-LD has %s", k)
		}
	}
}

// A remote job that names no country may be done from anywhere, and says
// so rather than leaving Google to guess.
func TestJobDetailRemoteWorldwideJSONLD(t *testing.T) {
	e := newEnv(t)
	acme := e.tenant("acme", "Acme Robotics", "")
	id := e.job(acme, func(r *jobRow) { r.Remote, r.City, r.Country = "remote", "", "" })
	ld := jsonLD(t, e.mustGet("/careers/jobs/"+strconv.FormatInt(id, 10)+"/", http.StatusOK))
	if ld["jobLocationType"] != "TELECOMMUTE" {
		t.Errorf("jobLocationType %v", ld["jobLocationType"])
	}
	if c, _ := ld["applicantLocationRequirements"].(map[string]any); c["@type"] != "AdministrativeArea" || c["name"] != "Worldwide" {
		t.Errorf("applicantLocationRequirements = %v", ld["applicantLocationRequirements"])
	}
	if _, ok := ld["jobLocation"]; ok {
		t.Error("a remote job has a jobLocation")
	}
}

// Hybrid work is not TELECOMMUTE (Google keeps that for fully remote
// jobs): it is at its place, like on-site work.
func TestJobDetailHybridJSONLD(t *testing.T) {
	e := newEnv(t)
	acme := e.tenant("acme", "Acme Robotics", "")
	id := e.job(acme, func(r *jobRow) {
		r.Remote, r.City, r.Country, r.Street = "hybrid", "Munich", "Germany", "Marienplatz 8"
	})
	ld := jsonLD(t, e.mustGet("/careers/jobs/"+strconv.FormatInt(id, 10)+"/", http.StatusOK))
	for _, k := range []string{"jobLocationType", "applicantLocationRequirements"} {
		if _, ok := ld[k]; ok {
			t.Errorf("hybrid job has %s = %v", k, ld[k])
		}
	}
	place, _ := ld["jobLocation"].(map[string]any)
	addr, _ := place["address"].(map[string]any)
	if place["@type"] != "Place" || addr["@type"] != "PostalAddress" || addr["addressLocality"] != "Munich" || addr["streetAddress"] != "Marienplatz 8" || addr["addressCountry"] != "Germany" {
		t.Errorf("jobLocation = %v", ld["jobLocation"])
	}
	if _, ok := place["geo"]; ok {
		t.Errorf("a job without a position has geo %v", place["geo"])
	}
	e.place("job_catalog", id, 48.137, 11.575)
	place = jsonLD(t, e.mustGet("/careers/jobs/"+strconv.FormatInt(id, 10)+"/", http.StatusOK))["jobLocation"].(map[string]any)
	if g, _ := place["geo"].(map[string]any); g["@type"] != "GeoCoordinates" || g["latitude"] != 48.137 || g["longitude"] != 11.575 {
		t.Errorf("geo = %v", place["geo"])
	}
}

// An on-site job with the street address and postal code its tenant gave
// shows them on the page and in its PostalAddress.
func TestJobDetailAddressJSONLD(t *testing.T) {
	e := newEnv(t)
	acme := e.tenant("acme", "Acme Robotics", "")
	id := e.job(acme, func(r *jobRow) { r.Street, r.Postal = "Friedrichstraße 68", "10117" })
	body := e.mustGet("/careers/jobs/"+strconv.FormatInt(id, 10)+"/", http.StatusOK)
	contains(t, body, "<dt>Address</dt><dd>Friedrichstraße 68, 10117</dd>")
	ld := jsonLD(t, body)
	if _, ok := ld["jobLocationType"]; ok {
		t.Errorf("on-site job is %v", ld["jobLocationType"])
	}
	addr := ld["jobLocation"].(map[string]any)["address"].(map[string]any)
	want := map[string]any{"@type": "PostalAddress", "streetAddress": "Friedrichstraße 68", "postalCode": "10117",
		"addressLocality": "Berlin", "addressCountry": "Germany"}
	for k, v := range want {
		if addr[k] != v {
			t.Errorf("PostalAddress %s = %v, want %v", k, addr[k], v)
		}
	}
}

// Catalog text is text everywhere: in the list, in the title, in
// attributes and inside the JSON-LD script, which it must not close.
func TestHostileTitleIsEscaped(t *testing.T) {
	e := newEnv(t)
	evil := `</script><script>alert("x")</script><img src=x onerror=alert(1)>`
	acme := e.tenant("acme", "Acme <b>Bold</b>", "")
	id := e.job(acme, func(r *jobRow) {
		r.Title, r.Logo, r.Skills = evil, "javascript:alert(1)", []string{"<i>skill</i>"}
	})
	list := e.mustGet("/careers/", http.StatusOK)
	det := e.mustGet("/careers/jobs/"+strconv.FormatInt(id, 10)+"/", http.StatusOK)
	for name, body := range map[string]string{"list": list, "detail": det} {
		t.Run(name, func(t *testing.T) {
			lacks(t, body, `<script>alert`, `<img src=x`, `<b>Bold</b>`, `<i>skill</i>`, `javascript:alert`)
			contains(t, body, html.EscapeString(`<img src=x onerror=alert(1)>`), "Acme &lt;b&gt;Bold&lt;/b&gt;")
			if n := strings.Count(body, "<script"); n > 2 {
				t.Errorf("%d script elements, want at most 2 (site.js and JSON-LD)", n)
			}
		})
	}
	ld := jsonLD(t, det) // exactly one script, which parses back to the original title
	if ld["title"] != evil {
		t.Errorf("JSON-LD title = %q", ld["title"])
	}
}

func TestDetailNotFound(t *testing.T) {
	e := newEnv(t)
	acme := e.tenant("acme", "Acme Robotics", "")
	expired := e.job(acme, func(r *jobRow) { r.Deadline = ptrTime(now.Add(-time.Minute)) })
	for _, p := range []string{
		"/careers/jobs/999999/", "/careers/jobs/abc/", "/careers/jobs/-1/", "/careers/jobs/0/",
		"/careers/jobs/99999999999999999999999/", "/careers/jobs/+" + strconv.FormatInt(expired, 10) + "/",
		"/browse-freelancers/424242/", "/browse-freelancers/x/", "/sitemaps/jobs-0.xml", "/static/nope.css",
	} {
		t.Run(p, func(t *testing.T) {
			res, body := e.get(p)
			if res.StatusCode != http.StatusNotFound {
				t.Fatalf("status %d, want 404", res.StatusCode)
			}
			if !strings.HasPrefix(p, "/static/") {
				contains(t, body, "Page not found", `<meta name="robots" content="noindex">`)
			}
		})
	}
	if res, _ := e.get("/careers/jobs/" + strconv.FormatInt(expired, 10) + "-software-engineer/"); res.StatusCode != http.StatusGone {
		t.Errorf("a job past its deadline was public: %d, want 410", res.StatusCode)
	}
	res, _ := e.get("/careers/jobs/12")
	if res.StatusCode != http.StatusMovedPermanently || res.Header.Get("Location") != "/careers/jobs/12/" {
		t.Errorf("no slash: %d to %q", res.StatusCode, res.Header.Get("Location"))
	}
}
