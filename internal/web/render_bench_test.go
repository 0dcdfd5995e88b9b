package web

import (
	"io"
	"log/slog"
	"net/http/httptest"
	"net/url"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/zumodra/zumodra/internal/catalog"
)

// BenchmarkRenderJobs measures the page's own cost (view building and
// template execution) for a full page of 20 jobs, without the database.
func BenchmarkRenderJobs(b *testing.B) {
	now := time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)
	h, err := New(Config{BaseURL: "https://jobs.example", Now: func() time.Time { return now }}, nil, nil,
		slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		b.Fatal(err)
	}
	cur, per, lo, hi := "EUR", "yearly", 60000.0, 80000.0
	res := catalog.JobPage{Page: 1, Total: 5000, TotalExact: true, Sort: catalog.SortNewest, Next: "abc"}
	for i := range 20 {
		res.Jobs = append(res.Jobs, catalog.JobSummary{ID: int64(i + 1), Title: "Senior Go Engineer " + strconv.Itoa(i),
			CompanyName: "Acme Robotics", CompanySlug: "acme", JobType: "full_time", ExperienceLevel: "senior",
			RemotePolicy: "hybrid", City: "Berlin", Country: "Germany", ShowSalary: true, SalaryMin: &lo, SalaryMax: &hi,
			SalaryCurrency: &cur, SalaryPeriod: &per, RequiredSkills: []string{"Go", "PostgreSQL", "Kubernetes"},
			PublishedAt: now.Add(-time.Duration(i) * time.Hour)})
	}
	facets := catalog.JobFacets{Categories: []catalog.FacetValue{{Value: "engineering", Label: "Engineering", Count: 3000}},
		JobTypes: []catalog.FacetValue{{Value: "full_time", Label: "full_time", Count: 4000}}}
	v := url.Values{"q": {"go"}, "job_type": {"full_time"}, "country": {"Germany"}}
	q := catalog.JobQuery{Search: "go", JobTypes: []string{"full_time"}, Country: "Germany", PageSize: catalog.DefaultPageSize}
	r := httptest.NewRequest("GET", "/careers/?"+v.Encode(), nil)
	b.ReportAllocs()
	start := processCPU()
	for b.Loop() {
		w := httptest.NewRecorder()
		view := h.jobsView(v, q, res, facets)
		h.render(w, r, 200, "jobs", h.jobsPage(r, q, view, res))
	}
	b.ReportMetric(float64(processCPU()-start)/float64(b.N), "cpu-ns/op")
}

// processCPU is the process's user and system CPU time so far: steadier
// than wall time on a shared machine.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
