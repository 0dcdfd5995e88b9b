package web

import (
	"context"
	"net/http"

	"github.com/zumodra/zumodra/internal/catalog"
	"github.com/zumodra/zumodra/internal/filters"
)

const jobsPath = "/careers/"

// jobFilterNames are the job list parameters shown as removable chips.
var jobFilterNames = []string{"category", "job_type", "experience_level", "remote", "country", "state", "city", "near", "min_salary", "currency", "company"}

var jobSortOptions = []option{
	{Value: catalog.SortRelevance, Label: "Best match"},
	{Value: catalog.SortNewest, Label: "Newest"},
	{Value: catalog.SortFeatured, Label: "Featured first"},
	{Value: catalog.SortSalary, Label: "Highest salary"},
}

// jobsView is the data of the careers page.
type jobsView struct {
	Query       string
	Company     *companyView
	ResultLabel string
	Jobs        []jobCard
	Selects     []facetView
	Checks      []facetView
	MinSalary   string
	Currency    facetView // the salary currency control
	SalaryNote  string    // which currency salaries were compared in, and how
	City        string
	State       string
	Cities      []string // suggestions for the city field
	Near        nearView
	Map         mapView
	Sorts       []option
	Active      []chip
	ResetURL    string
	PrevURL     string
	NextURL     string
	PageLabel   string
	Stats       []stat
	Live        liveView
}

// companyView heads a tenant's own career page.
type companyView struct {
	Company     string
	LogoURL     string
	Initials    string
	AvatarClass string
	JobCount    int
}

type stat struct {
	Value string
	Label string
}

// jobQuery reads the careers page's parameters into a catalog query.
func jobQuery(p *filters.Params) (catalog.JobQuery, error) {
	q := p.JobQuery()
	pageNear(q.Near, &q.Radius)
	return q, p.Err()
}

// jobList serves /careers/: search, filters with counts, keyset pages.
func (h *Handler) jobList(w http.ResponseWriter, r *http.Request) {
	p, ok := h.listParams(w, r, h.jobListing())
	if !ok {
		return
	}
	q, err := jobQuery(p)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	res, facets, err := h.searchJobs(r.Context(), q)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	view := h.jobsView(p.Values(), q, res, facets)
	if view.Company == nil { // site totals would read as the company's
		view.Stats = h.stats(r)
	}
	view.Cities = h.cities(r, q.Country)
	view.Live = h.liveView(jobsPath, p.Values(), "job")
	h.render(w, r, http.StatusOK, "jobs", h.jobsPage(r, q, view, res))
}

// searchJobs runs the search and counts the facets of what it searched
// (the catalog may have corrected the spelling).
func (h *Handler) searchJobs(ctx context.Context, q catalog.JobQuery) (catalog.JobPage, catalog.JobFacets, error) {
	res, err := h.catalog.SearchJobs(ctx, q)
	if err != nil {
		return res, catalog.JobFacets{}, err
	}
	q.Search = res.Search
	facets, err := h.catalog.JobFacets(ctx, q)
	return res, facets, err
}
