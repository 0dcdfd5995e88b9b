package demo

import "github.com/zumodra/zumodra/internal/tenants"

// tenantSpec is one demo tenant and everything it owns.
type tenantSpec struct {
	Slug, Name string
	About      string // one sentence about the company, for job descriptions
	Domain     string // for private e-mail addresses, never public
	RefPrefix  string // job reference codes
	Offset     int    // hours added to every publication age, so tenants interleave
	Benefits   []string
	Jobs       []jobSpec
	Providers  []providerSpec
	Profile    tenants.UpdateParams // the company page's profile
}

func ptr[T any](v T) *T { return &v }

// The original's two demo tenants.
var tenantSpecs = []tenantSpec{
	{
		Slug: "democompany", Name: "Demo Company", Domain: "democompany.example", RefPrefix: "DC",
		About:    "builds scheduling software used by 4,000 clinics in 30 countries.",
		Benefits: []string{"Four weeks of paid holiday plus public holidays", "Learning budget of 1,500 a year", "Health insurance for you and your family", "Flexible hours and a home-office allowance"},
		Jobs:     demoCompanyJobs, Providers: demoCompanyProviders,
		Profile: tenants.UpdateParams{
			Description: ptr("Demo Company builds scheduling software used by 4,000 clinics in 30 countries: appointments, reminders and waiting lists that patients and staff actually like.\n\n" +
				"We are 140 people across San Francisco, London and Berlin, shipping small changes every day and talking to the clinics that use them every week."),
			Website: ptr("https://democompany.example"), Industry: ptr("Health care software"), Size: ptr("51-200"),
			FoundedYear: ptr(2014), HQCity: ptr("San Francisco"), HQCountry: ptr("United States"),
			SocialLinks: &[]string{"https://github.com/democompany", "https://www.linkedin.com/company/democompany"},
		},
	},
	{
		Slug: "freelancerhub", Name: "Freelancer Hub", Domain: "freelancerhub.example", RefPrefix: "FH", Offset: 17,
		About:    "connects 12,000 vetted freelancers with companies that need them.",
		Benefits: []string{"Fully remote, with a yearly team retreat", "Co-working membership", "Paid parental leave of 20 weeks"},
		Jobs:     freelancerHubJobs, Providers: freelancerHubProviders,
		Profile: tenants.UpdateParams{
			Description: ptr("Freelancer Hub connects 12,000 vetted freelancers with companies that need them, from a week of design work to a year-long engineering project.\n\n" +
				"Every freelancer is interviewed before their first project, and every project has a person to call when something goes wrong."),
			Website: ptr("https://freelancerhub.example"), Industry: ptr("Professional services"), Size: ptr("11-50"),
			FoundedYear: ptr(2019), HQCity: ptr("Lisbon"), HQCountry: ptr("Portugal"),
			SocialLinks: &[]string{"https://github.com/freelancerhub"},
		},
	},
}

// Slugs are the demo tenants' slugs, in creation order.
func Slugs() []string {
	out := make([]string, len(tenantSpecs))
	for i, t := range tenantSpecs {
		out[i] = t.Slug
	}
	return out
}
