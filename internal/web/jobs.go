package web

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/zumodra/zumodra/internal/catalog"
	"github.com/zumodra/zumodra/internal/domain"
)

const jobsPath = "/careers/"

// jobFilterNames are the job list parameters shown as removable chips.
var jobFilterNames = []string{"category", "job_type", "experience_level", "remote", "country", "city", "min_salary", "company"}

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
	City        string
	Cities      []string // suggestions for the city field
	Sorts       []option
	Active      []chip
	ResetURL    string
	PrevURL     string
	NextURL     string
	PageLabel   string
	Stats       []stat
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
func jobQuery(v url.Values) (catalog.JobQuery, error) {
	minSalary, err := optNumber(v, "min_salary", catalog.MaxSalary)
	if err != nil {
		return catalog.JobQuery{}, err
	}
	size, err := pageSizeParam(v)
	if err != nil {
		return catalog.JobQuery{}, err
	}
	return catalog.JobQuery{
		Search: v.Get("q"), Category: v.Get("category"), JobTypes: values(v, "job_type"),
		Levels: values(v, "experience_level"), Remote: values(v, "remote"),
		Country: v.Get("country"), City: v.Get("city"), MinSalary: minSalary,
		Company: v.Get("company"), Sort: v.Get("sort"), Cursor: v.Get("cursor"), PageSize: size,
	}, nil
}

// pageSizeParam reads ?page_size=, 1..catalog.MaxPageSize, default 20.
func pageSizeParam(v url.Values) (int, error) {
	s := v.Get("page_size")
	if s == "" {
		return pageSize, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > catalog.MaxPageSize {
		return 0, domain.FieldError("page_size", "must be a whole number between 1 and %d", catalog.MaxPageSize)
	}
	return n, nil
}

// jobList serves /careers/: search, filters with counts, keyset pages.
func (h *Handler) jobList(w http.ResponseWriter, r *http.Request) {
	v, err := queryValues(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if redirect, err := legacyPage(v); err != nil || redirect {
		h.legacyRedirect(w, r, jobsPath, v, err)
		return
	}
	q, err := jobQuery(v)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	res, err := h.catalog.SearchJobs(r.Context(), q)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	fq := q
	fq.Search = res.Search
	facets, err := h.catalog.JobFacets(r.Context(), fq)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	view := h.jobsView(v, q, res, facets)
	if view.Company == nil { // site totals would read as the company's
		view.Stats = h.stats(r)
	}
	view.Cities = h.cities(r, q.Country)
	h.render(w, r, http.StatusOK, "jobs", h.jobsPage(r, q, view, res))
}

// legacyRedirect answers an old ?page=N link: a 400 for nonsense,
// otherwise the first page of the same search.
func (h *Handler) legacyRedirect(w http.ResponseWriter, r *http.Request, path string, v url.Values, err error) {
	if err != nil {
		h.fail(w, r, err)
		return
	}
	http.Redirect(w, r, withParam(path, v, "page", ""), http.StatusFound)
}
