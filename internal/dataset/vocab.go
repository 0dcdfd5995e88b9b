package dataset

import (
	"slices"

	"github.com/zumodra/zumodra/internal/domain"
)

// Vocabulary of the generated tenant data: job titles are built as
// [seniority] [specialty] role, descriptions from sentences mixing these.
var (
	seniorities = []string{"", "", "Junior", "Senior", "Senior", "Lead", "Staff", "Principal"}
	specialties = []string{"", "", "Backend", "Frontend", "Full Stack", "Cloud", "Data", "Mobile",
		"Security", "Platform", "Embedded", "Machine Learning", "Payments", "Growth", "Clinical"}
	roles = []string{"Software Engineer", "Go Developer", "Python Developer", "Java Developer",
		"DevOps Engineer", "Site Reliability Engineer", "Data Scientist", "Data Analyst", "Product Manager",
		"Product Designer", "UX Researcher", "Account Executive", "Sales Manager", "Support Specialist",
		"Marketing Manager", "Content Writer", "Accountant", "Financial Analyst", "Recruiter",
		"Registered Nurse", "Pharmacist", "Mathematics Teacher", "Operations Manager", "Legal Counsel",
		"Electrician", "Mechanical Engineer"}
	jobCategoryNames = []string{"Engineering", "Data & Analytics", "Product", "Design", "Sales",
		"Customer Support", "Marketing", "Finance", "People & HR", "Healthcare", "Operations", "Legal"}
	providerCategoryNames = []string{"Development", "Design", "Writing & Translation", "Digital Marketing",
		"Data & AI", "Finance & Accounting", "Legal", "Admin Support", "Video & Animation", "Consulting"}
	skills = []string{"Go", "Python", "Java", "TypeScript", "React", "PostgreSQL", "Kubernetes", "AWS",
		"Terraform", "Docker", "Kafka", "Redis", "GraphQL", "Rust", "Swift", "Kotlin", "Figma", "SQL",
		"Excel", "Salesforce", "Tableau", "Spark", "Airflow", "Linux", "Negotiation", "Copywriting", "SEO",
		"Accounting", "Payroll", "Patient care", "Teaching", "CAD"}
	places = []struct {
		country  string
		cities   []string
		lat, lon float64
	}{
		{"United States", []string{"New York", "San Francisco", "Austin", "Seattle", "Chicago"}, 39.8, -98.6},
		{"Germany", []string{"Berlin", "Munich", "Hamburg", "Cologne"}, 51.2, 10.4},
		{"United Kingdom", []string{"London", "Manchester", "Edinburgh"}, 54.0, -2.0},
		{"France", []string{"Paris", "Lyon", "Toulouse"}, 46.6, 2.2},
		{"Canada", []string{"Toronto", "Vancouver", "Montreal"}, 56.1, -106.3},
		{"Netherlands", []string{"Amsterdam", "Rotterdam", "Utrecht"}, 52.1, 5.3},
		{"Spain", []string{"Madrid", "Barcelona", "Valencia"}, 40.4, -3.7},
		{"India", []string{"Bangalore", "Pune", "Hyderabad"}, 20.6, 79.0},
		{"Brazil", []string{"São Paulo", "Rio de Janeiro", "Curitiba"}, -14.2, -51.9},
		{"Australia", []string{"Sydney", "Melbourne", "Brisbane"}, -25.3, 133.8},
		{"Japan", []string{"Tokyo", "Osaka"}, 36.2, 138.3},
		{"Poland", []string{"Warsaw", "Kraków", "Wrocław"}, 51.9, 19.1},
		{"Kenya", []string{"Nairobi", "Mombasa"}, -0.02, 37.9},
	}
	companyWords    = []string{"Acme", "Globex", "Initech", "Umbrella", "Stark", "Hooli", "Vandelay", "Tyrell", "Aperture", "Wonka", "Monarch", "Oceanic"}
	companySuffixes = []string{"Labs", "Systems", "Health", "Logistics", "Capital", "Studio", "Works", "Analytics", "Robotics", "Media"}
	firstNames      = []string{"Ada", "Grace", "Alan", "Linus", "Margaret", "Ken", "Barbara", "Dennis", "Radia", "Frances", "Edsger", "Hedy", "Katherine", "Donald", "Sophie", "Anita", "Joan", "Leslie"}
	lastNames       = []string{"Lovelace", "Hopper", "Turing", "Torvalds", "Hamilton", "Thompson", "Liskov", "Ritchie", "Perlman", "Allen", "Dijkstra", "Lamarr", "Johnson", "Knuth", "Wilson", "Borg", "Easley", "Lamport"}
	sentences       = []string{
		"We are looking for a <strong>%s</strong> to join our %s team and help us build products that customers love.",
		"You will work closely with engineers, designers and product managers across %s and %s.",
		"Our stack includes %s, %s and %s, and we care about <em>simple, well-tested</em> code.",
		"In this role you will own features end to end, from discovery and design to launch and iteration.",
		"You have several years of experience with %s and enjoy mentoring colleagues.",
		"We offer flexible hours, a learning budget, and a friendly team that values clear writing.",
		"Experience with %s is a plus, as is an interest in %s.",
		"You will improve reliability, observability and performance of systems serving millions of requests.",
		"Read more on <a href=\"https://example.com/about\" title=\"About us\">our about page</a>.",
		"The team ships weekly, measures impact, and learns from every incident without blame.",
	}
	// hostile is mixed into a few descriptions so the sanitiser has work to do.
	hostile = []string{
		`<script>alert("x")</script>`, `<div onclick="steal()">Click here</div>`,
		`<img src=x onerror="alert(1)">`, `<a href="javascript:alert(1)">apply</a>`,
	}
)

// Words are the generated data's vocabulary, for load generators that must
// search for what the data holds.
type Words struct {
	Roles, Specialties, Skills, Companies, Countries, Cities, JobCategories []string
}

// Vocabulary returns copies of the words the generated jobs are made of.
func Vocabulary() Words {
	w := Words{Roles: slices.Clone(roles), Skills: slices.Clone(skills), Companies: slices.Clone(companyWords)}
	for _, s := range specialties {
		if s != "" {
			w.Specialties = append(w.Specialties, s)
		}
	}
	for _, p := range places {
		w.Countries = append(w.Countries, p.country)
		w.Cities = append(w.Cities, p.cities...)
	}
	for _, c := range jobCategoryNames {
		w.JobCategories = append(w.JobCategories, domain.Slugify(c))
	}
	return w
}
