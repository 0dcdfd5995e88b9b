package web

import (
	"github.com/zumodra/zumodra/internal/catalog"
	"net/http"
)

// jobsPage wraps the careers view with its title, description and
// canonical address. Filtered and searched views point search engines at
// the plain list (or the company's page) so they index one copy.
func (h *Handler) jobsPage(r *http.Request, q catalog.JobQuery, view jobsView, res catalog.JobPage) page {
	p := page{
		Title:       "Jobs · " + h.cfg.SiteName,
		Description: "Browse open positions from every company hiring on " + h.cfg.SiteName + ": search by title, skill, location and salary.",
		Canonical:   h.abs(r, jobsPath),
		Section:     "careers",
		PrevURL:     view.PrevURL,
		NextURL:     view.NextURL,
		Data:        view,
	}
	if view.Company != nil {
		p.Title = "Careers at " + view.Company.Company + " · " + h.cfg.SiteName
		p.Description = "Open positions at " + view.Company.Company + ". " + view.ResultLabel + " open on " + h.cfg.SiteName + "."
		p.Canonical = h.abs(r, companyURL(q.Company))
		if view.Company.LogoURL != "" {
			p.OGImage = h.absImage(r, view.Company.LogoURL)
		}
	}
	if q.Search != "" {
		p.Title = q.Search + " jobs · " + h.cfg.SiteName
		p.NoIndex = true
	}
	if res.Page > 1 {
		p.NoIndex = true
	}
	return p
}

// absImage makes a site-relative image absolute, as Open Graph requires.
func (h *Handler) absImage(r *http.Request, u string) string {
	if len(u) > 0 && u[0] == '/' {
		return h.abs(r, u)
	}
	return u
}
