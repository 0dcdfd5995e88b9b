package web

import (
	"github.com/zumodra/zumodra/internal/money"
	"html/template"
	"net/http"
	"strconv"

	"github.com/zumodra/zumodra/internal/catalog"
	"github.com/zumodra/zumodra/internal/kind"
)

type providerDetailCard struct {
	providerCard
	MinBudget    string
	ResponseRate string
	ResponseTime string
}

type skillRow struct {
	Name  string
	Level string
	Years string
}

type providerView struct {
	Provider  providerDetailCard
	BioHTML   template.HTML // sanitised by the projection
	SkillRows []skillRow
	Form      formView
	Counts    string // views and inquiries, "" when none
}

var skillLevelLabels = map[string]string{"beginner": "Beginner", "intermediate": "Intermediate", "advanced": "Advanced", "expert": "Expert"}

func inquireAction(p catalog.ProviderSummary) string { return providerLink(p) + "inquire#inquire" }

// providerDetail serves /browse-freelancers/{id}/ with the inquiry form.
func (h *Handler) providerDetail(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	p, err := h.catalog.Provider(r.Context(), id)
	if err != nil {
		h.failRow(w, r, kind.Providers, id, err, nil)
		return
	}
	if canonicalize(w, r, ref(p.ID, slugOf("", p.DisplayName)), providerLink(p.ProviderSummary)) {
		return
	}
	f := newForm(inquireAction(p.ProviderSummary))
	f.Currency = p.Currency
	h.renderProvider(w, r, http.StatusOK, p, f)
}

func (h *Handler) renderProvider(w http.ResponseWriter, r *http.Request, status int, p catalog.Provider, f formView) {
	view := providerView{Provider: providerDetailOf(p), BioHTML: template.HTML(p.BioHTML), SkillRows: skillRows(p.Skills), Form: f,
		Counts: h.countsLine(r, kind.Providers, p.ID, "inquiry", "inquiries")}
	desc := p.Tagline
	if desc == "" {
		desc = p.DisplayName + ", " + label(typeLabels, p.ProviderType) + " on " + h.cfg.SiteName + "."
	}
	pg := page{
		Title:       p.DisplayName + " · " + h.cfg.SiteName,
		Description: clip(desc, 160), Canonical: h.abs(r, providerLink(p.ProviderSummary)), Section: "freelancers",
		OGType: "profile", OGImage: h.absImage(r, safeImage(p.AvatarURL)), Data: view,
	}
	h.render(w, r, status, "provider", pg)
}

func providerDetailOf(p catalog.Provider) providerDetailCard {
	c := providerDetailCard{providerCard: providerCardOf(p.ProviderSummary)}
	c.Location = place(p.City, p.State, p.Country)
	if p.MinimumBudget != nil {
		c.MinBudget = money.Format(*p.MinimumBudget, p.Currency)
	}
	if p.ResponseRate > 0 {
		c.ResponseRate = strconv.Itoa(p.ResponseRate) + "%"
	}
	if p.AvgResponseTimeHours != nil {
		c.ResponseTime = responseTime(*p.AvgResponseTimeHours)
	}
	return c
}

func responseTime(hours float64) string {
	if hours < 1 {
		return "under an hour"
	}
	if hours < 48 {
		return "about " + plural(int(hours+0.5), "hour")
	}
	return "about " + plural(int(hours/24+0.5), "day")
}

func skillRows(skills []catalog.Skill) []skillRow {
	out := make([]skillRow, 0, len(skills))
	for _, s := range skills {
		row := skillRow{Name: s.Name, Level: label(skillLevelLabels, s.Level)}
		if s.Years > 0 {
			row.Years = plural(s.Years, "year")
		}
		out = append(out, row)
	}
	return out
}
