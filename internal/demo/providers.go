package demo

// providerSpec is one demo service provider; Rate and Budget are in the
// place's currency unless Currency says otherwise.
type providerSpec struct {
	Name, Type, Tagline, Bio string
	Place, Currency          string
	Category                 string
	Skills                   []skillSpec
	Rate, Budget             float64
	Rating                   float64
	Reviews, Jobs            int
	ResponseRate             int
	ResponseHours            float64
	Availability             string
	Verified, Featured       bool
	OnSite                   bool
	Hidden                   string
}

type skillSpec struct {
	Name, Level string
	Years       int
}

func skills(names ...string) []skillSpec {
	levels := []string{"expert", "advanced", "intermediate"}
	out := make([]skillSpec, len(names))
	for i, n := range names {
		out[i] = skillSpec{Name: n, Level: levels[i%len(levels)], Years: 8 - 2*(i%3)}
	}
	return out
}

var demoCompanyProviders = []providerSpec{
	{Name: "Amara Okafor", Type: "individual", Tagline: "Full-stack developer for SaaS MVPs", Place: "lagos", Category: "Web Development",
		Skills: skills("React", "Node.js", "PostgreSQL"), Rate: 55, Rating: 4.9, Reviews: 87, Jobs: 112, ResponseRate: 98, ResponseHours: 2,
		Availability: "available", Verified: true, Featured: true,
		Bio: "I take products from a sketch to paying customers: data model, API, interface and deployment, with tests from day one."},
	{Name: "Lukas Becker", Type: "individual", Tagline: "Kubernetes and cloud cost consultant", Place: "berlin", Category: "DevOps & Cloud",
		Skills: skills("Kubernetes", "Terraform", "AWS"), Rate: 95, Rating: 4.8, Reviews: 41, Jobs: 53, ResponseRate: 95, ResponseHours: 4,
		Availability: "available", Verified: true, OnSite: true,
		Bio: "Ten years of running production clusters. I make deployments boring and cloud bills smaller."},
	{Name: "Pixel & Pine Studio", Type: "agency", Tagline: "Brand identity and product design studio", Place: "amsterdam", Category: "Design",
		Skills: skills("Branding", "Figma", "Illustration"), Rate: 110, Budget: 5000, Rating: 4.7, Reviews: 63, Jobs: 71, ResponseRate: 90, ResponseHours: 8,
		Availability: "available", Verified: true, OnSite: true,
		Bio: "A studio of six designers. We build brands and the product interfaces that carry them."},
	{Name: "Sofía Martínez", Type: "individual", Tagline: "Bilingual content strategist (EN/ES)", Place: "mexico", Currency: "USD", Category: "Writing & Translation",
		Skills: skills("Copywriting", "SEO", "Spanish"), Rate: 40, Rating: 4.6, Reviews: 29, Jobs: 35, ResponseRate: 88, ResponseHours: 6,
		Availability: "busy",
		Bio:          "I write content that ranks and reads well, in English and Spanish, for software and health companies."},
	{Name: "Hiroshi Tanaka", Type: "individual", Tagline: "iOS and Swift engineer", Place: "tokyo", Category: "Mobile Development",
		Skills: skills("Swift", "SwiftUI", "Core Data"), Rate: 9000, Rating: 5.0, Reviews: 18, Jobs: 21, ResponseRate: 100, ResponseHours: 3,
		Availability: "available", OnSite: true,
		Bio: "Native iOS apps with clean architecture and smooth animations. Formerly at a large messaging company."},
	{Name: "Priya Raman", Type: "individual", Tagline: "Data scientist: forecasting and experimentation", Place: "bangalore", Currency: "USD", Category: "Data & Analytics",
		Skills: skills("Python", "Statistics", "SQL"), Rate: 45, Rating: 4.9, Reviews: 52, Jobs: 60, ResponseRate: 97, ResponseHours: 5,
		Availability: "available", Verified: true,
		Bio: "I help teams decide with data: demand forecasts, A/B tests done right, and dashboards people trust."},
	{Name: "Northwind Analytics", Type: "company", Tagline: "BI dashboards and data pipelines", Place: "toronto", Category: "Data & Analytics",
		Skills: skills("dbt", "Looker", "Airflow"), Rate: 120, Budget: 8000, Rating: 4.5, Reviews: 22, Jobs: 24, ResponseRate: 85, ResponseHours: 12,
		Availability: "available",
		Bio:          "A small analytics engineering firm. We build the warehouse, the models and the dashboards, then train your team."},
	{Name: "Chloé Dubois", Type: "individual", Tagline: "Accessibility auditor (WCAG 2.2)", Place: "paris", Category: "Design",
		Skills: skills("Accessibility", "WCAG", "Screen readers"), Rate: 70, Rating: 4.8, Reviews: 34, Jobs: 39, ResponseRate: 93, ResponseHours: 6,
		Availability: "busy", Featured: true,
		Bio: "Audits, fixes and training so that everyone can use your product, including the 15% of people with a disability."},

	{Name: "Marcus Lee", Type: "individual", Tagline: "Video editor", Place: "sf", Category: "Design",
		Skills: skills("Premiere Pro"), Rate: 80, Rating: 4.2, Reviews: 5, Availability: "available", Hidden: hiddenMarketplace,
		Bio: "Works for Demo Company only; not listed on the marketplace."},
	{Name: "Elena Petrova", Type: "individual", Tagline: "QA automation engineer", Place: "prague", Category: "Web Development",
		Skills: skills("Cypress", "Playwright"), Rate: 50, Rating: 4.7, Reviews: 19, Availability: "available", Hidden: hiddenUserGone,
		Bio: "Her user account was deactivated: the profile must not be public."},
}

var freelancerHubProviders = []providerSpec{
	{Name: "Kwame Mensah", Type: "individual", Tagline: "Laravel and Vue developer", Place: "accra", Category: "Web Development",
		Skills: skills("PHP", "Laravel", "Vue.js"), Rate: 35, Rating: 4.7, Reviews: 58, Jobs: 66, ResponseRate: 96, ResponseHours: 3,
		Availability: "available", Verified: true,
		Bio: "Business web apps and admin panels, delivered in small weekly increments you can try."},
	{Name: "Isabela Costa", Type: "individual", Tagline: "UI designer for marketplaces and fintech", Place: "saopaulo", Currency: "USD", Category: "Design",
		Skills: skills("UI design", "Figma", "Webflow"), Rate: 38, Rating: 4.9, Reviews: 73, Jobs: 80, ResponseRate: 99, ResponseHours: 2,
		Availability: "available", Verified: true, Featured: true,
		Bio: "Interfaces that convert: onboarding flows, checkout, dashboards. Design systems included."},
	{Name: "Oliver Bennett", Type: "individual", Tagline: "Technical writer for developer tools", Place: "london", Category: "Writing & Translation",
		Skills: skills("Technical writing", "API documentation", "Markdown"), Rate: 60, Rating: 4.8, Reviews: 40, Jobs: 44, ResponseRate: 92, ResponseHours: 6,
		Availability: "available",
		Bio:          "Docs developers actually read: quick starts, references and tutorials, tested against the real API."},
	{Name: "Mei Lin", Type: "individual", Tagline: "Flutter developer, iOS and Android", Place: "singapore", Category: "Mobile Development",
		Skills: skills("Flutter", "Dart", "Firebase"), Rate: 70, Rating: 4.6, Reviews: 25, Jobs: 28, ResponseRate: 90, ResponseHours: 5,
		Availability: "busy",
		Bio:          "One codebase, two stores. I have shipped 14 apps, from food delivery to banking."},
	{Name: "Ahmed Hassan", Type: "individual", Tagline: "Power BI and Excel automation", Place: "cairo", Category: "Data & Analytics",
		Skills: skills("Power BI", "Excel", "SQL"), Rate: 30, Rating: 4.5, Reviews: 31, Jobs: 37, ResponseRate: 94, ResponseHours: 4,
		Availability: "available",
		Bio:          "I turn spreadsheets that take a day into reports that refresh themselves."},
	{Name: "Julia Novak", Type: "individual", Tagline: "Motion designer and animator", Place: "prague", Category: "Video & Animation",
		Skills: skills("After Effects", "Motion design", "Premiere Pro"), Rate: 50, Rating: 4.9, Reviews: 47, Jobs: 52, ResponseRate: 97, ResponseHours: 3,
		Availability: "available", Verified: true,
		Bio: "Explainer videos, product animations and social clips with a clear story."},
	{Name: "Rahul Mehta", Type: "individual", Tagline: "AWS and CI/CD engineer", Place: "bangalore", Currency: "USD", Category: "DevOps & Cloud",
		Skills: skills("AWS", "Docker", "CI/CD"), Rate: 40, Rating: 4.4, Reviews: 19, Jobs: 23, ResponseRate: 89, ResponseHours: 8,
		Availability: "available",
		Bio:          "Pipelines that deploy on every merge and infrastructure written as code."},
	{Name: "Emma Johansson", Type: "individual", Tagline: "Performance marketer: Google and Meta ads", Place: "stockholm", Category: "Marketing",
		Skills: skills("Google Ads", "Conversion optimisation", "Analytics"), Rate: 850, Rating: 4.8, Reviews: 36, Jobs: 41, ResponseRate: 95, ResponseHours: 5,
		Availability: "unavailable",
		Bio:          "I spend your ad budget as if it were mine, and report every krona."},
	{Name: "Carlos Rivera", Type: "individual", Tagline: "Python and Django backend developer", Place: "mexico", Currency: "USD", Category: "Web Development",
		Skills: skills("Python", "Django", "REST APIs"), Rate: 45, Rating: 4.7, Reviews: 44, Jobs: 49, ResponseRate: 93, ResponseHours: 4,
		Availability: "available", Verified: true,
		Bio: "APIs and back offices for startups, with tests, docs and a clean handover."},
	{Name: "Grace Wanjiru", Type: "individual", Tagline: "Customer support lead, English and Swahili", Place: "nairobi", Category: "Customer Support",
		Skills: skills("Customer support", "Zendesk", "Swahili"), Rate: 18, Rating: 4.9, Reviews: 88, Jobs: 95, ResponseRate: 100, ResponseHours: 1,
		Availability: "available", Verified: true, Featured: true,
		Bio: "I set up and run support desks that answer within the hour, with macros and a knowledge base."},
	{Name: "Byte Forge Collective", Type: "agency", Tagline: "Next.js product team for hire", Place: "austin", Category: "Web Development",
		Skills: skills("Next.js", "TypeScript", "GraphQL"), Rate: 140, Budget: 15000, Rating: 4.6, Reviews: 27, Jobs: 30, ResponseRate: 91, ResponseHours: 6,
		Availability: "available", OnSite: true,
		Bio: "Five engineers and a designer. We build and run web products end to end."},
	{Name: "Nora Fischer", Type: "individual", Tagline: "German and English translator, software localisation", Place: "vienna", Category: "Writing & Translation",
		Skills: skills("German", "English", "Localization"), Rate: 65, Rating: 5.0, Reviews: 12, Jobs: 14, ResponseRate: 98, ResponseHours: 3,
		Availability: "available",
		Bio:          "Localisation of apps, sites and help centres, with glossaries your team can reuse."},

	{Name: "Tom Walsh", Type: "individual", Tagline: "WordPress developer", Place: "dublin", Category: "Web Development",
		Skills: skills("WordPress"), Rate: 45, Rating: 4.1, Reviews: 9, Availability: "on_leave", Hidden: hiddenInactive,
		Bio: "Profile deactivated by the agency."},
	{Name: "Yuki Sato", Type: "individual", Tagline: "Illustrator", Place: "tokyo", Category: "Design",
		Skills: skills("Illustration"), Rate: 7000, Rating: 4.9, Reviews: 15, Availability: "available", Hidden: hiddenMarketplace,
		Bio: "Has not opted in to the marketplace."},
	{Name: "Daniel Kim", Type: "individual", Tagline: "Data engineer", Place: "sydney", Category: "Data & Analytics",
		Skills: skills("Spark", "Scala"), Rate: 110, Rating: 4.6, Reviews: 11, Availability: "available", Hidden: hiddenUserGone,
		Bio: "User account deactivated."},
}
