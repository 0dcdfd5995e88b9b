package publicapi

import (
	"net/http"

	"github.com/zumodra/zumodra/internal/catalog"
)

var jobParams = []string{"q", "category", "job_type", "experience_level", "remote", "country", "city",
	"min_salary", "company", "sort", "cursor", "page_size", "facets"}

// jobList is the body of GET /api/v1/careers/jobs.
type jobList struct {
	Data []catalog.JobSummary `json:"data"`
	listMeta
	Facets *catalog.JobFacets `json:"facets,omitempty"`
}

func parseJobQuery(p *params) (catalog.JobQuery, bool) {
	q := catalog.JobQuery{
		Search: p.str("q"), Category: p.str("category"), JobTypes: p.list("job_type"),
		Levels: p.list("experience_level"), Remote: p.list("remote"), Country: p.str("country"),
		City: p.str("city"), MinSalary: p.decimal("min_salary"), Company: p.str("company"),
		Sort: p.str("sort"), Cursor: p.str("cursor"), PageSize: p.pageSize(),
	}
	return q, p.boolean("facets")
}

func (h *Handler) listJobs(w http.ResponseWriter, r *http.Request) {
	if h.serveCached(w, r) {
		return
	}
	p := parseParams(r, jobParams...)
	q, withFacets := parseJobQuery(p)
	if p.err != nil {
		h.fail(w, r, p.err)
		return
	}
	page, err := h.store.SearchJobs(r.Context(), q)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	body := jobList{Data: page.Jobs, listMeta: newListMeta(r, pageInfo{page.Page, page.Next, page.Prev,
		page.Total, page.TotalExact, page.Sort, page.Search, page.Corrected}, q.PageSize)}
	if withFacets {
		fq := q
		fq.Search = page.Search
		facets, err := h.store.JobFacets(r.Context(), fq)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		body.Facets = &facets
	}
	setLinkHeader(w, body.Links)
	h.writeCached(w, r, body)
}

func (h *Handler) getJob(w http.ResponseWriter, r *http.Request) {
	getOne(h, w, r, "job", h.store.Job)
}
