package web

import (
	"github.com/zumodra/zumodra/internal/money"
	"net/http"
	"strings"
	"time"

	"github.com/zumodra/zumodra/internal/catalog"
)

// jobPosting is schema.org JobPosting with the properties Google for Jobs
// requires or recommends. It is rendered inside
// <script type="application/ld+json"> by html/template, whose JS context
// marshals it and escapes <, > and & so that no catalog text can close the
// script element.
type jobPosting struct {
	Context            string         `json:"@context"`
	Type               string         `json:"@type"`
	Title              string         `json:"title"`
	Description        string         `json:"description"`
	DatePosted         string         `json:"datePosted"`
	ValidThrough       string         `json:"validThrough,omitempty"`
	EmploymentType     string         `json:"employmentType"`
	HiringOrganization organization   `json:"hiringOrganization"`
	JobLocation        *ldPlace       `json:"jobLocation,omitempty"`
	JobLocationType    string         `json:"jobLocationType,omitempty"`
	ApplicantLocation  *area          `json:"applicantLocationRequirements,omitempty"`
	BaseSalary         *monetary      `json:"baseSalary,omitempty"`
	Identifier         *propertyValue `json:"identifier,omitempty"`
	DirectApply        bool           `json:"directApply"`
	Skills             string         `json:"skills,omitempty"`
	URL                string         `json:"url"`
}

// organization is the hiring company. sameAs is its own website, when
// it gives one; url is its page here.
type organization struct {
	Type   string `json:"@type"`
	Name   string `json:"name"`
	URL    string `json:"url,omitempty"`
	SameAs string `json:"sameAs,omitempty"`
	Logo   string `json:"logo,omitempty"`
}

type ldPlace struct {
	Type    string        `json:"@type"`
	Address postalAddress `json:"address"`
	Geo     *geo          `json:"geo,omitempty"`
}

// geo is schema.org's GeoCoordinates: the job's position, the tenant's or
// its city's from the gazetteer.
type geo struct {
	Type      string  `json:"@type"`
	Latitude  float64 `json:"latitude"`
	Longitude float64 `json:"longitude"`
}

type postalAddress struct {
	Type     string `json:"@type"`
	Street   string `json:"streetAddress,omitempty"`
	Postal   string `json:"postalCode,omitempty"`
	Locality string `json:"addressLocality,omitempty"`
	Region   string `json:"addressRegion,omitempty"`
	Country  string `json:"addressCountry,omitempty"`
}

// area is an AdministrativeArea, or its subtype Country.
type area struct {
	Type string `json:"@type"`
	Name string `json:"name"`
}

type monetary struct {
	Type     string            `json:"@type"`
	Currency string            `json:"currency"`
	Value    quantitativeValue `json:"value"`
}

type quantitativeValue struct {
	Type     string   `json:"@type"`
	MinValue *float64 `json:"minValue,omitempty"`
	MaxValue *float64 `json:"maxValue,omitempty"`
	UnitText string   `json:"unitText,omitempty"`
}

type propertyValue struct {
	Type  string `json:"@type"`
	Name  string `json:"name"`
	Value string `json:"value"`
}

// employmentTypes maps our job types to Google's vocabulary.
var employmentTypes = map[string]string{"full_time": "FULL_TIME", "part_time": "PART_TIME", "contract": "CONTRACTOR",
	"internship": "INTERN", "temporary": "TEMPORARY", "freelance": "CONTRACTOR"}

// salaryUnits maps salary periods to schema.org unitText.
var salaryUnits = map[string]string{"hourly": "HOUR", "daily": "DAY", "weekly": "WEEK", "monthly": "MONTH", "yearly": "YEAR"}

// jobPostingLD builds the JSON-LD of a job page. validThrough is given
// only when the job has a deadline: Google asks for it when a posting
// expires, and ours without a deadline stay open until unpublished.
func (h *Handler) jobPostingLD(r *http.Request, j catalog.Job, website string) jobPosting {
	ld := jobPosting{
		Context: "https://schema.org/", Type: "JobPosting", Title: j.Title,
		Description: jobDescription(j), DatePosted: j.PublishedAt.UTC().Format(time.RFC3339),
		EmploymentType: label(employmentTypes, j.JobType), DirectApply: true,
		Skills: strings.Join(j.RequiredSkills, ", "), URL: h.abs(r, jobLink(j.JobSummary)),
		HiringOrganization: organization{Type: "Organization", Name: j.CompanyName, SameAs: website,
			URL: h.abs(r, companyPageURL(j.CompanyID, j.CompanyName)), Logo: h.absImage(r, safeImage(j.CompanyLogoURL))},
	}
	if j.ApplicationDeadline != nil {
		ld.ValidThrough = j.ApplicationDeadline.UTC().Format(time.RFC3339)
	}
	if j.ReferenceCode != "" {
		ld.Identifier = &propertyValue{Type: "PropertyValue", Name: j.CompanyName, Value: j.ReferenceCode}
	}
	h.locateLD(&ld, j)
	if j.ShowSalary && (j.SalaryMin != nil || j.SalaryMax != nil) && j.SalaryCurrency != nil {
		cur := *j.SalaryCurrency
		ld.BaseSalary = &monetary{Type: "MonetaryAmount", Currency: cur, Value: quantitativeValue{
			Type: "QuantitativeValue", MinValue: roundedAmount(j.SalaryMin, cur), MaxValue: roundedAmount(j.SalaryMax, cur),
			UnitText: salaryUnits[deref(j.SalaryPeriod)]}}
	}
	return ld
}

// roundedAmount is an amount at its currency's CLDR decimals, the same
// figure the page shows (no cents on a yen salary).
func roundedAmount(v *float64, cur string) *float64 {
	if v == nil {
		return nil
	}
	return new(money.Round(*v, cur))
}

// locateLD sets where the job is, as Google for Jobs asks: TELECOMMUTE is
// for fully remote work only, and then applicantLocationRequirements says
// where applicants may live (the job's country, or anywhere when it names
// none); hybrid and on-site work is at a postal address.
func (h *Handler) locateLD(ld *jobPosting, j catalog.Job) {
	if j.RemotePolicy == "remote" {
		ld.JobLocationType = "TELECOMMUTE"
		ld.ApplicantLocation = &area{Type: "AdministrativeArea", Name: "Worldwide"}
		if j.Country != "" {
			ld.ApplicantLocation = &area{Type: "Country", Name: j.Country}
		}
		return
	}
	addr := postalAddress{Type: "PostalAddress", Street: j.StreetAddress, Postal: j.PostalCode,
		Locality: j.City, Region: j.State, Country: j.Country}
	if addr != (postalAddress{Type: "PostalAddress"}) {
		ld.JobLocation = &ldPlace{Type: "Place", Address: addr}
		if j.Latitude != nil && j.Longitude != nil {
			ld.JobLocation.Geo = &geo{Type: "GeoCoordinates", Latitude: *j.Latitude, Longitude: *j.Longitude}
		}
	}
}

// jobDescription is the sanitised HTML Google shows: the description and
// the other sections under headings.
func jobDescription(j catalog.Job) string {
	var b strings.Builder
	b.WriteString(j.DescriptionHTML)
	for _, s := range []struct{ head, html string }{
		{"Responsibilities", j.ResponsibilitiesHTML}, {"Requirements", j.RequirementsHTML},
		{"Nice to have", j.NiceToHaveHTML}, {"Benefits", j.BenefitsHTML},
	} {
		if s.html != "" {
			b.WriteString("<h3>" + s.head + "</h3>" + s.html)
		}
	}
	if b.Len() == 0 {
		return j.Title
	}
	return b.String()
}
