package publicapi

import (
	"net/http"

	"github.com/zumodra/zumodra/internal/catalog"
	"github.com/zumodra/zumodra/internal/filters"
)

var providerParams = withFacets(filters.ProviderParams)

// providerList is the body of GET /api/v1/providers.
type providerList struct {
	Data []catalog.ProviderSummary `json:"data"`
	listMeta
	Near   *catalog.Near           `json:"near,omitempty"` // the centre and radius of near=
	Facets *catalog.ProviderFacets `json:"facets,omitempty"`
}

func (h *Handler) listProviders(w http.ResponseWriter, r *http.Request) {
	p := parseParams(r, providerParams...)
	q, wantFacets := p.ProviderQuery(), p.Flag("facets")
	if err := problems(p, q.Validate); err != nil {
		h.fail(w, r, err)
		return
	}
	page, err := h.store.SearchProviders(r.Context(), q)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	body := providerList{Data: page.Providers, listMeta: newListMeta(r, pageInfo{page.Page, page.Next,
		page.Prev, page.Total, page.TotalExact, page.Sort, page.Search, page.Corrected}, q.PageSize), Near: page.Near}
	if wantFacets {
		fq := q
		fq.Search = page.Search
		facets, err := h.store.ProviderFacets(r.Context(), fq)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		body.Facets = &facets
	}
	setLinkHeader(w, body.Links)
	h.writeJSON(w, r, body)
}

func (h *Handler) getProvider(w http.ResponseWriter, r *http.Request) {
	getOne(h, w, r, "provider", h.providerDetail)
}

func (h *Handler) getCompany(w http.ResponseWriter, r *http.Request) {
	getOne(h, w, r, "company", h.store.Company)
}
