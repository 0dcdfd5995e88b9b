package web

import (
	"github.com/zumodra/zumodra/internal/money"
	"net/url"
	"strconv"
	"strings"

	"github.com/zumodra/zumodra/internal/catalog"
	"github.com/zumodra/zumodra/internal/filters"
)

// providerCard is one provider as the list shows it; all plain text.
type providerCard struct {
	ID           int64
	URL          string
	Name         string
	Tagline      string
	AvatarURL    string
	Initials     string
	AvatarClass  string
	Location     string
	Available    bool
	Availability string
	Verified     bool
	Featured     bool
	Remote       bool
	Onsite       bool
	Rating       string
	Reviews      string
	Completed    int
	Rate         string
	Skills       []string
	MoreSkills   int
	Categories   []string
	Company      string
	CompanyURL   string
	Type         string
	Distance     string // "12 km" from the centre of a nearby search
	Lat, Lon     string // the marker's position on the map; "" for none
}

// providerLink is the canonical path of a provider.
func providerLink(p catalog.ProviderSummary) string {
	return providerURL(p.ID, slugOf("", p.DisplayName))
}

func providerCardOf(p catalog.ProviderSummary) providerCard {
	c := providerCard{
		ID: p.ID, URL: providerLink(p), Name: p.DisplayName, Tagline: p.Tagline,
		AvatarURL: safeImage(p.AvatarURL), Initials: initials(p.DisplayName), AvatarClass: avatarClass(p.DisplayName),
		Location: place(p.City, p.Country), Available: p.Available(), Availability: label(availLabels, p.AvailabilityStatus),
		Verified: p.IsVerified, Featured: p.IsFeatured, Remote: p.CanWorkRemotely, Onsite: p.CanWorkOnsite,
		Reviews:   "(" + plural(p.TotalReviews, "review") + ")",
		Completed: p.CompletedJobs, Categories: p.CategoryNames, Company: p.CompanyName, Type: label(typeLabels, p.ProviderType),
		CompanyURL: companyPageURL(p.CompanyID, p.CompanyName),
	}
	if !c.Available && p.AvailabilityStatus == "available" {
		c.Availability = "Not taking projects"
	}
	if p.TotalReviews > 0 { // a 0.0 with no reviews would read as a bad rating
		c.Rating = strconv.FormatFloat(p.RatingAvg, 'f', 1, 64)
	}
	if p.HourlyRate != nil {
		c.Rate = money.Format(*p.HourlyRate, p.Currency) + "/hr"
	}
	c.Skills, c.MoreSkills = firstN(p.SkillNames, cardSkills)
	c.Distance, c.Lat, c.Lon = distanceText(p.Distance), coordinate(p.Latitude), coordinate(p.Longitude)
	return c
}

func (h *Handler) providersView(v url.Values, q catalog.ProviderQuery, res catalog.ProviderPage, f catalog.ProviderFacets) providersView {
	view := providersView{
		Query: v.Get("q"), MaxRate: v.Get("max_rate"), ResetURL: providersPath,
		Sorts:   sortOptions(nearSorts(providerSortOptions, res.Near), v.Get("sort"), res.Search != "" && res.Near == nil, listDefault(res.Near)),
		Ratings: ratingChoices(v.Get("min_rating")),
		Selects: []facetView{
			selectFacet("category", "Service", "All services", f.Categories, q.Category),
			selectFacet("skill", "Skill", "All skills", f.Skills, q.Skill),
			selectFacet("country", "Country", "All countries", f.Countries, q.Country),
		},
		Checks:      []facetView{providerFlags(q, f)},
		ResultLabel: resultLabel(res.Total, res.TotalExact, "freelancer") + nearLabel(res.Near),
	}
	view.City, view.State = v.Get("city"), v.Get("state")
	view.Near = nearControl(v, res.Near)
	if q.Company != "" {
		view.Selects = append(view.Selects, selectFacet("company", "Company", "All companies", f.Companies, q.Company))
	}
	placed := false
	view.Providers = make([]providerCard, 0, len(res.Providers))
	for _, p := range res.Providers {
		view.Providers = append(view.Providers, providerCardOf(p))
		placed = placed || p.Latitude != nil
	}
	view.Map = h.mapOf(res.Near, placed)
	view.Active = chipsFor(providersPath, v, providerFilterNames, func(name, val string) string {
		return providerChipLabel(name, val, f)
	})
	view.PrevURL, view.NextURL = pageLinks(providersPath, v, res.Prev, res.Next)
	view.PageLabel = pageLabel(res.Page, res.Pages(q.PageSize), res.TotalExact)
	if res.Corrected {
		view.ResultLabel += " for “" + res.Search + "”"
	}
	return view
}

// providerFlags are the yes/no filters, with how many providers each gives.
func providerFlags(q catalog.ProviderQuery, f catalog.ProviderFacets) facetView {
	return facetView{Label: "Show only", Flags: []flagOption{
		{Name: "verified", Label: "Verified", Count: flagCount(f.Verified), Selected: q.Verified},
		{Name: "available", Label: "Available now", Count: flagCount(f.Available), Selected: q.Available},
		{Name: "remote", Label: "Works remotely", Count: flagCount(f.Remote), Selected: q.Remote},
	}}
}

func ratingChoices(current string) []option {
	out := make([]option, len(ratingOptions))
	copy(out, ratingOptions)
	for i := range out {
		out[i].Selected = out[i].Value == current
	}
	return out
}

func providerChipLabel(name, val string, f catalog.ProviderFacets) string {
	switch name {
	case "category":
		return facetLabel(f.Categories, val)
	case "company":
		return facetLabel(f.Companies, val)
	case "verified", "available", "remote":
		if on, _ := filters.ParseFlag(val); !on {
			return ""
		}
		return map[string]string{"verified": "Verified", "available": "Available now", "remote": "Works remotely"}[name]
	case "near":
		return nearChip(val)
	case "min_rating":
		return "Rated " + strings.TrimSuffix(val, ".0") + "+"
	case "max_rate":
		n, _ := strconv.ParseFloat(val, 64)
		return "Up to " + money.Format(n, "") + "/hr"
	}
	return val
}

// flagCount is the count of a yes/no facet's one value, "true".
func flagCount(vals []catalog.FacetValue) int {
	for _, v := range vals {
		if v.Value == "true" {
			return v.Count
		}
	}
	return 0
}
