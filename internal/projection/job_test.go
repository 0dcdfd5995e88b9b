package projection

import (
	"encoding/json"
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

// compareRows checks every field of got against want in its own subtest, so
// a failure names the column.
func compareRows(t *testing.T, got, want any, skip ...string) {
	t.Helper()
	gv, wv := reflect.ValueOf(got), reflect.ValueOf(want)
	for i := range gv.NumField() {
		f := gv.Type().Field(i)
		if slices.Contains(skip, f.Name) {
			continue
		}
		t.Run(f.Tag.Get("db"), func(t *testing.T) {
			g, w := gv.Field(i).Interface(), wv.Field(i).Interface()
			if !reflect.DeepEqual(g, w) {
				t.Errorf("%s = %#v, want %#v", f.Name, deref(g), deref(w))
			}
		})
	}
}

func deref(v any) any {
	rv := reflect.ValueOf(v)
	if rv.Kind() == reflect.Pointer && !rv.IsNil() {
		return rv.Elem().Interface()
	}
	return v
}

func TestJobEveryField(t *testing.T) {
	row, reason := Job(publicJob())
	if reason != Public {
		t.Fatalf("reason %q", reason)
	}
	want := JobRow{
		TenantID: 7, SourceID: 42, SourceVersion: 5, Title: "Senior Go Engineer", Slug: "senior-go-engineer",
		ReferenceCode: "ENG-42", CategoryName: "Engineering", CategorySlug: "engineering",
		JobType: "full_time", ExperienceLevel: "senior", RemotePolicy: "hybrid",
		City: "Berlin", State: "Berlin", Country: "Germany", Latitude: new(52.52), Longitude: new(13.405),
		DescriptionHTML: "<p>Build <b>things</b></p>", ResponsibilitiesHTML: "<ul><li>Ship</li></ul>",
		RequirementsHTML: "<p>Go</p>", NiceToHaveHTML: "<p>SQL</p>", BenefitsHTML: "<p>Cake</p>",
		ShowSalary: true, SalaryMin: new(70000.0), SalaryMax: new(90000.5), SalaryCurrency: new("EUR"),
		SalaryPeriod: new("yearly"), SalaryYearlyMin: new(70000.0), SalaryYearlyMax: new(90000.5),
		RequiredSkills: []string{"Go", "PostgreSQL"}, PreferredSkills: []string{"Kubernetes"}, PositionsCount: 2, Team: "Platform",
		CompanyName: "Acme Corp", CompanySlug: "acme", CompanyLogoURL: "https://cdn.example/acme.png",
		IsFeatured: true, ApplicationDeadline: new(deadline),
		PublishedAt: time.Date(2026, 2, 3, 3, 5, 6, 0, time.UTC), MetaTitle: "Go job",
		MetaDescription: "A Go job in Berlin",
		ApplicationQuestions: json.RawMessage(`[{"id": "stack", "help": "", "type": "multiple_choice", "label": "Your stack?", "options": ["Go", "SQL"], "required": true}, ` +
			`{"id": "move", "help": "", "type": "yes_no", "label": "Relocate \"now\"?", "options": [], "required": false}]`),
	}
	in := publicJob().Job
	want.HTMLDigests = digestsOf(in.Description, in.Responsibilities, in.Requirements, in.NiceToHave, in.Benefits)
	want.ContentHash = want.Hash()
	compareRows(t, row, want)
}

func TestJobRules(t *testing.T) {
	tests := []struct {
		name   string
		change func(*JobInput)
		check  func(t *testing.T, r JobRow)
	}{
		{"salary hidden: every salary column NULL", func(in *JobInput) { in.Job.ShowSalary = false }, func(t *testing.T, r JobRow) {
			if r.ShowSalary || r.SalaryMin != nil || r.SalaryMax != nil || r.SalaryCurrency != nil || r.SalaryPeriod != nil ||
				r.SalaryYearlyMin != nil || r.SalaryYearlyMax != nil {
				t.Errorf("salary leaked: %v %v %v %v %v %v %v", r.ShowSalary, r.SalaryMin, r.SalaryMax, r.SalaryCurrency,
					r.SalaryPeriod, r.SalaryYearlyMin, r.SalaryYearlyMax)
			}
		}},
		{"salary shown without amounts", func(in *JobInput) { in.Job.SalaryMin, in.Job.SalaryMax = nil, nil }, func(t *testing.T, r JobRow) {
			if !r.ShowSalary || r.SalaryMin != nil || r.SalaryMax != nil || *r.SalaryCurrency != "EUR" {
				t.Errorf("got %v %v %v", r.ShowSalary, r.SalaryMin, r.SalaryMax)
			}
		}},
		{"category nil gives empty name and slug", func(in *JobInput) { in.Category, in.Job.CategoryID = nil, nil }, func(t *testing.T, r JobRow) {
			if r.CategoryName != "" || r.CategorySlug != "" {
				t.Errorf("category %q %q", r.CategoryName, r.CategorySlug)
			}
		}},
		{"company comes from the tenant", func(in *JobInput) { in.Tenant.Name, in.Tenant.Slug = "Renamed Inc", "renamed" }, func(t *testing.T, r JobRow) {
			if r.CompanyName != "Renamed Inc" || r.CompanySlug != "renamed" {
				t.Errorf("company %q %q", r.CompanyName, r.CompanySlug)
			}
		}},
		{"a site-relative tenant logo is kept", func(in *JobInput) { in.Tenant.LogoURL = "/static/logo.png" }, func(t *testing.T, r JobRow) {
			if r.CompanyLogoURL != "/static/logo.png" {
				t.Errorf("logo %q", r.CompanyLogoURL)
			}
		}},
		{"an http tenant logo is dropped: the site would not show it", func(in *JobInput) { in.Tenant.LogoURL = "http://cdn.example/l.png" }, func(t *testing.T, r JobRow) {
			if r.CompanyLogoURL != "" {
				t.Errorf("logo %q", r.CompanyLogoURL)
			}
		}},
		{"published_at falls back to created_at", func(in *JobInput) { in.Job.PublishedAt = nil }, func(t *testing.T, r JobRow) {
			if want := created.Truncate(time.Microsecond); !r.PublishedAt.Equal(want) || r.PublishedAt.Location() != time.UTC {
				t.Errorf("published_at %v, want %v UTC", r.PublishedAt, want)
			}
		}},
		{"times are UTC microseconds", func(in *JobInput) { in.Job.ApplicationDeadline = new(created.In(time.FixedZone("X", -7200))) }, func(t *testing.T, r JobRow) {
			if r.ApplicationDeadline.Nanosecond()%1000 != 0 || r.ApplicationDeadline.Location() != time.UTC {
				t.Errorf("deadline %v", r.ApplicationDeadline)
			}
		}},
		{"no deadline stays NULL", func(in *JobInput) { in.Job.ApplicationDeadline = nil }, func(t *testing.T, r JobRow) {
			if r.ApplicationDeadline != nil {
				t.Errorf("deadline %v", r.ApplicationDeadline)
			}
		}},
		{"half a position is none: the city's is used", func(in *JobInput) { in.Job.Longitude = nil }, func(t *testing.T, r JobRow) {
			wantNear(t, r.Latitude, r.Longitude, 52.52, 13.41)
		}},
		{"out of range coordinates give way to the city's", func(in *JobInput) { in.Job.Latitude = new(91.0) }, func(t *testing.T, r JobRow) {
			wantNear(t, r.Latitude, r.Longitude, 52.52, 13.41)
		}},
		{"the tenant's coordinates win over the city's", func(in *JobInput) { in.Job.Latitude, in.Job.Longitude = new(52.4), new(13.0) }, func(t *testing.T, r JobRow) {
			if *r.Latitude != 52.4 || *r.Longitude != 13.0 {
				t.Errorf("coordinates %v %v", *r.Latitude, *r.Longitude)
			}
		}},
		{"an ambiguous city resolves by country", func(in *JobInput) {
			in.Job.Latitude, in.Job.Longitude = nil, nil
			in.Job.LocationCity, in.Job.LocationState, in.Job.LocationCountry = "London", "", "Canada"
		}, func(t *testing.T, r JobRow) {
			wantNear(t, r.Latitude, r.Longitude, 42.98, -81.23)
		}},
		{"an unknown city gives no coordinates", func(in *JobInput) {
			in.Job.Latitude, in.Job.Longitude, in.Job.LocationCity = nil, nil, "Xyzzyville"
		}, func(t *testing.T, r JobRow) {
			if r.Latitude != nil || r.Longitude != nil {
				t.Errorf("coordinates %v %v", *r.Latitude, *r.Longitude)
			}
		}},
		{"no city, no coordinates", func(in *JobInput) {
			in.Job.Latitude, in.Job.Longitude, in.Job.LocationCity = nil, nil, ""
		}, func(t *testing.T, r JobRow) {
			if r.Latitude != nil || r.Longitude != nil {
				t.Errorf("coordinates %v %v", *r.Latitude, *r.Longitude)
			}
		}},
		{"positions at least one", func(in *JobInput) { in.Job.PositionsCount = 0 }, func(t *testing.T, r JobRow) {
			if r.PositionsCount != 1 {
				t.Errorf("positions %d", r.PositionsCount)
			}
		}},
		{"nil skills become empty arrays", func(in *JobInput) { in.Job.RequiredSkills, in.Job.PreferredSkills = nil, nil }, func(t *testing.T, r JobRow) {
			if r.RequiredSkills == nil || r.PreferredSkills == nil || len(r.RequiredSkills)+len(r.PreferredSkills) != 0 {
				t.Errorf("skills %#v %#v", r.RequiredSkills, r.PreferredSkills)
			}
		}},
		{"title whitespace normalised, not escaped", func(in *JobInput) { in.Job.Title = "  Go\t&\n<Rust>  dev " }, func(t *testing.T, r JobRow) {
			if r.Title != "Go & <Rust> dev" {
				t.Errorf("title %q", r.Title)
			}
		}},
		{"description sanitised", func(in *JobInput) { in.Job.Description = `<p onclick="x()">Hi<script>alert(1)</script></p>` }, func(t *testing.T, r JobRow) {
			if r.DescriptionHTML != "<p>Hi</p>" {
				t.Errorf("description %q", r.DescriptionHTML)
			}
		}},
		{"every HTML field sanitised", func(in *JobInput) {
			x := `<img src=x onerror=alert(1)><p>ok</p>`
			in.Job.Responsibilities, in.Job.Requirements, in.Job.NiceToHave, in.Job.Benefits = x, x, x, x
		}, func(t *testing.T, r JobRow) {
			for _, h := range []string{r.ResponsibilitiesHTML, r.RequirementsHTML, r.NiceToHaveHTML, r.BenefitsHTML} {
				if h != "<p>ok</p>" {
					t.Errorf("html %q", h)
				}
			}
		}},
		{"lengths capped", func(in *JobInput) {
			j := &in.Job
			j.Title, j.MetaTitle, j.MetaDescription = strings.Repeat("é", 300), strings.Repeat("t", 300), strings.Repeat("d", 900)
			j.LocationCity, j.LocationState, j.LocationCountry = strings.Repeat("c", 150), strings.Repeat("s", 150), strings.Repeat("k", 150)
			j.Team, j.ReferenceCode = strings.Repeat("m", 150), strings.Repeat("r", 80)
		}, func(t *testing.T, r JobRow) {
			for name, c := range map[string]struct {
				got string
				max int
			}{
				"title": {r.Title, 200}, "meta_title": {r.MetaTitle, 200}, "meta_description": {r.MetaDescription, 500},
				"city": {r.City, 100}, "state": {r.State, 100}, "country": {r.Country, 100},
				"team": {r.Team, 100}, "reference_code": {r.ReferenceCode, 50},
			} {
				if n := len([]rune(c.got)); n != c.max {
					t.Errorf("%s has %d runes, want %d", name, n, c.max)
				}
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := publicJob()
			tt.change(&in)
			row, reason := Job(in)
			if reason != Public {
				t.Fatalf("reason %q", reason)
			}
			tt.check(t, row)
		})
	}
}

func TestJobSkillList(t *testing.T) {
	long := strings.Repeat("ü", 70)
	many := make([]string, 40)
	for i := range many {
		many[i] = string(rune('a'+i%26)) + strings.Repeat("x", i/26)
	}
	tests := []struct {
		name string
		in   []string
		want []string
	}{
		{"nil", nil, []string{}},
		{"trimmed and empty removed", []string{"  Go ", "", "   ", "\tSQL\n"}, []string{"Go", "SQL"}},
		{"case-insensitive dedupe keeps first spelling", []string{"PostgreSQL", "postgresql", "POSTGRESQL", "Go"}, []string{"PostgreSQL", "Go"}},
		{"inner whitespace collapsed", []string{"Machine   learning", "machine learning"}, []string{"Machine learning"}},
		{"each capped at 60 runes", []string{long}, []string{strings.Repeat("ü", 60)}},
		{"at most 30", many, many[:30]},
		{"NUL and invalid UTF-8 dropped", []string{"G\x00o", "S\xffQL"}, []string{"Go", "SQL"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := skillList(tt.in); !slices.Equal(got, tt.want) || got == nil {
				t.Errorf("skillList = %#v, want %#v", got, tt.want)
			}
		})
	}
}

// The row must not alias its input: the sync reuses source structs.
func TestJobRowDoesNotAliasInput(t *testing.T) {
	in := publicJob()
	row, _ := Job(in)
	*in.Job.SalaryMin, *in.Job.Latitude, in.Job.RequiredSkills[0] = 1, 1, "changed"
	*in.Job.ApplicationDeadline = created
	if *row.SalaryMin != 70000 || *row.Latitude != 52.52 || row.RequiredSkills[0] != "Go" || !row.ApplicationDeadline.Equal(deadline) {
		t.Errorf("row aliases input: %+v", row)
	}
}

// wantNear checks a projected position against a city's, to a tenth of a
// degree: the gazetteer's figures, not a tenant's.
func wantNear(t *testing.T, lat, lon *float64, wantLat, wantLon float64) {
	t.Helper()
	if lat == nil || lon == nil {
		t.Fatalf("no coordinates, want %v,%v", wantLat, wantLon)
	}
	if math.Abs(*lat-wantLat) > 0.1 || math.Abs(*lon-wantLon) > 0.1 {
		t.Fatalf("coordinates %v,%v, want about %v,%v", *lat, *lon, wantLat, wantLon)
	}
}
