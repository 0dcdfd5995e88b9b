package publicapi

import (
	"net/http"

	"github.com/zumodra/zumodra/internal/catalog"
	"github.com/zumodra/zumodra/internal/filters"
)

var jobParams = withFacets(filters.JobParams)

// jobList is the body of GET /api/v1/careers/jobs.
type jobList struct {
	Data []catalog.JobSummary `json:"data"`
	listMeta
	// SalaryCurrency is the currency min_salary and sort=salary compared
	// in: the request's, or the one most matching jobs pay in.
	SalaryCurrency string             `json:"salary_currency,omitempty"`
	Near           *catalog.Near      `json:"near,omitempty"` // the centre and radius of near=
	Facets         *catalog.JobFacets `json:"facets,omitempty"`
}

func (h *Handler) listJobs(w http.ResponseWriter, r *http.Request) {
	p := parseParams(r, jobParams...)
	q, wantFacets := p.JobQuery(), p.Flag("facets")
	if err := problems(p, q.Validate); err != nil {
		h.fail(w, r, err)
		return
	}
	page, err := h.store.SearchJobs(r.Context(), q)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	body := jobList{Data: page.Jobs, listMeta: newListMeta(r, pageInfo{page.Page, page.Next, page.Prev,
		page.Total, page.TotalExact, page.Sort, page.Search, page.Corrected}, q.PageSize),
		SalaryCurrency: page.SalaryCurrency, Near: page.Near}
	if wantFacets {
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
	h.writeJSON(w, r, body)
}

func (h *Handler) getJob(w http.ResponseWriter, r *http.Request) {
	getOne(h, w, r, "job", h.jobDetail)
}
