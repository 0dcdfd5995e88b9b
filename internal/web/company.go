package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/zumodra/zumodra/internal/catalog"
	"github.com/zumodra/zumodra/internal/domain"
)

// companiesPath is the prefix of the company pages,
// "/companies/7-acme-corp/"; the id is the company's public id (its
// tenant's), the slug comes from its name.
const companiesPath = "/companies/"

// Bounds of the lists on a company page; the full lists are the careers
// and freelancers pages filtered by the company.
const (
	companyJobs        = 20
	companyFreelancers = 12
)

// companyPageURL is the canonical path of a company's page.
func companyPageURL(id int64, name string) string { return companySlugURL(id, slugOf("", name)) }

func companySlugURL(id int64, slug string) string { return companiesPath + ref(id, slug) + "/" }

// companyPageView is what company.html shows; every string is plain text.
type companyPageView struct {
	Name, URL, LogoURL, Initials, AvatarClass string
	Company                                   string // the logo partial's alt text
	Paragraphs                                []string
	Website, WebsiteHost                      string
	Facts                                     []fact
	Social                                    []link
	Jobs                                      []jobCard
	Freelancers                               []providerCard
	JobsLabel, FreelancersLabel               string
	AllJobsURL, AllFreelancersURL             string
}

type fact struct{ Label, Value string }

// companyPage serves /companies/{id}-{slug}/: the profile, its open jobs
// and its freelancers. Another slug is redirected; a company that listed
// something once and lists nothing now answers 410, an id never a public
// company 404.
func (h *Handler) companyPage(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	c, err := h.catalog.Company(r.Context(), id)
	if domain.ErrorCode(err) == domain.CodeGone {
		h.renderCompanyGone(w, r)
		return
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if canonicalize(w, r, ref(c.ID, slugOf("", c.Name)), companyPageURL(c.ID, c.Name)) {
		return
	}
	view, err := h.companyPageView(r, c)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "company", page{
		Title:       c.Name + " · " + h.cfg.SiteName,
		Description: pick(clip(strings.ReplaceAll(c.Description, "\n\n", " "), 160), c.Name+" on "+h.cfg.SiteName+": "+view.JobsLabel+"."),
		Canonical:   h.abs(r, view.URL), Section: "careers", OGType: "profile",
		OGImage: h.absImage(r, view.LogoURL), JSONLD: h.organizationLD(r, c), Data: view,
	})
}

func (h *Handler) companyPageView(r *http.Request, c catalog.Company) (companyPageView, error) {
	v := companyPageView{Name: c.Name, Company: c.Name, URL: companyPageURL(c.ID, c.Name), LogoURL: safeImage(c.LogoURL),
		Initials: initials(c.Name), AvatarClass: avatarClass(c.Name), Paragraphs: paragraphs(c.Description),
		Website: c.Website, WebsiteHost: hostOf(c.Website), Facts: companyFacts(c), Social: socialLinks(c.SocialLinks),
		JobsLabel: plural(c.OpenJobs, "open job"), FreelancersLabel: plural(c.Freelancers, "freelancer"),
		AllJobsURL: companyURL(c.Slug), AllFreelancersURL: providersPath + "?company=" + url.QueryEscape(c.Slug)}
	jobs, err := h.catalog.SearchJobs(r.Context(), catalog.JobQuery{Company: c.Slug, PageSize: companyJobs})
	if err != nil {
		return v, err
	}
	for _, j := range jobs.Jobs {
		v.Jobs = append(v.Jobs, h.jobCard(j))
	}
	provs, err := h.catalog.SearchProviders(r.Context(), catalog.ProviderQuery{Company: c.Slug, PageSize: companyFreelancers})
	if err != nil {
		return v, err
	}
	for _, p := range provs.Providers {
		v.Freelancers = append(v.Freelancers, providerCardOf(p))
	}
	return v, nil
}

// companyFacts are the profile's short facts, those given.
func companyFacts(c catalog.Company) []fact {
	var out []fact
	add := func(label, value string) {
		if value != "" {
			out = append(out, fact{label, value})
		}
	}
	add("Industry", c.Industry)
	if c.Size != "" {
		add("Company size", c.Size+" employees")
	}
	if c.FoundedYear != nil {
		add("Founded", strconv.Itoa(*c.FoundedYear))
	}
	add("Headquarters", place(c.HQCity, c.HQCountry))
	return out
}

// paragraphs splits plain text at its blank lines (the projection leaves
// exactly one between paragraphs); the template escapes each.
func paragraphs(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n\n")
}

// socialLinks labels each link with its site's host, "github.com".
func socialLinks(links []string) []link {
	out := make([]link, 0, len(links))
	for _, l := range links {
		out = append(out, link{URL: l, Label: hostOf(l)})
	}
	return out
}

// hostOf is the host of an absolute URL without "www.", or the URL itself.
func hostOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return raw
	}
	return strings.TrimPrefix(u.Hostname(), "www.")
}

// renderCompanyGone is the 410 of a company that lists nothing any more.
func (h *Handler) renderCompanyGone(w http.ResponseWriter, r *http.Request) {
	txt := errorTexts[http.StatusGone]
	m := message{Code: "410", Heading: txt[0], Text: "This company no longer lists jobs or freelancers here.", Links: homeLinks}
	w.Header().Set("Cache-Control", "no-store")
	h.render(w, r, http.StatusGone, "message", page{Title: txt[0] + " · " + h.cfg.SiteName, Description: m.Text,
		NoIndex: true, Section: "careers", Data: m})
}
