package catalog_test

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/zumodra/zumodra/internal/catalog"
	"github.com/zumodra/zumodra/internal/domain"
)

func TestKeysetPagesForwardAndBack(t *testing.T) {
	f := newFixture(t)
	tn := f.tenant("acme", "Acme")
	var want []int64
	for i := range 5 {
		want = append(want, f.job(tn, func(r *jobRow) { r.PublishedAt = base.Add(-time.Duration(i) * time.Hour) }))
	}
	p1 := f.jobs(catalog.JobQuery{PageSize: 2})
	if !slices.Equal(jobIDs(p1), want[:2]) || p1.Total != 5 || !p1.TotalExact || p1.Prev != "" || p1.Page != 1 || p1.Pages(2) != 3 {
		t.Fatalf("page 1: %v total %d prev %q", jobIDs(p1), p1.Total, p1.Prev)
	}
	p2 := f.jobs(catalog.JobQuery{PageSize: 2, Cursor: p1.Next})
	p3 := f.jobs(catalog.JobQuery{PageSize: 2, Cursor: p2.Next})
	if !slices.Equal(jobIDs(p2), want[2:4]) || !slices.Equal(jobIDs(p3), want[4:]) || p3.Next != "" || p3.Page != 3 {
		t.Fatalf("pages 2, 3: %v %v next %q", jobIDs(p2), jobIDs(p3), p3.Next)
	}
	back := f.jobs(catalog.JobQuery{PageSize: 2, Cursor: p3.Prev})
	if !slices.Equal(jobIDs(back), want[2:4]) || back.Page != 2 || back.Next == "" {
		t.Fatalf("back to page 2: %v page %d", jobIDs(back), back.Page)
	}
	first := f.jobs(catalog.JobQuery{PageSize: 2, Cursor: back.Prev})
	if !slices.Equal(jobIDs(first), want[:2]) || first.Page != 1 || first.Prev != "" {
		t.Fatalf("back to page 1: %v page %d prev %q", jobIDs(first), first.Page, first.Prev)
	}
}

func TestPagesStayStableWhileTheCatalogChanges(t *testing.T) {
	f := newFixture(t)
	tn := f.tenant("acme", "Acme")
	var want []int64
	for i := range 4 {
		want = append(want, f.job(tn, func(r *jobRow) { r.PublishedAt = base.Add(-time.Duration(i+1) * time.Hour) }))
	}
	p1 := f.jobs(catalog.JobQuery{PageSize: 2})
	f.job(tn, func(r *jobRow) { r.PublishedAt = base.Add(-time.Minute) }) // newer than everything shown
	if _, err := f.pool.Exec(t.Context(), `DELETE FROM public.job_catalog WHERE id = $1`, want[0]); err != nil {
		t.Fatal(err)
	}
	p2 := f.jobs(catalog.JobQuery{PageSize: 2, Cursor: p1.Next})
	if !slices.Equal(jobIDs(p2), want[2:4]) {
		t.Fatalf("page 2 after an insert and a delete before it: %v, want %v", jobIDs(p2), want[2:4])
	}
}

func TestEmptyResult(t *testing.T) {
	f := newFixture(t)
	f.job(f.tenant("acme", "Acme"), nil)
	p := f.jobs(catalog.JobQuery{Country: "Atlantis"})
	if len(p.Jobs) != 0 || p.Jobs == nil || p.Total != 0 || !p.TotalExact || p.Next != "" || p.Prev != "" || p.Page != 1 || p.Pages(20) != 1 {
		t.Fatalf("empty page: %+v", p)
	}
}

func TestBadCursorsAreRefused(t *testing.T) {
	f := newFixture(t)
	tn := f.tenant("acme", "Acme")
	for range 3 {
		f.job(tn, nil)
	}
	p1 := f.jobs(catalog.JobQuery{PageSize: 1, Country: "Germany"})
	tampered := []byte(p1.Next)
	tampered[len(tampered)/2] ^= 1
	cases := map[string]catalog.JobQuery{
		"other query":     {PageSize: 1, Country: "France", Cursor: p1.Next},
		"other page size": {PageSize: 2, Country: "Germany", Cursor: p1.Next},
		"other sort":      {PageSize: 1, Country: "Germany", Sort: catalog.SortSalary, Cursor: p1.Next},
		"tampered":        {PageSize: 1, Country: "Germany", Cursor: string(tampered)},
		"garbage":         {PageSize: 1, Country: "Germany", Cursor: "not a cursor!"},
		"base64 no mac":   {PageSize: 1, Country: "Germany", Cursor: "eyJ2IjoxfQ"},
		"too long":        {PageSize: 1, Country: "Germany", Cursor: strings.Repeat("A", 5000)},
		"providers'":      {PageSize: 1, Country: "Germany", Cursor: f.providerCursor(t)},
	}
	for name, q := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := f.store.SearchJobs(t.Context(), q)
			assertFieldError(t, err, "cursor")
		})
	}
}

func (f *fixture) providerCursor(t *testing.T) string {
	tn := f.tenant("agency", "Agency")
	f.provider(tn, nil)
	f.provider(tn, nil)
	p := f.providers(catalog.ProviderQuery{PageSize: 1, Country: "Germany"})
	if p.Next == "" {
		t.Fatal("no provider cursor")
	}
	return p.Next
}

func TestPageSizes(t *testing.T) {
	f := newFixture(t)
	tn := f.tenant("acme", "Acme")
	for range 25 {
		f.job(tn, nil)
	}
	if p := f.jobs(catalog.JobQuery{}); len(p.Jobs) != catalog.DefaultPageSize {
		t.Errorf("page size 0: %d rows, want %d", len(p.Jobs), catalog.DefaultPageSize)
	}
	if p := f.jobs(catalog.JobQuery{PageSize: 100}); len(p.Jobs) != 25 || p.Next != "" {
		t.Errorf("page size 100: %d rows, next %q", len(p.Jobs), p.Next)
	}
	for _, n := range []int{-1, 101, 1 << 40} {
		_, err := f.store.SearchJobs(t.Context(), catalog.JobQuery{PageSize: n})
		assertFieldError(t, err, "page_size")
	}
}

func TestBadValuesAreFieldErrors(t *testing.T) {
	f := newFixture(t)
	cases := []struct {
		field string
		q     catalog.JobQuery
	}{
		{"q", catalog.JobQuery{Search: "bad \xff utf-8"}},
		{"q", catalog.JobQuery{Search: "nul\x00byte"}},
		{"q", catalog.JobQuery{Search: strings.Repeat("x", 10_000)}},
		{"country", catalog.JobQuery{Country: "\xc3\x28"}},
		{"city", catalog.JobQuery{City: strings.Repeat("<b>", 100)}},
		{"company", catalog.JobQuery{Company: "a\x00b"}},
		{"category", catalog.JobQuery{Category: strings.Repeat("é", 101)}},
		{"job_type", catalog.JobQuery{JobTypes: []string{"' OR 1=1 --"}}},
		{"experience_level", catalog.JobQuery{Levels: []string{"guru"}}},
		{"remote", catalog.JobQuery{Remote: []string{"mars"}}},
		{"min_salary", catalog.JobQuery{MinSalary: money(-1)}},
		{"min_salary", catalog.JobQuery{MinSalary: money(1e300)}},
		{"sort", catalog.JobQuery{Sort: "price; DROP TABLE"}},
	}
	for _, c := range cases {
		_, err := f.store.SearchJobs(t.Context(), c.q)
		assertFieldError(t, err, c.field)
		if c.field != "sort" { // facets ignore the sort
			_, err = f.store.JobFacets(t.Context(), c.q)
			assertFieldError(t, err, c.field)
		}
	}
}

func assertFieldError(t *testing.T, err error, field string) {
	t.Helper()
	var de *domain.Error
	if !errors.As(err, &de) || de.Code != domain.CodeInvalid || de.Field != field {
		t.Errorf("got %v, want an invalid-input error on %q", err, field)
	}
}

func TestJobByID(t *testing.T) {
	f := newFixture(t)
	tn := f.tenant("acme", "Acme")
	id := f.job(tn, func(r *jobRow) {
		r.Title, r.Description = "Go Engineer", "<p>Write <b>Go</b> &amp; SQL.</p>"
		r.SalaryMin, r.SalaryMax = money(70000), money(90000)
	})
	j, err := f.store.Job(t.Context(), id)
	if err != nil {
		t.Fatal(err)
	}
	if j.Title != "Go Engineer" || j.CompanySlug != "acme" || j.CompanyName != "Acme" || j.DescriptionHTML != "<p>Write <b>Go</b> &amp; SQL.</p>" ||
		j.Excerpt != "Write Go & SQL." || *j.SalaryMax != 90000 || *j.SalaryCurrency != "EUR" {
		t.Errorf("job: %+v", j)
	}
	for _, missing := range []int64{id + 1000, 0, -5} {
		if _, err := f.store.Job(t.Context(), missing); !domain.IsNotFound(err) {
			t.Errorf("job %d: %v, want not found", missing, err)
		}
	}
}
