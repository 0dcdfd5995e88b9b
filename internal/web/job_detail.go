package web

import (
	"html/template"
	"net/http"
	"time"
	"unicode"

	"github.com/zumodra/zumodra/internal/catalog"
	"github.com/zumodra/zumodra/internal/kind"
)

// jobDetailCard adds what only the detail page shows to a job card.
type jobDetailCard struct {
	jobCard
	Team        string
	Reference   string
	Positions   int
	Preferred   []string
	Deadline    string
	DeadlineISO string
	Address     string // street and postal code, when the tenant gives them
}

// htmlSection is one of the job's sanitised HTML fields under a heading.
type htmlSection struct {
	ID      string
	Heading string
	HTML    template.HTML
}

type jobView struct {
	Job      jobDetailCard
	Sections []htmlSection
	Form     formView
	Company  jobCompanyView
	Counts   string // views and applicants, "" when none
}

// jobDetail serves /careers/jobs/{id}-{slug}/ with the application form;
// another slug, or none, is redirected to the canonical address.
func (h *Handler) jobDetail(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	j, err := h.catalog.Job(r.Context(), id)
	if err != nil {
		h.failRow(w, r, kind.Jobs, id, err, nil)
		return
	}
	if canonicalize(w, r, ref(j.ID, slugOf(j.Slug, j.Title)), jobLink(j.JobSummary)) {
		return
	}
	h.renderJob(w, r, http.StatusOK, j, applyForm(j))
}

func (h *Handler) renderJob(w http.ResponseWriter, r *http.Request, status int, j catalog.Job, f formView) {
	view := jobView{Job: h.jobDetailCard(j), Sections: jobSections(j), Form: f,
		Counts: h.countsLine(r, kind.Jobs, j.ID, "applicant", "applicants")}
	company, website, err := h.jobCompany(r, j)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	view.Company = company
	p := page{
		Title:       pick(j.MetaTitle, j.Title+" at "+j.CompanyName) + " · " + h.cfg.SiteName,
		Description: pick(j.MetaDescription, clip(j.Excerpt, 160), j.Title+" at "+j.CompanyName+"."),
		Canonical:   h.abs(r, jobLink(j.JobSummary)), Section: "careers", OGType: "article",
		OGImage: h.absImage(r, safeImage(j.CompanyLogoURL)), JSONLD: h.jobPostingLD(r, j, website), Data: view,
	}
	h.render(w, r, status, "job", p)
}

func (h *Handler) jobDetailCard(j catalog.Job) jobDetailCard {
	c := jobDetailCard{jobCard: h.jobCard(j.JobSummary), Team: j.Team, Reference: j.ReferenceCode,
		Positions: j.PositionsCount, Preferred: j.PreferredSkills, Address: place(j.StreetAddress, j.PostalCode)}
	c.Skills, c.MoreSkills = j.RequiredSkills, 0
	c.PostedAgo = capitalize(c.PostedAgo) // it starts the fact: "Just now", "3 days ago"
	if j.ApplicationDeadline != nil {
		c.Deadline = j.ApplicationDeadline.UTC().Format("2 January 2006")
		c.DeadlineISO = j.ApplicationDeadline.UTC().Format(time.RFC3339)
	}
	if c.Location == "" && j.RemotePolicy == "remote" {
		c.Location = "Remote"
	}
	return c
}

// jobSections are the catalog's *_html fields, sanitised by the
// projection; this is the only place catalog text becomes template.HTML.
func jobSections(j catalog.Job) []htmlSection {
	all := []htmlSection{
		{"description", "About the job", template.HTML(j.DescriptionHTML)},
		{"responsibilities", "Responsibilities", template.HTML(j.ResponsibilitiesHTML)},
		{"requirements", "Requirements", template.HTML(j.RequirementsHTML)},
		{"nice-to-have", "Nice to have", template.HTML(j.NiceToHaveHTML)},
		{"benefits", "Benefits", template.HTML(j.BenefitsHTML)},
	}
	var out []htmlSection
	for _, s := range all {
		if s.HTML != "" {
			out = append(out, s)
		}
	}
	return out
}

// pick returns the first non-empty string.
func pick(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

// clip shortens s to at most n runes at a word boundary, with an ellipsis.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := n - 1
	for i := cut; i > n/2; i-- {
		if r[i] == ' ' {
			cut = i
			break
		}
	}
	return string(r[:cut]) + "…"
}

// capitalize upper-cases the first letter of s.
func capitalize(s string) string {
	r := []rune(s)
	if len(r) == 0 {
		return s
	}
	r[0] = unicode.ToUpper(r[0])
	return string(r)
}
