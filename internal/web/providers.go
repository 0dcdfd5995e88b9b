package web

import (
	"context"
	"net/http"

	"github.com/zumodra/zumodra/internal/catalog"
	"github.com/zumodra/zumodra/internal/filters"
)

const providersPath = "/browse-freelancers/"

// providerFilterNames are the provider list parameters shown as chips.
var providerFilterNames = []string{"category", "skill", "country", "state", "city", "near", "company", "verified", "available", "remote", "min_rating", "max_rate"}

var providerSortOptions = []option{
	{Value: catalog.SortRelevance, Label: "Best match"},
	{Value: catalog.SortFeatured, Label: "Featured first"},
	{Value: catalog.SortRating, Label: "Top rated"},
	{Value: catalog.SortReviews, Label: "Most reviews"},
	{Value: catalog.SortRate, Label: "Lowest hourly rate"},
	{Value: catalog.SortNewest, Label: "Newest"},
}

var ratingOptions = []option{{Value: "", Label: "Any rating"}, {Value: "4.5", Label: "4.5 stars and up"},
	{Value: "4", Label: "4 stars and up"}, {Value: "3", Label: "3 stars and up"}}

// providersView is the data of the freelancers page.
type providersView struct {
	Query       string
	ResultLabel string
	Providers   []providerCard
	Selects     []facetView
	Checks      []facetView
	Ratings     []option
	MaxRate     string
	City        string
	State       string
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

// providerQuery reads the freelancers page's parameters.
func providerQuery(p *filters.Params) (catalog.ProviderQuery, error) {
	q := p.ProviderQuery()
	pageNear(q.Near, &q.Radius)
	return q, p.Err()
}

// providerList serves /browse-freelancers/.
func (h *Handler) providerList(w http.ResponseWriter, r *http.Request) {
	p, ok := h.listParams(w, r, h.providerListing())
	if !ok {
		return
	}
	q, err := providerQuery(p)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	res, facets, err := h.searchProviders(r.Context(), q)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	view := h.providersView(p.Values(), q, res, facets)
	view.Stats = h.stats(r)
	view.Live = h.liveView(providersPath, p.Values(), "freelancer")
	h.render(w, r, http.StatusOK, "providers", h.providersPage(r, q, view, res))
}

func (h *Handler) searchProviders(ctx context.Context, q catalog.ProviderQuery) (catalog.ProviderPage, catalog.ProviderFacets, error) {
	res, err := h.catalog.SearchProviders(ctx, q)
	if err != nil {
		return res, catalog.ProviderFacets{}, err
	}
	q.Search = res.Search
	facets, err := h.catalog.ProviderFacets(ctx, q)
	return res, facets, err
}

func (h *Handler) providersPage(r *http.Request, q catalog.ProviderQuery, view providersView, res catalog.ProviderPage) page {
	p := page{
		Title:       "Freelancers · " + h.cfg.SiteName,
		Description: "Hire independent professionals and agencies on " + h.cfg.SiteName + ": search by skill, location, rating and rate.",
		Canonical:   h.abs(r, providersPath), Section: "freelancers",
		PrevURL: view.PrevURL, NextURL: view.NextURL, Data: view,
	}
	if q.Search != "" {
		p.Title = q.Search + " freelancers · " + h.cfg.SiteName
		p.NoIndex = true
	}
	if res.Page > 1 {
		p.NoIndex = true
	}
	return p
}
