package web

import (
	"net/http"
	"strings"

	"github.com/zumodra/zumodra/internal/catalog"
	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/kind"
)

// maxSuggestions bounds each list of suggestions on a 410 page.
const maxSuggestions = 5

// keptField is one value a visitor typed into a form that could not be
// delivered, shown back so that nothing typed is lost.
type keptField struct {
	Name  string
	Label string
	Value string
}

// suggestions is a titled list of rows still public, on a 410 page.
type suggestions struct {
	Heading string
	Items   []suggestion
}

type suggestion struct {
	URL   string
	Title string
	Meta  string
}

// kept reads the named posted fields (with their labels) that hold text.
func kept(r *http.Request, names, labels []string) []keptField {
	var out []keptField
	for i, n := range names {
		if v := strings.ToValidUTF8(strings.TrimSpace(r.PostForm.Get(n)), "\uFFFD"); v != "" {
			out = append(out, keptField{Name: n, Label: labels[i], Value: v})
		}
	}
	return out
}

// failRow answers a detail read of catalog c's id that failed: a row that
// was public once gets its 410 page, anything else the page for err.
func (h *Handler) failRow(w http.ResponseWriter, r *http.Request, c kind.Catalog, id int64, err error, typed []keptField) {
	if domain.ErrorCode(err) == domain.CodeGone {
		h.renderGone(w, r, c, id, typed)
		return
	}
	h.fail(w, r, err)
}

// renderGone writes the 410 page of id: what went, what its company still
// lists, similar rows, and the visitor's typed text when a form was
// refused. An id never public is a 404 unless a form was posted to it: a
// listing unknown by the time its form arrives was on the page the
// visitor just read, so it is gone for them.
func (h *Handler) renderGone(w http.ResponseWriter, r *http.Request, c kind.Catalog, id int64, typed []keptField) {
	g, err := h.catalog.GoneRow(r.Context(), c, id)
	if err != nil && (r.Method != http.MethodPost || !domain.IsNotFound(err)) {
		h.fail(w, r, err)
		return
	}
	txt := errorTexts[http.StatusGone]
	m := message{Code: "410", Heading: txt[0], Text: txt[1], Links: homeLinks, Kept: typed}
	if g.Title != "" {
		m.Text = "“" + g.Title + "”" + at(g.CompanyName) + " is no longer listed: it was closed or removed."
	}
	if r.Method == http.MethodPost {
		m.Notice = "It went before your message arrived, so nothing was sent."
		if len(typed) > 0 {
			m.Notice += " What you typed is below, so that you can copy it."
		}
	}
	if c == kind.Jobs {
		m.Groups = h.jobSuggestions(r, g)
	} else {
		m.Groups = h.providerSuggestions(r, g)
	}
	w.Header().Set("Cache-Control", "no-store")
	h.render(w, r, http.StatusGone, "message", page{Title: txt[0] + " · " + h.cfg.SiteName, Description: m.Text,
		NoIndex: true, Section: sectionOf(c), Data: m})
}

func at(company string) string {
	if company == "" {
		return ""
	}
	return " at " + company
}

func sectionOf(c kind.Catalog) string {
	if c == kind.Jobs {
		return "careers"
	}
	return "freelancers"
}

// jobSuggestions are the company's other open jobs and similar ones (same
// category, else the newest). A failed read only leaves a list out: the
// page is about what went.
func (h *Handler) jobSuggestions(r *http.Request, g catalog.Gone) []suggestions {
	var out []suggestions
	seen := map[int64]bool{g.ID: true}
	pick := func(heading string, q catalog.JobQuery) {
		q.PageSize = maxSuggestions + 1
		res, err := h.catalog.SearchJobs(r.Context(), q)
		if err != nil {
			return
		}
		s := suggestions{Heading: heading}
		for _, j := range res.Jobs {
			if !seen[j.ID] && len(s.Items) < maxSuggestions {
				seen[j.ID] = true
				s.Items = append(s.Items, suggestion{URL: jobLink(j), Title: j.Title,
					Meta: strings.Join(nonEmpty(j.CompanyName, place(j.City, j.Country)), " · ")})
			}
		}
		if len(s.Items) > 0 {
			out = append(out, s)
		}
	}
	if g.CompanySlug != "" {
		pick("More jobs at "+g.CompanyName, catalog.JobQuery{Company: g.CompanySlug})
	}
	if g.Category != "" {
		pick("Similar jobs", catalog.JobQuery{Category: g.Category})
	} else {
		pick("Newest jobs", catalog.JobQuery{})
	}
	return out
}

// providerSuggestions are the agency's other freelancers and similar ones.
func (h *Handler) providerSuggestions(r *http.Request, g catalog.Gone) []suggestions {
	var out []suggestions
	seen := map[int64]bool{g.ID: true}
	pick := func(heading string, q catalog.ProviderQuery) {
		q.PageSize = maxSuggestions + 1
		res, err := h.catalog.SearchProviders(r.Context(), q)
		if err != nil {
			return
		}
		s := suggestions{Heading: heading}
		for _, p := range res.Providers {
			if !seen[p.ID] && len(s.Items) < maxSuggestions {
				seen[p.ID] = true
				s.Items = append(s.Items, suggestion{URL: providerLink(p), Title: p.DisplayName,
					Meta: strings.Join(nonEmpty(p.Tagline, place(p.City, p.Country)), " · ")})
			}
		}
		if len(s.Items) > 0 {
			out = append(out, s)
		}
	}
	if g.CompanySlug != "" {
		pick("More freelancers at "+g.CompanyName, catalog.ProviderQuery{Company: g.CompanySlug})
	}
	pick("Similar freelancers", catalog.ProviderQuery{Category: g.Category})
	return out
}

func nonEmpty(ss ...string) []string {
	out := ss[:0:0]
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}
