package catalog_test

import (
	"slices"
	"testing"
	"time"

	"github.com/zumodra/zumodra/internal/catalog"
)

func TestSearchRanksTitleAboveDescription(t *testing.T) {
	f := newFixture(t)
	tn := f.tenant("acme", "Acme")
	// The description match is newer, so only ranking can put the title first.
	inDesc := f.job(tn, func(r *jobRow) {
		r.Title, r.Description = "Office Manager", "<p>You will sit next to our python developers.</p>"
		r.PublishedAt = base.Add(-time.Minute)
	})
	inSkills := f.job(tn, func(r *jobRow) {
		r.Title, r.Skills = "Data Analyst", []string{"Python"}
		r.PublishedAt = base.Add(-2 * time.Minute)
	})
	inTitle := f.job(tn, func(r *jobRow) { r.Title = "Senior Python Developer"; r.PublishedAt = base.Add(-time.Hour) })
	f.job(tn, func(r *jobRow) { r.Title = "Accountant" })
	p := f.jobs(catalog.JobQuery{Search: "python"})
	if !slices.Equal(jobIDs(p), []int64{inTitle, inSkills, inDesc}) || p.Sort != catalog.SortRelevance || p.Total != 3 {
		t.Fatalf("python: %v sort %q, want title, skills, description", jobIDs(p), p.Sort)
	}
	// Asked for newest, the same matches come newest first.
	p = f.jobs(catalog.JobQuery{Search: "python", Sort: catalog.SortNewest})
	if !slices.Equal(jobIDs(p), []int64{inDesc, inSkills, inTitle}) {
		t.Fatalf("python by newest: %v", jobIDs(p))
	}
}

func TestSearchToleratesPrefixesAndTypos(t *testing.T) {
	f := newFixture(t)
	tn := f.tenant("acme", "Acme")
	py := f.job(tn, func(r *jobRow) { r.Title = "Senior Python Developer" })
	f.job(tn, func(r *jobRow) { r.Title = "Kubernetes Administrator" })
	analyst := f.job(tn, func(r *jobRow) { r.Title = "Data Analyst" })
	engineer := f.job(tn, func(r *jobRow) { r.Title = "Site Engineer" })
	// Partial words match before any vocabulary is loaded, whichever way
	// the stemmer treats them: "analys" stems to "anali", no prefix of
	// "analyst"; "engin" is the stem of "engineer" (every fixture job is in
	// Engineering, so the title match must rank first).
	for q, want := range map[string]int64{"analys": analyst, "engin": engineer} {
		p := f.jobs(catalog.JobQuery{Search: q})
		if len(p.Jobs) == 0 || p.Jobs[0].ID != want || p.Corrected {
			t.Errorf("q=%q before warm: %v (search %q), want %d first", q, jobIDs(p), p.Search, want)
		}
	}
	cases := []struct {
		q         string
		corrected bool
	}{
		{"python", false}, {"pyth", false}, {"Python develop", false}, {"senior pyt", false},
		{"pyhton", true}, {"pythn developer", true}, {`"python developer"`, false},
	}
	f.warm()
	for _, c := range cases {
		p := f.jobs(catalog.JobQuery{Search: c.q})
		if !slices.Equal(jobIDs(p), []int64{py}) || p.Corrected != c.corrected {
			t.Errorf("q=%q: %v corrected=%v (search %q), want [%d] corrected=%v", c.q, jobIDs(p), p.Corrected, p.Search, py, c.corrected)
		}
	}
	// Words that no catalog word resembles stay unmatched.
	if p := f.jobs(catalog.JobQuery{Search: "zzqxv"}); len(p.Jobs) != 0 || p.Corrected {
		t.Errorf("nonsense matched %v (search %q)", jobIDs(p), p.Search)
	}
	// Exclusion syntax still works: websearch_to_tsquery handles it.
	if p := f.jobs(catalog.JobQuery{Search: "developer -python"}); len(p.Jobs) != 0 {
		t.Errorf("developer -python matched %v", jobIDs(p))
	}
}

func TestCorrectedSearchPagesKeepTheCorrection(t *testing.T) {
	f := newFixture(t)
	tn := f.tenant("acme", "Acme")
	for range 3 {
		f.job(tn, func(r *jobRow) { r.Title = "Python Developer" })
	}
	f.warm()
	p1 := f.jobs(catalog.JobQuery{Search: "pyhton", PageSize: 2})
	if !p1.Corrected || len(p1.Jobs) != 2 || p1.Next == "" {
		t.Fatalf("page 1: %+v", p1)
	}
	p2 := f.jobs(catalog.JobQuery{Search: "pyhton", PageSize: 2, Cursor: p1.Next})
	if len(p2.Jobs) != 1 || !p2.Corrected || p2.Search != "python" {
		t.Fatalf("page 2: %+v", p2)
	}
}

func TestSearchCombinesWithFilters(t *testing.T) {
	f := newFixture(t)
	tn := f.tenant("acme", "Acme")
	f.job(tn, func(r *jobRow) { r.Title = "Go Developer"; r.Country = "France" })
	want := f.job(tn, func(r *jobRow) { r.Title = "Go Developer"; r.JobType = "contract" })
	f.job(tn, func(r *jobRow) { r.Title, r.Skills = "Rust Developer", []string{}; r.JobType = "contract" })
	p := f.jobs(catalog.JobQuery{Search: "developer go", JobTypes: []string{"contract"}, Country: "Germany"})
	if !slices.Equal(jobIDs(p), []int64{want}) || p.Total != 1 {
		t.Fatalf("got %v", jobIDs(p))
	}
}
