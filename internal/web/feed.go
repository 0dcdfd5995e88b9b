package web

import (
	"encoding/xml"
	"net/http"
	"time"

	"github.com/zumodra/zumodra/internal/catalog"
	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/viewcache"
)

// feedEntries is how many of the newest jobs the Atom feed carries.
const feedEntries = 50

type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	ID      string      `xml:"id"`
	Title   string      `xml:"title"`
	Updated string      `xml:"updated"`
	Links   []atomLink  `xml:"link"`
	Entries []atomEntry `xml:"entry"`
}

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
}

type atomEntry struct {
	ID        string     `xml:"id"`
	Title     string     `xml:"title"`
	Link      atomLink   `xml:"link"`
	Published string     `xml:"published"`
	Updated   string     `xml:"updated"`
	Author    atomAuthor `xml:"author"`
	Category  *atomCat   `xml:"category,omitempty"`
	Summary   string     `xml:"summary"`
}

type atomAuthor struct {
	Name string `xml:"name"`
	URI  string `xml:"uri,omitempty"`
}

type atomCat struct {
	Term  string `xml:"term,attr"`
	Label string `xml:"label,attr,omitempty"`
}

// feed serves /careers/feed.xml: the newest jobs as Atom. Text goes in as
// character data, which encoding/xml escapes.
func (h *Handler) feed(w http.ResponseWriter, r *http.Request) {
	jobs, err := h.catalog.NewestJobs(r.Context(), feedEntries)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	f := atomFeed{ID: h.abs(r, jobsPath), Title: "Newest jobs · " + h.cfg.SiteName,
		Links: []atomLink{{Href: h.abs(r, "/careers/feed.xml"), Rel: "self", Type: "application/atom+xml"},
			{Href: h.abs(r, jobsPath), Rel: "alternate", Type: "text/html"}}}
	updated := time.Time{}
	for _, j := range jobs {
		f.Entries = append(f.Entries, h.atomEntry(r, j))
		if j.UpdatedAt.After(updated) {
			updated = j.UpdatedAt
		}
	}
	if updated.IsZero() { // no jobs: the feed is as new as this answer
		updated = h.cfg.Now()
	}
	f.Updated = updated.UTC().Format(time.RFC3339)
	h.writeXML(w, r, "application/atom+xml", f)
}

func (h *Handler) atomEntry(r *http.Request, j catalog.JobSummary) atomEntry {
	e := atomEntry{
		ID: h.abs(r, jobLink(j)), Title: j.Title + " at " + j.CompanyName,
		Link:      atomLink{Href: h.abs(r, jobLink(j)), Rel: "alternate", Type: "text/html"},
		Published: j.PublishedAt.UTC().Format(time.RFC3339), Updated: j.UpdatedAt.UTC().Format(time.RFC3339),
		Author:  atomAuthor{Name: j.CompanyName, URI: h.abs(r, companyURL(j.CompanySlug))},
		Summary: feedSummary(j),
	}
	if j.CategorySlug != "" {
		e.Category = &atomCat{Term: j.CategorySlug, Label: j.CategoryName}
	}
	return e
}

// feedSummary is one plain line of facts, then the excerpt.
func feedSummary(j catalog.JobSummary) string {
	s := label(jobTypeLabels, j.JobType) + " · " + label(levelLabels, j.ExperienceLevel)
	if loc := place(j.City, j.Country); loc != "" {
		s += " · " + loc
	}
	if j.RemotePolicy != "on_site" {
		s += " · " + label(remoteLabels, j.RemotePolicy)
	}
	if j.SalaryText != "" {
		s += " · " + j.SalaryText
	}
	if j.Excerpt != "" {
		s += "\n\n" + j.Excerpt
	}
	return s
}

// writeXML encodes v after the XML declaration. Encoding to a buffer
// first keeps a failure from leaving half a document behind.
func (h *Handler) writeXML(w http.ResponseWriter, r *http.Request, ctype string, v any) {
	out, err := xml.MarshalIndent(v, "", "  ")
	if err != nil {
		h.fail(w, r, domain.Errorf(domain.CodeInternal, "encode xml: %v", err))
		return
	}
	w.Header().Set("Content-Type", ctype+"; charset=utf-8")
	w.Header().Set("Cache-Control", viewcache.CacheControl)
	_, _ = w.Write([]byte(xml.Header))
	_, _ = w.Write(out)
}
