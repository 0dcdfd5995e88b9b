package web

import (
	"net/http"

	"github.com/zumodra/zumodra/internal/catalog"
	"github.com/zumodra/zumodra/internal/domain"
)

// Bounds of the job page's company sections.
const (
	moreJobsAtCompany = 4
	similarJobs       = 4
	aboutCompanyRunes = 300
)

// jobCompanyView is what a job page shows around the job: its company
// ("About the company", "More jobs at ...") and similar jobs elsewhere.
type jobCompanyView struct {
	About   *companyTeaser // nil while the company has no public page
	More    []jobCard
	MoreURL string // the company's jobs on the careers page
	Similar []jobCard
}

type companyTeaser struct {
	Name, URL, Summary, Website, WebsiteHost string
	Facts                                    []fact
}

// jobCompany reads the job page's company sections in the page's snapshot.
// website is the company's own site, for the JobPosting's sameAs.
func (h *Handler) jobCompany(r *http.Request, j catalog.Job) (v jobCompanyView, website string, err error) {
	c, err := h.catalog.Company(r.Context(), j.CompanyID)
	switch {
	case err == nil:
		v.About = &companyTeaser{Name: c.Name, URL: companyPageURL(c.ID, c.Name), Website: c.Website,
			WebsiteHost: hostOf(c.Website), Facts: companyFacts(c)}
		if ps := paragraphs(c.Description); len(ps) > 0 {
			v.About.Summary = clip(ps[0], aboutCompanyRunes)
		}
		website = c.Website
	case domain.IsNotFound(err) || domain.ErrorCode(err) == domain.CodeGone:
		// Its company row is not synced yet: the job still shows.
	default:
		return v, "", err
	}
	if v.More, err = h.moreAtCompany(r, j); err != nil {
		return v, "", err
	}
	v.MoreURL = companyURL(j.CompanySlug)
	similar, err := h.catalog.SimilarJobs(r.Context(), j, similarJobs)
	for _, s := range similar {
		v.Similar = append(v.Similar, h.jobCard(s))
	}
	return v, website, err
}

// moreAtCompany is a few of the company's other open jobs, newest first.
func (h *Handler) moreAtCompany(r *http.Request, j catalog.Job) ([]jobCard, error) {
	res, err := h.catalog.SearchJobs(r.Context(), catalog.JobQuery{Company: j.CompanySlug, Sort: catalog.SortNewest, PageSize: moreJobsAtCompany + 1})
	var out []jobCard
	for _, o := range res.Jobs {
		if o.ID != j.ID && len(out) < moreJobsAtCompany {
			out = append(out, h.jobCard(o))
		}
	}
	return out, err
}
