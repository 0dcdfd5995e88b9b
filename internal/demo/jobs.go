package demo

// jobSpec is one demo job posting. Hidden says why it must not be public
// ("" for a public one); salaries are in the place's currency.
type jobSpec struct {
	Title, Category, Team string
	Type, Level, Remote   string
	Place                 string
	SalaryMin, SalaryMax  float64
	Period                string
	ShowSalary            bool
	Required, Preferred   []string
	Duties                []string
	Featured              bool
	Positions             int
	DeadlineDays          int // 0: no deadline
	Hidden                string
}

// Reasons a demo row is kept out of the catalog.
const (
	hiddenDraft       = "draft"         // status draft, not published
	hiddenInternal    = "internal"      // published but internal-only
	hiddenClosed      = "closed"        // published but closed
	hiddenOnHold      = "on_hold"       // published but on hold
	hiddenFilled      = "filled"        // published but filled
	hiddenUnpublished = "unpublished"   // open but not on the career page
	hiddenMarketplace = "marketplace"   // provider not listed on the marketplace
	hiddenInactive    = "inactive"      // provider profile deactivated
	hiddenUserGone    = "user_inactive" // provider's user account deactivated
)

var demoCompanyJobs = []jobSpec{
	{Title: "Senior Backend Engineer (Go)", Category: "Engineering", Team: "Platform", Type: "full_time", Level: "senior", Remote: "hybrid",
		Place: "berlin", SalaryMin: 75000, SalaryMax: 95000, Period: "yearly", ShowSalary: true, Featured: true,
		Required: []string{"Go", "PostgreSQL", "Kubernetes"}, Preferred: []string{"gRPC", "Terraform"},
		Duties: []string{"Design and run the services behind our scheduling API", "Own PostgreSQL schemas and query performance", "Mentor two mid-level engineers"}},
	{Title: "Frontend Engineer", Category: "Engineering", Team: "Web", Type: "full_time", Level: "mid", Remote: "remote",
		Place: "lisbon", SalaryMin: 50000, SalaryMax: 65000, Period: "yearly",
		Required: []string{"TypeScript", "React", "CSS"}, Preferred: []string{"Accessibility", "Playwright"},
		Duties: []string{"Build the booking flow patients use every day", "Keep pages fast on slow phones", "Write tests that catch regressions before users do"}},
	{Title: "Staff Site Reliability Engineer", Category: "Engineering", Team: "Infrastructure", Type: "full_time", Level: "lead", Remote: "remote",
		Place: "toronto", SalaryMin: 165000, SalaryMax: 195000, Period: "yearly", ShowSalary: true,
		Required: []string{"Linux", "Kubernetes", "Prometheus"}, Preferred: []string{"Go", "PostgreSQL"},
		Duties: []string{"Set and defend our service level objectives", "Lead incident reviews without blame", "Cut our cloud bill without cutting corners"}},
	{Title: "iOS Engineer", Category: "Engineering", Team: "Mobile", Type: "full_time", Level: "mid", Remote: "on_site",
		Place: "london", SalaryMin: 70000, SalaryMax: 85000, Period: "yearly", ShowSalary: true,
		Required: []string{"Swift", "SwiftUI"}, Preferred: []string{"Combine", "Core Data"},
		Duties: []string{"Ship the clinician app every two weeks", "Work offline-first with our sync engine", "Pair with designers on every screen"}},
	{Title: "Product Designer", Category: "Design", Team: "Product", Type: "full_time", Level: "senior", Remote: "hybrid",
		Place: "amsterdam", SalaryMin: 70000, SalaryMax: 85000, Period: "yearly",
		Required: []string{"Figma", "Design systems", "User research"}, Preferred: []string{"Prototyping"},
		Duties: []string{"Own the design of scheduling and reminders", "Test ideas with clinics before we build them", "Grow our design system"}},
	{Title: "UX Researcher", Category: "Design", Team: "Product", Type: "contract", Level: "mid", Remote: "remote",
		Place: "nyc", SalaryMin: 65, SalaryMax: 85, Period: "hourly", ShowSalary: true, DeadlineDays: 30,
		Required: []string{"Usability testing", "Interviewing", "Survey design"},
		Duties:   []string{"Run a six-month study of front-desk workflows", "Turn findings into decisions the team can act on"}},
	{Title: "Data Analyst", Category: "Data", Team: "Insights", Type: "full_time", Level: "junior", Remote: "on_site",
		Place: "bangalore", SalaryMin: 900000, SalaryMax: 1400000, Period: "yearly", ShowSalary: true, Positions: 2,
		Required: []string{"SQL", "Python", "Tableau"},
		Duties:   []string{"Answer product questions with data", "Build the dashboards our customers see", "Check that metrics mean what we think they mean"}},
	{Title: "Machine Learning Engineer", Category: "Data", Team: "Insights", Type: "full_time", Level: "senior", Remote: "hybrid",
		Place: "sf", SalaryMin: 185000, SalaryMax: 230000, Period: "yearly", ShowSalary: true, Featured: true,
		Required: []string{"Python", "PyTorch", "MLOps"}, Preferred: []string{"Forecasting"},
		Duties: []string{"Predict no-shows so clinics can fill the gaps", "Take models from notebook to production", "Monitor drift and fairness"}},
	{Title: "Growth Marketing Manager", Category: "Marketing", Team: "Growth", Type: "full_time", Level: "mid", Remote: "hybrid",
		Place: "austin", SalaryMin: 95000, SalaryMax: 120000, Period: "yearly",
		Required: []string{"SEO", "Google Analytics", "Copywriting"}, Preferred: []string{"HubSpot"},
		Duties: []string{"Own self-serve sign-ups from first visit to first booking", "Run experiments every week", "Report what worked and what did not"}},
	{Title: "Content Writer (Spanish)", Category: "Marketing", Team: "Growth", Type: "part_time", Level: "entry", Remote: "remote",
		Place: "mexico", SalaryMin: 25000, SalaryMax: 32000, Period: "monthly", ShowSalary: true,
		Required: []string{"Spanish", "Copywriting", "SEO"},
		Duties:   []string{"Write guides for clinics in Latin America", "Localise product pages and emails"}},
	{Title: "Account Executive, EMEA", Category: "Sales", Team: "Sales", Type: "full_time", Level: "mid", Remote: "hybrid",
		Place: "dublin", SalaryMin: 60000, SalaryMax: 75000, Period: "yearly", ShowSalary: true,
		Required: []string{"Salesforce", "Negotiation"}, Preferred: []string{"French", "German"},
		Duties: []string{"Close deals with clinic groups across Europe", "Forecast honestly"}},
	{Title: "Sales Development Representative", Category: "Sales", Team: "Sales", Type: "full_time", Level: "entry", Remote: "on_site",
		Place: "saopaulo", SalaryMin: 6000, SalaryMax: 8500, Period: "monthly", ShowSalary: true, Positions: 3,
		Required: []string{"Portuguese", "Prospecting"}, Preferred: []string{"HubSpot"},
		Duties: []string{"Open conversations with clinics in Brazil", "Book qualified meetings for account executives"}},
	{Title: "Customer Success Manager", Category: "Customer Success", Team: "Customer Success", Type: "full_time", Level: "mid", Remote: "remote",
		Place: "sydney", SalaryMin: 95000, SalaryMax: 115000, Period: "yearly",
		Required: []string{"Onboarding", "Zendesk"}, Preferred: []string{"Healthcare"},
		Duties: []string{"Onboard new clinic groups in APAC", "Turn feedback into product requests"}},
	{Title: "Technical Support Engineer", Category: "Customer Success", Team: "Support", Type: "full_time", Level: "junior", Remote: "on_site",
		Place: "singapore", SalaryMin: 4500, SalaryMax: 6000, Period: "monthly", ShowSalary: true,
		Required: []string{"Linux", "SQL", "Troubleshooting"},
		Duties:   []string{"Solve the hard tickets", "Write the runbooks that make them easy next time"}},
	{Title: "Data Engineering Intern", Category: "Data", Team: "Insights", Type: "internship", Level: "entry", Remote: "hybrid",
		Place: "paris", SalaryMin: 1400, SalaryMax: 1600, Period: "monthly", ShowSalary: true, DeadlineDays: 45,
		Required: []string{"Python", "SQL"}, Preferred: []string{"Airflow"},
		Duties: []string{"Build a pipeline from our event stream to the warehouse", "Present your work to the company at the end"}},

	{Title: "Head of Engineering", Category: "Engineering", Team: "Leadership", Type: "full_time", Level: "executive", Remote: "hybrid",
		Place: "berlin", SalaryMin: 150000, SalaryMax: 180000, Period: "yearly", ShowSalary: true, Hidden: hiddenInternal,
		Required: []string{"Leadership"}, Duties: []string{"Internal candidates only until the board approves"}},
	{Title: "Office Manager", Category: "Operations", Team: "Operations", Type: "full_time", Level: "mid", Remote: "on_site",
		Place: "london", Hidden: hiddenDraft, Duties: []string{"Draft: waiting for the office lease"}},
	{Title: "QA Engineer", Category: "Engineering", Team: "Web", Type: "contract", Level: "mid", Remote: "remote",
		Place: "prague", SalaryMin: 35, SalaryMax: 45, Period: "hourly", ShowSalary: true, Hidden: hiddenClosed,
		Required: []string{"Playwright"}, Duties: []string{"Closed: position filled internally"}},
	{Title: "DevOps Engineer", Category: "Engineering", Team: "Infrastructure", Type: "full_time", Level: "mid", Remote: "remote",
		Place: "toronto", Hidden: hiddenOnHold, Required: []string{"Terraform"}, Duties: []string{"On hold: budget review"}},
	{Title: "Payroll Specialist", Category: "Operations", Team: "Finance", Type: "part_time", Level: "mid", Remote: "on_site",
		Place: "dublin", Hidden: hiddenUnpublished, Duties: []string{"Open, but recruited through an agency, not the career page"}},
}

var freelancerHubJobs = []jobSpec{
	{Title: "Community Manager", Category: "Community", Team: "Community", Type: "full_time", Level: "mid", Remote: "remote",
		Place: "lisbon", SalaryMin: 38000, SalaryMax: 46000, Period: "yearly", ShowSalary: true,
		Required: []string{"Community building", "Discord", "Copywriting"},
		Duties:   []string{"Run events for 12,000 freelancers", "Turn member feedback into product changes"}},
	{Title: "Talent Partner", Category: "Talent", Team: "Talent", Type: "full_time", Level: "senior", Remote: "hybrid",
		Place: "london", SalaryMin: 55000, SalaryMax: 68000, Period: "yearly",
		Required: []string{"Technical recruiting", "Interviewing"},
		Duties:   []string{"Vet new freelancers for our network", "Match clients with the right people"}},
	{Title: "Project Coordinator", Category: "Operations", Team: "Delivery", Type: "contract", Level: "junior", Remote: "remote",
		Place: "nairobi", SalaryMin: 25, SalaryMax: 35, Period: "hourly", ShowSalary: true, DeadlineDays: 21,
		Required: []string{"Project management", "Jira"},
		Duties:   []string{"Keep client projects on time", "Write the weekly status every client reads"}},
	{Title: "Full-Stack Developer (Marketplace)", Category: "Engineering", Team: "Product", Type: "full_time", Level: "mid", Remote: "remote",
		Place: "toronto", SalaryMin: 100000, SalaryMax: 125000, Period: "yearly", ShowSalary: true, Featured: true,
		Required: []string{"TypeScript", "Node.js", "PostgreSQL"}, Preferred: []string{"Stripe"},
		Duties: []string{"Build matching and payments features", "Keep the marketplace fast and safe"}},
	{Title: "Quality Reviewer, Design Deliverables", Category: "Operations", Team: "Delivery", Type: "part_time", Level: "mid", Remote: "remote",
		Place: "barcelona", SalaryMin: 22, SalaryMax: 30, Period: "hourly", ShowSalary: true,
		Required: []string{"Figma", "Design review"},
		Duties:   []string{"Review deliverables before clients see them", "Coach freelancers on feedback"}},

	{Title: "Finance Lead", Category: "Operations", Team: "Finance", Type: "full_time", Level: "lead", Remote: "hybrid",
		Place: "london", Hidden: hiddenDraft, Duties: []string{"Draft"}},
	{Title: "Freelancer Onboarding Specialist", Category: "Talent", Team: "Talent", Type: "full_time", Level: "junior", Remote: "remote",
		Place: "accra", SalaryMin: 18000, SalaryMax: 24000, Period: "yearly", ShowSalary: true, Hidden: hiddenFilled,
		Duties: []string{"Filled in October"}},
	{Title: "Internal Tools Engineer", Category: "Engineering", Team: "Product", Type: "full_time", Level: "senior", Remote: "remote",
		Place: "berlin", Hidden: hiddenInternal, Required: []string{"Go"}, Duties: []string{"Internal transfer only"}},
}
