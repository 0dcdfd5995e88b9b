package web

import (
	"context"
	"net/http"

	"github.com/zumodra/zumodra/internal/catalog"
)

const homePath = "/"

// homeCards is how many jobs and freelancers the front door shows: a taste
// of each list, one or two rows of cards, not a second copy of it.
const homeCards = 6

// homeCompanies is how many companies hiring the front door names.
const homeCompanies = 8

// homeView is the data of the front door.
type homeView struct {
	Stats     []stat
	Jobs      []jobCard
	Providers []providerCard
	Companies []hiringCompany
}

// hiringCompany is a company with open public jobs, linking to its page.
type hiringCompany struct {
	Name        string
	URL         string
	Initials    string
	AvatarClass string
	Jobs        string // "12 open jobs"
}

// home serves /: a search box for each list, the newest jobs, the top rated
// freelancers, the companies with the most open jobs and the site's totals,
// all from the one catalog snapshot the view cache gives it.
func (h *Handler) home(w http.ResponseWriter, r *http.Request) {
	view, err := h.homeView(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	view.Stats = h.stats(r)
	h.render(w, r, http.StatusOK, "home", page{
		Title:       h.cfg.SiteName + " · Jobs and freelancers",
		Description: "Search open jobs from every company hiring on " + h.cfg.SiteName + " and find freelancers for your project.",
		Canonical:   h.abs(r, homePath),
		JSONLD:      h.webSiteLD(r),
		Data:        view,
	})
}

func (h *Handler) homeView(ctx context.Context) (homeView, error) {
	var view homeView
	jobs, err := h.catalog.NewestJobs(ctx, homeCards)
	if err != nil {
		return view, err
	}
	for _, j := range jobs {
		view.Jobs = append(view.Jobs, h.jobCard(j))
	}
	// The ranking the freelancers list calls "Top rated" (its default).
	provs, err := h.catalog.SearchProviders(ctx, catalog.ProviderQuery{Sort: catalog.SortRating, PageSize: homeCards})
	if err != nil {
		return view, err
	}
	for _, p := range provs.Providers {
		view.Providers = append(view.Providers, providerCardOf(p))
	}
	// The unfiltered careers page counts the same facets: one cached read serves both.
	facets, err := h.catalog.JobFacets(ctx, catalog.JobQuery{})
	if err != nil {
		return view, err
	}
	view.Companies = hiringCompanies(facets.Companies)
	return view, nil
}

// hiringCompanies names the companies with the most open jobs; the facet
// already comes most jobs first.
func hiringCompanies(fs []catalog.FacetValue) []hiringCompany {
	out := make([]hiringCompany, 0, min(len(fs), homeCompanies))
	for _, f := range fs[:min(len(fs), homeCompanies)] {
		out = append(out, hiringCompany{Name: f.Label, URL: companyURL(f.Value), Initials: initials(f.Label),
			AvatarClass: avatarClass(f.Label), Jobs: plural(f.Count, "open job")})
	}
	return out
}

// webSite is schema.org WebSite with a SearchAction, what search engines
// read to offer a search box for the site under its result.
type webSite struct {
	Context         string       `json:"@context"`
	Type            string       `json:"@type"`
	Name            string       `json:"name"`
	URL             string       `json:"url"`
	PotentialAction searchAction `json:"potentialAction"`
}

type searchAction struct {
	Type       string     `json:"@type"`
	Target     entryPoint `json:"target"`
	QueryInput string     `json:"query-input"`
}

type entryPoint struct {
	Type        string `json:"@type"`
	URLTemplate string `json:"urlTemplate"`
}

// webSiteLD points the search box at the job search, the site's main list.
func (h *Handler) webSiteLD(r *http.Request) webSite {
	return webSite{Context: "https://schema.org", Type: "WebSite", Name: h.cfg.SiteName, URL: h.abs(r, homePath),
		PotentialAction: searchAction{Type: "SearchAction",
			Target:     entryPoint{Type: "EntryPoint", URLTemplate: h.abs(r, jobsPath) + "?q={search_term_string}"},
			QueryInput: "required name=search_term_string"}}
}
