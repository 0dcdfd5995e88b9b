package catalog_test

import (
	"errors"
	"slices"
	"testing"

	"github.com/zumodra/zumodra/internal/catalog"
	"github.com/zumodra/zumodra/internal/domain"
)

// salaryFixture is the mix: rupees, dollars per year, hour and
// month, Canadian dollars, euros, and a job without a salary.
type salaryFixture struct {
	*fixture
	inr, usdYear, usdHour, usdMonth, cad, eur, none int64
}

func newSalaryFixture(t *testing.T) salaryFixture {
	f := newFixture(t)
	tn := f.tenant("acme", "Acme")
	pay := func(lo, hi *float64, cur, per string) int64 {
		return f.job(tn, func(r *jobRow) { r.SalaryMin, r.SalaryMax, r.Currency, r.Period = lo, hi, cur, per })
	}
	return salaryFixture{fixture: f,
		inr:      pay(money(900000), money(1400000), "INR", "yearly"),
		usdYear:  pay(money(185000), money(230000), "USD", "yearly"),
		usdHour:  pay(money(90), money(100), "USD", "hourly"), // 187,200 - 208,000 a year
		usdMonth: pay(money(15000), nil, "USD", "monthly"),    // 180,000 a year
		cad:      pay(money(150000), money(170000), "CAD", "yearly"),
		eur:      pay(nil, money(100000), "EUR", "yearly"),
		none:     f.job(tn, nil),
	}
}

func TestMinimumSalaryComparesYearlyAmountsInOneCurrency(t *testing.T) {
	f := newSalaryFixture(t)
	for _, c := range []struct {
		name    string
		q       catalog.JobQuery
		want    []int64
		wantCur string
	}{
		// USD is what most salaried matches show, so the minimum is in USD:
		// neither the larger rupee figures nor CA$ 170,000 match.
		{"most common currency", catalog.JobQuery{MinSalary: money(190000)}, []int64{f.usdYear, f.usdHour}, "USD"},
		{"hourly and monthly pay in yearly terms", catalog.JobQuery{MinSalary: money(180000)}, []int64{f.usdYear, f.usdHour, f.usdMonth}, "USD"},
		{"the visitor's currency", catalog.JobQuery{MinSalary: money(1000000), Currency: "INR"}, []int64{f.inr}, "INR"},
		{"lower-case code", catalog.JobQuery{MinSalary: money(160000), Currency: "cad"}, []int64{f.cad}, "CAD"},
		{"a maximum alone is the top", catalog.JobQuery{MinSalary: money(100000), Currency: "EUR"}, []int64{f.eur}, "EUR"},
		{"currency alone filters", catalog.JobQuery{Currency: "USD"}, []int64{f.usdYear, f.usdHour, f.usdMonth}, "USD"},
		{"no salaried match", catalog.JobQuery{MinSalary: money(1), Company: "nobody"}, nil, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			c.q.PageSize = 100
			got := f.jobs(c.q)
			if !sameSet(jobIDs(got), c.want) || got.Total != len(c.want) || got.SalaryCurrency != c.wantCur {
				t.Errorf("got %v (total %d) in %q, want %v in %q", jobIDs(got), got.Total, got.SalaryCurrency, c.want, c.wantCur)
			}
		})
	}
}

func TestSalarySortRanksOneCurrencyAndNeverComparesOthers(t *testing.T) {
	f := newSalaryFixture(t)
	rest := sortedDesc([]int64{f.inr, f.cad, f.eur, f.none})
	for _, c := range []struct {
		cur  string
		want []int64
	}{
		{"", append([]int64{f.usdYear, f.usdHour, f.usdMonth}, rest...)},
		{"INR", append([]int64{f.inr}, sortedDesc([]int64{f.usdYear, f.usdHour, f.usdMonth, f.cad, f.eur, f.none})...)},
	} {
		var got []int64
		cursor := ""
		for {
			// One row a page: the currency must survive every cursor.
			p := f.jobs(catalog.JobQuery{Sort: catalog.SortSalary, PageSize: 1, Cursor: cursor})
			if c.cur != "" {
				p = f.jobs(catalog.JobQuery{Sort: catalog.SortSalary, PageSize: 1, Cursor: cursor, Currency: c.cur})
			}
			got = append(got, jobIDs(p)...)
			if cursor = p.Next; cursor == "" {
				break
			}
		}
		if c.cur != "" {
			c.want = c.want[:1] // an explicit currency filters: only its jobs
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("currency %q: got %v, want %v", c.cur, got, c.want)
		}
	}
}

func TestCurrencyFacetAndSalaryText(t *testing.T) {
	f := newSalaryFixture(t)
	facets, err := f.store.JobFacets(t.Context(), catalog.JobQuery{MinSalary: money(190000)})
	if err != nil {
		t.Fatal(err)
	}
	want := []catalog.FacetValue{{Value: "USD", Label: "USD", Count: 3}, {Value: "CAD", Label: "CAD", Count: 1},
		{Value: "EUR", Label: "EUR", Count: 1}, {Value: "INR", Label: "INR", Count: 1}}
	if !slices.Equal(facets.Currencies, want) {
		t.Errorf("currency facet %v, want %v", facets.Currencies, want)
	}
	if facets.Countries[0].Count != 2 {
		t.Errorf("other facets ignore the minimum salary: %v", facets.Countries)
	}
	texts := map[int64]string{}
	for _, j := range f.jobs(catalog.JobQuery{PageSize: 100}).Jobs {
		texts[j.ID] = j.SalaryText
	}
	for id, want := range map[int64]string{f.inr: "₹900,000 – ₹1,400,000 a year", f.usdHour: "$90 – $100 an hour",
		f.usdMonth: "From $15,000 a month", f.cad: "CA$150,000 – CA$170,000 a year", f.eur: "Up to €100,000 a year", f.none: ""} {
		if texts[id] != want {
			t.Errorf("job %d: salary text %q, want %q", id, texts[id], want)
		}
	}
	j, err := f.store.Job(t.Context(), f.usdHour)
	if err != nil || j.SalaryText != "$90 – $100 an hour" || *j.SalaryYearlyMin != 187200 || *j.SalaryYearlyMax != 208000 {
		t.Errorf("detail: %q %v %v %v", j.SalaryText, j.SalaryYearlyMin, j.SalaryYearlyMax, err)
	}
	if _, err := f.store.SearchJobs(t.Context(), catalog.JobQuery{Currency: "XYZ"}); fieldOf(err) != "currency" {
		t.Errorf("unknown currency: %v", err)
	}
}

func fieldOf(err error) string {
	var e *domain.Error
	if errors.As(err, &e) {
		return e.Field
	}
	return ""
}
