package filters_test

import (
	"maps"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/filters"
	"github.com/zumodra/zumodra/internal/kind"
)

// The original site's names and values become ours; ours win where both
// are given; what has no parameter of ours (location, page) is handed
// back for the caller to resolve.
func TestTranslate(t *testing.T) {
	for _, c := range []struct {
		list     kind.Catalog
		raw      string
		want     string // our query string
		location string
		page     int
		found    bool
	}{
		{kind.Jobs, "q=go&remote=hybrid&sort=newest", "q=go&remote=hybrid&sort=newest", "", 0, false},
		{kind.Jobs, "", "", "", 0, false},
		{kind.Jobs, "search=engineer", "q=engineer", "", 0, true},
		{kind.Jobs, "search=", "", "", 0, true},
		{kind.Jobs, "search=a&q=b", "q=b", "", 0, true},
		{kind.Jobs, "q=&search=a", "q=a", "", 0, true}, // an empty form field is no search of ours
		{kind.Jobs, "ordering=-published_at", "sort=newest", "", 0, true},
		{kind.Jobs, "ordering=-salary_max&sort=featured", "sort=featured", "", 0, true},
		{kind.Jobs, "sort=-published_at", "sort=newest", "", 0, true},
		{kind.Jobs, "sort=salary_high", "sort=salary", "", 0, true},
		{kind.Jobs, "sort=-salary_min", "sort=salary", "", 0, true},
		{kind.Jobs, "sort=newest", "sort=newest", "", 0, false},    // already ours
		{kind.Jobs, "ordering=oldest", "sort=oldest", "", 0, true}, // not offered: the catalog refuses it
		{kind.Jobs, "sort=-rating", "sort=-rating", "", 0, false},  // a freelancer order
		{kind.Providers, "sort=-rating", "sort=rating", "", 0, true},
		{kind.Providers, "ordering=-total_reviews", "sort=reviews", "", 0, true},
		{kind.Providers, "ordering=hourly_rate", "sort=rate", "", 0, true},
		{kind.Providers, "sort=rating", "sort=rating", "", 0, false},
		{kind.Jobs, "remote=true", "remote=remote", "", 0, true},
		{kind.Jobs, "remote=TRUE", "remote=remote", "", 0, true},
		{kind.Jobs, "remote=1", "remote=remote", "", 0, true},
		{kind.Jobs, "remote=yes", "remote=remote", "", 0, true},
		{kind.Jobs, "remote=on", "remote=remote", "", 0, true},
		{kind.Jobs, "remote=false", "", "", 0, true},
		{kind.Jobs, "remote=0&q=go", "q=go", "", 0, true},
		{kind.Jobs, "remote=true,hybrid", "remote=remote&remote=hybrid", "", 0, true},
		{kind.Jobs, "remote=remote", "remote=remote", "", 0, false},
		{kind.Providers, "remote=true", "remote=true", "", 0, false}, // the freelancers' flag is ours
		{kind.Jobs, "location=+Montreal+", "", "Montreal", 0, true},
		{kind.Jobs, "state=CA", "state=CA", "", 0, false}, // ours too
		{kind.Jobs, "page=3&q=go", "q=go", "", 3, true},
		{kind.Jobs, "page=1", "", "", 1, true},
		{kind.Jobs, "page=", "", "", 0, true},
		{kind.Jobs, "page=1000", "", "", 1000, true},
	} {
		v, _ := url.ParseQuery(c.raw)
		o, found, err := filters.Translate(c.list, v)
		if err != nil {
			t.Errorf("%s %q: %v", c.list, c.raw, err)
			continue
		}
		want, _ := url.ParseQuery(c.want)
		if !maps.EqualFunc(o.Values, want, slices.Equal) || o.Location != c.location || o.Page != c.page || found != c.found {
			t.Errorf("%s %q: %v, location %q, page %d, found %v; want %v, %q, %d, %v",
				c.list, c.raw, o.Values, o.Location, o.Page, found, want, c.location, c.page, c.found)
		}
	}
}

// Translate leaves the caller's values as they were.
func TestTranslateCopies(t *testing.T) {
	v := url.Values{"search": {"go"}, "remote": {"true"}, "page": {"2"}}
	if _, _, err := filters.Translate(kind.Jobs, v); err != nil {
		t.Fatal(err)
	}
	if v.Get("search") != "go" || v.Get("remote") != "true" || v.Get("page") != "2" {
		t.Errorf("values changed: %v", v)
	}
}

func TestTranslateRefusesBadPages(t *testing.T) {
	for _, page := range []string{"0", "-1", "abc", "1.5", "1001", "99999999999999999999", "%00"} {
		v, _ := url.ParseQuery("page=" + page)
		if _, _, err := filters.Translate(kind.Jobs, v); fieldOf(err) != "page" {
			t.Errorf("page=%s: error %v, want one naming page", page, err)
		}
	}
}

// The API refuses the original's names and values, naming ours.
func TestStrictNamesTheReplacement(t *testing.T) {
	for _, c := range []struct {
		list       kind.Catalog
		raw, field string
		hint       string
	}{
		{kind.Jobs, "search=go", "search", "use q"},
		{kind.Jobs, "ordering=-published_at", "ordering", "use sort=newest"},
		{kind.Jobs, "ordering=oldest", "ordering", "use sort"},
		{kind.Providers, "ordering=-rating", "ordering", "use sort=rating"},
		{kind.Jobs, "location=Montreal", "location", "use city, state or country"},
		{kind.Jobs, "page=2", "page", "use cursor"},
		{kind.Jobs, "sort=-published_at", "sort", "use sort=newest"},
		{kind.Jobs, "sort=salary_high", "sort", "use sort=salary"},
		{kind.Jobs, "remote=true", "remote", "use remote=remote"},
		{kind.Jobs, "remote=false", "remote", "leave remote out"},
		{kind.Providers, "sort=-rating", "sort", "use sort=rating"},
		{kind.Providers, "search=design", "search", "use q"},
	} {
		p := strict(c.list, c.raw)
		err := p.Err()
		if fieldOf(err) != c.field || !strings.Contains(err.Error(), c.hint) {
			t.Errorf("%s %q: error %v, want one naming %s with %q", c.list, c.raw, err, c.field, c.hint)
		}
	}
	for _, raw := range []string{"state=CA", "remote=remote,hybrid", "sort=newest"} {
		if err := strict(kind.Jobs, raw).Err(); err != nil {
			t.Errorf("jobs %q: %v", raw, err)
		}
	}
	if err := strict(kind.Providers, "remote=true&state=QC&sort=rating").Err(); err != nil {
		t.Errorf("providers: %v", err)
	}
}

// Every bad parameter is named, each once, in a stable order.
func TestEveryProblemIsKept(t *testing.T) {
	p := strict(kind.Jobs, "page_size=0&min_salary=-1&jobtype=x&search=go&q=a&q=b")
	var fields []string
	for _, e := range domain.Errors(p.Err()) {
		fields = append(fields, e.Field)
	}
	if want := []string{"jobtype", "search", "q", "min_salary", "page_size"}; !slices.Equal(fields, want) {
		t.Errorf("fields %q, want %q", fields, want)
	}
	if domain.ErrorCode(p.Err()) != domain.CodeInvalid {
		t.Errorf("code %q", domain.ErrorCode(p.Err()))
	}
	// Also adds the catalog's problems of parameters not yet named.
	p.Also(domain.FieldError("min_salary", "again"))
	p.Also(domain.FieldError("job_type", "must be one of ..."))
	if n := len(domain.Errors(p.Err())); n != 6 {
		t.Errorf("%d problems after Also, want 6", n)
	}
	if filters.Lenient("q=go").Err() != nil {
		t.Error("no problem is still nil")
	}
}

func strict(c kind.Catalog, raw string) *filters.Params {
	if c == kind.Jobs {
		p := filters.Strict(raw, filters.JobParams...)
		p.JobQuery()
		return p
	}
	p := filters.Strict(raw, filters.ProviderParams...)
	p.ProviderQuery()
	return p
}
