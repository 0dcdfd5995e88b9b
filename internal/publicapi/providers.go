package publicapi

import (
	"net/http"

	"github.com/zumodra/zumodra/internal/catalog"
)

var providerParams = []string{"q", "category", "skill", "country", "city", "company", "verified",
	"available", "remote", "min_rating", "max_rate", "sort", "cursor", "page_size", "facets"}

// providerList is the body of GET /api/v1/providers.
type providerList struct {
	Data []catalog.ProviderSummary `json:"data"`
	listMeta
	Facets *catalog.ProviderFacets `json:"facets,omitempty"`
}

func parseProviderQuery(p *params) (catalog.ProviderQuery, bool) {
	q := catalog.ProviderQuery{
		Search: p.str("q"), Category: p.str("category"), Skill: p.str("skill"), Country: p.str("country"),
		City: p.str("city"), Company: p.str("company"), Verified: p.boolean("verified"),
		Available: p.boolean("available"), Remote: p.boolean("remote"), MinRating: p.decimal("min_rating"),
		MaxRate: p.decimal("max_rate"), Sort: p.str("sort"), Cursor: p.str("cursor"), PageSize: p.pageSize(),
	}
	return q, p.boolean("facets")
}

func (h *Handler) listProviders(w http.ResponseWriter, r *http.Request) {
	if h.serveCached(w, r) {
		return
	}
	p := parseParams(r, providerParams...)
	q, withFacets := parseProviderQuery(p)
	if p.err != nil {
		h.fail(w, r, p.err)
		return
	}
	page, err := h.store.SearchProviders(r.Context(), q)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	body := providerList{Data: page.Providers, listMeta: newListMeta(r, pageInfo{page.Page, page.Next,
		page.Prev, page.Total, page.TotalExact, page.Sort, page.Search, page.Corrected}, q.PageSize)}
	if withFacets {
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
	h.writeCached(w, r, body)
}

func (h *Handler) getProvider(w http.ResponseWriter, r *http.Request) {
	getOne(h, w, r, "provider", h.store.Provider)
}
