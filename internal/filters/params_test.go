package filters_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/filters"
)

// Pages and API accept the same spellings of the same search.
func TestBothModesAcceptTheSameSpellings(t *testing.T) {
	for _, raw := range []string{
		"job_type=full_time,contract&remote=remote",
		"job_type=full_time&job_type=contract&remote=remote",
		"job_type=+full_time+,,contract&remote=remote",
	} {
		for mode, p := range map[string]*filters.Params{"lenient": filters.Lenient(raw), "strict": filters.Strict(raw, filters.JobParams...)} {
			q := p.JobQuery()
			if err := p.Err(); err != nil {
				t.Fatalf("%s %q: %v", mode, raw, err)
			}
			if !slices.Equal(q.JobTypes, []string{"full_time", "contract"}) || !slices.Equal(q.Remote, []string{"remote"}) {
				t.Errorf("%s %q: job types %q, remote %q", mode, raw, q.JobTypes, q.Remote)
			}
			if got := p.Values()["job_type"]; !slices.Equal(got, []string{"full_time", "contract"}) {
				t.Errorf("%s %q: values keep %q, want the split form", mode, raw, got)
			}
		}
	}
}

func TestFlagSpellings(t *testing.T) {
	for _, c := range []struct {
		value  string
		on, ok bool
	}{
		{"", false, true}, {"0", false, true}, {"false", false, true}, {"No", false, true}, {"off", false, true},
		{"1", true, true}, {"true", true, true}, {"YES", true, true}, {"on", true, true}, {" on ", true, true},
		{"2", false, false}, {"maybe", false, false}, {"t", false, false},
	} {
		on, ok := filters.ParseFlag(c.value)
		if on != c.on || ok != c.ok {
			t.Errorf("ParseFlag(%q) = %v, %v; want %v, %v", c.value, on, ok, c.on, c.ok)
		}
		p := filters.Lenient("verified=" + c.value)
		if got := p.ProviderQuery().Verified; got != c.on || (p.Err() == nil) != c.ok {
			t.Errorf("verified=%s: %v, error %v", c.value, got, p.Err())
		}
	}
}

func TestNumbers(t *testing.T) {
	for _, c := range []struct {
		value string
		want  float64 // -1: refused
	}{
		{"50000", 50000}, {" 4.5 ", 4.5}, {"0", 0}, {"1e3", 1000}, {".5", 0.5},
		{"-1", -1}, {"abc", -1}, {"NaN", -1}, {"Inf", -1}, {"1e400", -1},
	} {
		p := filters.Strict("min_salary="+c.value, filters.JobParams...)
		got := p.JobQuery().MinSalary
		switch {
		case c.want < 0 && fieldOf(p.Err()) != "min_salary":
			t.Errorf("%q: error %v, want one naming min_salary", c.value, p.Err())
		case c.want >= 0 && (p.Err() != nil || got == nil || *got != c.want):
			t.Errorf("%q: %v, error %v; want %v", c.value, got, p.Err(), c.want)
		}
	}
	if p := filters.Lenient("min_salary="); p.JobQuery().MinSalary != nil || p.Err() != nil {
		t.Errorf("an empty form field filters: %v", p.Err())
	}
}

func TestPageSize(t *testing.T) {
	for value, want := range map[string]int{"": 0, "1": 1, "100": 100, "0": -1, "101": -1, "-5": -1, "1.5": -1, "99999999999999999999": -1} {
		p := filters.Lenient("page_size=" + value)
		got := p.PageSize()
		if want < 0 && fieldOf(p.Err()) != "page_size" || want >= 0 && (got != want || p.Err() != nil) {
			t.Errorf("page_size=%q: %d, error %v; want %d", value, got, p.Err(), want)
		}
	}
}

// Strict parsing refuses what lenient parsing lets through.
func TestStrictnessIsTheOnlyDifference(t *testing.T) {
	for _, c := range []struct{ raw, field string }{
		{"jobtype=contract", "jobtype"},
		{"sort=newest&sort=salary", "sort"},
		{"q=a&q=b", "q"},
		{"x" + strings.Repeat("y", 100) + "=1", "x" + strings.Repeat("y", 39) + "..."},
	} {
		if err := lenientErr(c.raw); err != nil {
			t.Errorf("lenient %q: %v", c.raw, err)
		}
		p := filters.Strict(c.raw, filters.JobParams...)
		p.JobQuery()
		if got := fieldOf(p.Err()); got != c.field {
			t.Errorf("strict %q: error %v, want one naming %q", c.raw, p.Err(), c.field)
		}
	}
	if p := filters.Lenient("sort=newest&sort=salary"); p.Str("sort") != "newest" {
		t.Error("lenient parsing does not keep the first of repeated values")
	}
	for _, raw := range []string{"utm_source=news&_=123", ""} {
		if p := filters.Strict(raw); p.Err() != nil {
			t.Errorf("strict %q: %v", raw, p.Err())
		}
	}
}

// A malformed or oversized query string is refused in both modes.
func TestMalformedQueryIsRefused(t *testing.T) {
	for _, raw := range []string{"q=%zz", strings.Repeat("x=1&", 1200)} {
		for mode, p := range map[string]*filters.Params{"lenient": filters.Lenient(raw), "strict": filters.Strict(raw, "x", "q")} {
			if fieldOf(p.Err()) != "query" {
				t.Errorf("%s %q: error %v, want one naming query", mode, raw[:min(len(raw), 20)], p.Err())
			}
		}
	}
}

func lenientErr(raw string) error {
	p := filters.Lenient(raw)
	p.JobQuery()
	return p.Err()
}

func fieldOf(err error) string {
	var e *domain.Error
	if errors.As(err, &e) {
		return e.Field
	}
	return ""
}
