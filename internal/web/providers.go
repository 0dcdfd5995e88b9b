package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"

	"github.com/zumodra/zumodra/internal/catalog"
	"github.com/zumodra/zumodra/internal/domain"
)

const providersPath = "/browse-freelancers/"

// providerFilterNames are the provider list parameters shown as chips.
var providerFilterNames = []string{"category", "skill", "country", "city", "company", "verified", "available", "remote", "min_rating", "max_rate"}

var providerSortOptions = []option{
	{Value: catalog.SortRelevance, Label: "Best match"},
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
	Sorts       []option
	Active      []chip
	ResetURL    string
	PrevURL     string
	NextURL     string
	PageLabel   string
	Stats       []stat
}

// providerQuery reads the freelancers page's parameters.
func providerQuery(v url.Values) (catalog.ProviderQuery, error) {
	minRating, err := optNumber(v, "min_rating", catalog.MaxRating)
	if err != nil {
		return catalog.ProviderQuery{}, err
	}
	maxRate, err := optNumber(v, "max_rate", catalog.MaxHourlyRate)
	if err != nil {
		return catalog.ProviderQuery{}, err
	}
	size, err := pageSizeParam(v)
	if err != nil {
		return catalog.ProviderQuery{}, err
	}
	q := catalog.ProviderQuery{Search: v.Get("q"), Category: v.Get("category"), Skill: v.Get("skill"),
		Country: v.Get("country"), City: v.Get("city"), Company: v.Get("company"),
		MinRating: minRating, MaxRate: maxRate, Sort: v.Get("sort"), Cursor: v.Get("cursor"), PageSize: size}
	for _, b := range []struct {
		name string
		dst  *bool
	}{{"verified", &q.Verified}, {"available", &q.Available}, {"remote", &q.Remote}} {
		if *b.dst, err = flag(v, b.name); err != nil {
			return q, err
		}
	}
	return q, nil
}

// flag reads a checkbox: absent or empty is false, "1"/"true"/"on" true.
func flag(v url.Values, name string) (bool, error) {
	s := v.Get(name)
	if s == "" {
		return false, nil
	}
	b, err := strconv.ParseBool(s)
	if s == "on" {
		b, err = true, nil
	}
	if err != nil {
		return false, domain.FieldError(name, "must be 1 or 0")
	}
	return b, nil
}

// providerList serves /browse-freelancers/.
func (h *Handler) providerList(w http.ResponseWriter, r *http.Request) {
	v, ok := h.listParams(w, r, providersPath)
	if !ok {
		return
	}
	q, err := providerQuery(v)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	res, facets, err := h.searchProviders(r.Context(), q)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	view := h.providersView(v, q, res, facets)
	view.Stats = h.stats(r)
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
