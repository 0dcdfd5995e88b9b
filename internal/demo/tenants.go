package demo

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
}

// The original's two demo tenants.
var tenantSpecs = []tenantSpec{
	{
		Slug: "democompany", Name: "Demo Company", Domain: "democompany.example", RefPrefix: "DC",
		About:    "builds scheduling software used by 4,000 clinics in 30 countries.",
		Benefits: []string{"Four weeks of paid holiday plus public holidays", "Learning budget of 1,500 a year", "Health insurance for you and your family", "Flexible hours and a home-office allowance"},
		Jobs:     demoCompanyJobs, Providers: demoCompanyProviders,
	},
	{
		Slug: "freelancerhub", Name: "Freelancer Hub", Domain: "freelancerhub.example", RefPrefix: "FH", Offset: 17,
		About:    "connects 12,000 vetted freelancers with companies that need them.",
		Benefits: []string{"Fully remote, with a yearly team retreat", "Co-working membership", "Paid parental leave of 20 weeks"},
		Jobs:     freelancerHubJobs, Providers: freelancerHubProviders,
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
