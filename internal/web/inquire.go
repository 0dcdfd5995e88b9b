package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/zumodra/zumodra/internal/catalog"
	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/intake"
	"github.com/zumodra/zumodra/internal/kind"
)

var inquiryFields = []string{"name", "email", "message", "budget"}

// inquire takes a project inquiry for a provider; intake writes it into
// the owning tenant's schema after checking the provider is still public.
func (h *Handler) inquire(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	done := providerURL(id, pathSlug(r)) + "sent/"
	if isBot(r) {
		h.log.InfoContext(r.Context(), "honeypot filled: inquiry dropped", "catalog_provider_id", id)
		http.Redirect(w, r, done, http.StatusSeeOther)
		return
	}
	// The budget is in the provider's currency, as the form says; the
	// catalog row tells which (and a row already gone is gone).
	p, err := h.catalog.Provider(r.Context(), id)
	if err != nil {
		h.submitFailed(w, r, kind.Providers, id, err, inquiryKept(r))
		return
	}
	q := intake.Inquiry{Name: field(r, "name"), Email: field(r, "email"), Message: field(r, "message"), Currency: p.Currency}
	if err := parseBudget(field(r, "budget"), &q); err != nil {
		h.reshowProvider(w, r, p, err)
		return
	}
	receipt, err := h.intake.SubmitInquiry(r.Context(), id, q)
	switch domain.ErrorCode(err) {
	case "":
		http.Redirect(w, r, done+mailedQuery(receipt), http.StatusSeeOther)
	case domain.CodeInvalid:
		h.reshowProvider(w, r, p, err)
	default:
		h.submitFailed(w, r, kind.Providers, id, err, inquiryKept(r))
	}
}

// inquiryKept is what the visitor typed into the inquiry form.
func inquiryKept(r *http.Request) []keptField {
	return kept(r, []string{"name", "email", "budget", "message"}, []string{"Name", "Email", "Budget", "Message"})
}

// parseBudget reads the optional budget field; intake checks its range.
func parseBudget(s string, q *intake.Inquiry) error {
	if s == "" {
		return nil
	}
	b, err := strconv.ParseFloat(strings.ReplaceAll(s, ",", ""), 64)
	if err != nil {
		return domain.FieldError("budget", "must be a number")
	}
	q.Budget = &b
	return nil
}

func (h *Handler) reshowProvider(w http.ResponseWriter, r *http.Request, p catalog.Provider, err error) {
	f := newForm(inquireAction(p.ProviderSummary))
	f.Currency = p.Currency
	refill(&f, r, inquiryFields...)
	fieldErrors(&f, err, inquiryFields...)
	h.renderProvider(w, r, http.StatusUnprocessableEntity, p, f)
}

// inquirySent is the page a successful inquiry redirects to.
func (h *Handler) inquirySent(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	m := message{Success: true, Heading: "Inquiry sent", Text: "Thank you. The provider has your message.",
		Links: []link{{URL: providersPath, Label: "Browse more freelancers", Primary: true}}}
	if p, err := h.catalog.Provider(r.Context(), id); err == nil {
		m.Text = "Thank you. " + p.DisplayName + " has your message."
		m.Links = append(m.Links, link{URL: providerLink(p.ProviderSummary), Label: "Back to " + p.DisplayName})
	}
	m.Text += mailedPromise(r)
	w.Header().Set("Cache-Control", "no-store")
	h.render(w, r, http.StatusOK, "message", page{Title: "Inquiry sent · " + h.cfg.SiteName,
		Description: m.Text, NoIndex: true, Section: "freelancers", Data: m})
}
