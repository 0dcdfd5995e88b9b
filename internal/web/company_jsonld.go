package web

import (
	"net/http"
	"strconv"

	"github.com/zumodra/zumodra/internal/catalog"
)

// organizationPage is schema.org Organization, the JSON-LD of a company
// page. sameAs names the company's own website and social profiles, never
// a page of ours: that is what lets search engines tie the page to the
// company.
type organizationPage struct {
	Context      string         `json:"@context"`
	Type         string         `json:"@type"`
	Name         string         `json:"name"`
	URL          string         `json:"url"`
	Logo         string         `json:"logo,omitempty"`
	Description  string         `json:"description,omitempty"`
	SameAs       []string       `json:"sameAs,omitempty"`
	FoundingDate string         `json:"foundingDate,omitempty"`
	Address      *postalAddress `json:"address,omitempty"`
}

func (h *Handler) organizationLD(r *http.Request, c catalog.Company) organizationPage {
	ld := organizationPage{Context: "https://schema.org", Type: "Organization", Name: c.Name,
		URL: h.abs(r, companyPageURL(c.ID, c.Name)), Logo: h.absImage(r, safeImage(c.LogoURL)), Description: c.Description}
	if c.Website != "" {
		ld.SameAs = append(ld.SameAs, c.Website)
	}
	ld.SameAs = append(ld.SameAs, c.SocialLinks...)
	if c.FoundedYear != nil {
		ld.FoundingDate = strconv.Itoa(*c.FoundedYear)
	}
	if c.HQCity != "" || c.HQCountry != "" {
		ld.Address = &postalAddress{Type: "PostalAddress", Locality: c.HQCity, Country: c.HQCountry}
	}
	return ld
}
