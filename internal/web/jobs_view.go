package web

import (
	"github.com/zumodra/zumodra/internal/money"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/zumodra/zumodra/internal/catalog"
	"github.com/zumodra/zumodra/internal/domain"
)

// jobCard is one job as the list shows it; every string is plain text.
type jobCard struct {
	ID          int64
	URL         string
	Title       string
	Company     string
	CompanyURL  string
	LogoURL     string
	Initials    string
	AvatarClass string
	Location    string
	JobType     string
	Level       string
	Remote      string
	Category    string
	Salary      string
	Skills      []string
	MoreSkills  int
	Featured    bool
	Posted      string // "Posted 3 days ago"
	PostedAgo   string // "3 days ago"
	PostedISO   string
	Distance    string // "12 km" from the centre of a nearby search
	Lat, Lon    string // the marker's position on the map; "" for none
}

const cardSkills = 6

// jobLink is the canonical path of a job.
func jobLink(j catalog.JobSummary) string { return jobURL(j.ID, slugOf(j.Slug, j.Title)) }

func companyURL(slug string) string { return jobsPath + "?company=" + url.QueryEscape(slug) }

func (h *Handler) jobCard(j catalog.JobSummary) jobCard {
	c := jobCard{
		ID: j.ID, URL: jobLink(j), Title: j.Title, Company: j.CompanyName,
		CompanyURL: companyPageURL(j.CompanyID, j.CompanyName), LogoURL: safeImage(j.CompanyLogoURL),
		Initials: initials(j.CompanyName), AvatarClass: avatarClass(j.CompanyName),
		Location: place(j.City, j.State, j.Country), JobType: label(jobTypeLabels, j.JobType),
		Level: label(levelLabels, j.ExperienceLevel), Category: j.CategoryName, Featured: j.IsFeatured,
		PostedAgo: ago(h.cfg.Now(), j.PublishedAt), PostedISO: j.PublishedAt.UTC().Format(time.RFC3339),
	}
	c.Posted = "Posted " + c.PostedAgo
	if j.RemotePolicy != "on_site" {
		c.Remote = label(remoteLabels, j.RemotePolicy)
	}
	c.Salary = j.SalaryText
	c.Distance, c.Lat, c.Lon = distanceText(j.Distance), coordinate(j.Latitude), coordinate(j.Longitude)
	c.Skills, c.MoreSkills = firstN(j.RequiredSkills, cardSkills)
	return c
}

func (h *Handler) jobsView(v url.Values, q catalog.JobQuery, res catalog.JobPage, f catalog.JobFacets) jobsView {
	view := jobsView{
		Query: v.Get("q"), MinSalary: v.Get("min_salary"), ResetURL: jobsPath,
		Sorts: sortOptions(nearSorts(jobSortOptions, res.Near), v.Get("sort"), res.Search != "" && res.Near == nil, listDefault(res.Near)),
		Selects: []facetView{
			selectFacet("category", "Category", "All categories", f.Categories, q.Category),
			selectFacet("country", "Country", "All countries", f.Countries, q.Country),
			selectFacet("company", "Company", "All companies", f.Companies, q.Company),
		},
		Checks: []facetView{
			checkFacet("job_type", "Job type", domain.JobTypes, jobTypeLabels, f.JobTypes, q.JobTypes),
			checkFacet("experience_level", "Experience", domain.ExperienceLevels, levelLabels, f.Levels, q.Levels),
			checkFacet("remote", "Workplace", domain.RemotePolicies, remoteLabels, f.Remote, q.Remote),
		},
		ResultLabel: resultLabel(res.Total, res.TotalExact, "job") + nearLabel(res.Near),
	}
	view.City, view.State = v.Get("city"), v.Get("state")
	view.Near = nearControl(v, res.Near)
	if q.Company != "" {
		view.ResetURL = companyURL(q.Company)
		view.Company = companyHead(q.Company, res, f)
	}
	placed := false
	view.Jobs = make([]jobCard, 0, len(res.Jobs)) // twenty cards: appending grew the slice five times
	for _, j := range res.Jobs {
		view.Jobs = append(view.Jobs, h.jobCard(j))
		placed = placed || j.Latitude != nil
	}
	view.Map = h.mapOf(res.Near, placed)
	view.Active = chipsFor(jobsPath, v, jobFilterNames, func(name, val string) string {
		return jobChipLabel(name, val, res.SalaryCurrency, f)
	})
	view.Currency = currencyFacet(f.Currencies, q.Currency)
	view.SalaryNote = salaryNote(q, res.SalaryCurrency)
	view.PrevURL, view.NextURL = pageLinks(jobsPath, v, res.Prev, res.Next)
	view.PageLabel = pageLabel(res.Page, res.Pages(q.PageSize), res.TotalExact)
	if res.Corrected {
		view.ResultLabel += " for “" + res.Search + "”"
	}
	return view
}

func companyHead(slug string, res catalog.JobPage, f catalog.JobFacets) *companyView {
	name := facetLabel(f.Companies, slug)
	logo := ""
	if len(res.Jobs) > 0 {
		name, logo = res.Jobs[0].CompanyName, res.Jobs[0].CompanyLogoURL
	} else if name == slug {
		return nil // no public job names this company: no header to show
	}
	return &companyView{Company: name, LogoURL: safeImage(logo), Initials: initials(name),
		AvatarClass: avatarClass(name), JobCount: res.Total}
}

func jobChipLabel(name, val, salaryCur string, f catalog.JobFacets) string {
	switch name {
	case "category":
		return facetLabel(f.Categories, val)
	case "company":
		return facetLabel(f.Companies, val)
	case "job_type":
		return label(jobTypeLabels, val)
	case "experience_level":
		return label(levelLabels, val)
	case "remote":
		return label(remoteLabels, val)
	case "min_salary":
		n, _ := strconv.ParseFloat(val, 64)
		return "Salary from " + money.Format(n, salaryCur) + " a year"
	case "currency":
		return "Salary in " + strings.ToUpper(val)
	case "near":
		return nearChip(val)
	}
	return val
}

func resultLabel(total int, exact bool, noun string) string {
	if !exact {
		return groupThousands(int64(total)) + "+ " + noun + "s"
	}
	return groupThousands(int64(total)) + " " + noun + pluralS(total)
}

func pluralS(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// pageLinks builds the previous and next links from the catalog's cursors.
func pageLinks(path string, v url.Values, prev, next string) (string, string) {
	var p, n string
	if prev != "" {
		p = withCursor(path, v, prev)
	}
	if next != "" {
		n = withCursor(path, v, next)
	}
	return p, n
}

func withCursor(path string, v url.Values, cursor string) string {
	c := cloneValues(v)
	c.Del("page")
	c.Set("cursor", cursor)
	return listURL(path, c)
}

func pageLabel(page, pages int, exact bool) string {
	if pages <= 1 && page <= 1 {
		return ""
	}
	if !exact {
		return "Page " + strconv.Itoa(page)
	}
	return "Page " + strconv.Itoa(page) + " of " + strconv.Itoa(pages)
}
