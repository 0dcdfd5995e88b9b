package seedgen

// Vocabulary of the generated text. Job titles are built as
// [seniority] [specialty] role, descriptions from sentences mixing these.
var (
	seniorities = []string{"", "", "Junior", "Senior", "Senior", "Lead", "Staff", "Principal", "Head of"}
	specialties = []string{"", "", "Backend", "Frontend", "Full Stack", "Cloud", "Data", "Mobile", "Security",
		"Platform", "Embedded", "Machine Learning", "Payments", "Growth", "Enterprise", "Clinical"}
	roles = []struct{ title, category, categoryName string }{
		{"Software Engineer", "engineering", "Engineering"}, {"Go Developer", "engineering", "Engineering"},
		{"Python Developer", "engineering", "Engineering"}, {"Java Developer", "engineering", "Engineering"},
		{"DevOps Engineer", "engineering", "Engineering"}, {"Site Reliability Engineer", "engineering", "Engineering"},
		{"Data Scientist", "data", "Data & Analytics"}, {"Data Analyst", "data", "Data & Analytics"},
		{"Data Engineer", "data", "Data & Analytics"}, {"Product Manager", "product", "Product"},
		{"Product Designer", "design", "Design"}, {"UX Researcher", "design", "Design"},
		{"Graphic Designer", "design", "Design"}, {"Account Executive", "sales", "Sales"},
		{"Sales Manager", "sales", "Sales"}, {"Customer Success Manager", "support", "Customer Support"},
		{"Support Specialist", "support", "Customer Support"}, {"Marketing Manager", "marketing", "Marketing"},
		{"Content Writer", "marketing", "Marketing"}, {"SEO Specialist", "marketing", "Marketing"},
		{"Accountant", "finance", "Finance"}, {"Financial Analyst", "finance", "Finance"},
		{"Recruiter", "people", "People & HR"}, {"HR Business Partner", "people", "People & HR"},
		{"Registered Nurse", "healthcare", "Healthcare"}, {"Pharmacist", "healthcare", "Healthcare"},
		{"Mathematics Teacher", "education", "Education"}, {"Operations Manager", "operations", "Operations"},
		{"Logistics Coordinator", "operations", "Operations"}, {"Legal Counsel", "legal", "Legal"},
		{"Electrician", "trades", "Skilled Trades"}, {"Mechanical Engineer", "manufacturing", "Manufacturing"},
	}
	skills = []string{"Go", "Python", "Java", "TypeScript", "React", "PostgreSQL", "Kubernetes", "AWS",
		"Terraform", "Docker", "Kafka", "Redis", "GraphQL", "Rust", "Swift", "Kotlin", "Figma", "SQL",
		"Excel", "Salesforce", "HubSpot", "Tableau", "Spark", "Airflow", "Linux", "Networking",
		"Negotiation", "Copywriting", "SEO", "Accounting", "Payroll", "Patient care", "Teaching", "CAD"}
	places = []struct {
		country string
		cities  []string
	}{
		{"United States", []string{"New York", "San Francisco", "Austin", "Seattle", "Chicago", "Boston", "Denver"}},
		{"Germany", []string{"Berlin", "Munich", "Hamburg", "Cologne", "Frankfurt"}},
		{"United Kingdom", []string{"London", "Manchester", "Edinburgh", "Bristol"}},
		{"France", []string{"Paris", "Lyon", "Toulouse", "Nantes"}},
		{"Canada", []string{"Toronto", "Vancouver", "Montreal"}},
		{"Netherlands", []string{"Amsterdam", "Rotterdam", "Utrecht"}},
		{"Spain", []string{"Madrid", "Barcelona", "Valencia"}},
		{"India", []string{"Bangalore", "Pune", "Hyderabad", "Delhi"}},
		{"Brazil", []string{"São Paulo", "Rio de Janeiro", "Curitiba"}},
		{"Australia", []string{"Sydney", "Melbourne", "Brisbane"}},
		{"Japan", []string{"Tokyo", "Osaka"}}, {"Sweden", []string{"Stockholm", "Gothenburg"}},
		{"Poland", []string{"Warsaw", "Kraków", "Wrocław"}}, {"Ireland", []string{"Dublin", "Cork"}},
		{"Portugal", []string{"Lisbon", "Porto"}}, {"Switzerland", []string{"Zürich", "Geneva"}},
		{"Singapore", []string{"Singapore"}}, {"Mexico", []string{"Mexico City", "Guadalajara"}},
		{"Nigeria", []string{"Lagos", "Abuja"}}, {"Kenya", []string{"Nairobi"}},
		{"South Africa", []string{"Cape Town", "Johannesburg"}}, {"Italy", []string{"Milan", "Rome", "Turin"}},
	}
	companyWords = []string{"Acme", "Globex", "Initech", "Umbrella", "Stark", "Wayne", "Hooli", "Vandelay",
		"Soylent", "Tyrell", "Cyberdyne", "Aperture", "Wonka", "Gringotts", "Oscorp", "Nakatomi", "Monarch",
		"Pied Piper", "Dunder", "Massive", "Blue Sun", "Weyland", "Zorg", "Oceanic", "Virtucon", "Prestige"}
	companySuffixes = []string{"Labs", "Systems", "Health", "Logistics", "Capital", "Studio", "Works",
		"Analytics", "Energy", "Foods", "Robotics", "Media", "Partners", "Cloud", "Bank", "Retail"}
	firstNames = []string{"Ada", "Grace", "Alan", "Linus", "Margaret", "Ken", "Barbara", "Dennis", "Radia",
		"Tim", "Frances", "Edsger", "Hedy", "Guido", "Katherine", "Donald", "Sophie", "Yukihiro", "Anita",
		"Rob", "Annie", "Bjarne", "Karen", "Niklaus", "Joan", "Leslie", "Shafi", "Whitfield", "Mary", "John"}
	lastNames = []string{"Lovelace", "Hopper", "Turing", "Torvalds", "Hamilton", "Thompson", "Liskov", "Ritchie",
		"Perlman", "Berners-Lee", "Allen", "Dijkstra", "Lamarr", "van Rossum", "Johnson", "Knuth", "Wilson",
		"Matsumoto", "Borg", "Pike", "Easley", "Stroustrup", "Spärck Jones", "Wirth", "Clarke", "Lamport",
		"Goldwasser", "Diffie", "Keller", "McCarthy"}
	providerCategories = []struct{ slug, name string }{
		{"development", "Development"}, {"design", "Design"}, {"writing", "Writing & Translation"},
		{"marketing", "Digital Marketing"}, {"data", "Data & AI"}, {"finance", "Finance & Accounting"},
		{"legal", "Legal"}, {"admin", "Admin Support"}, {"video", "Video & Animation"},
		{"engineering", "Engineering & Architecture"}, {"consulting", "Business Consulting"},
	}
	sentences = []string{
		"We are looking for a %s to join our %s team and help us build products that customers love.",
		"You will work closely with engineers, designers and product managers across %s and %s.",
		"Our stack includes %s, %s and %s, and we care about simple, well-tested code.",
		"In this role you will own features end to end, from discovery and design to launch and iteration.",
		"You have several years of experience with %s and enjoy mentoring colleagues.",
		"We offer flexible hours, a learning budget, and a friendly team that values clear writing.",
		"Experience with %s is a plus, as is an interest in %s.",
		"You will improve reliability, observability and performance of systems serving millions of requests.",
		"Our customers range from small businesses to global enterprises in %s and beyond.",
		"We believe in remote-friendly collaboration, thoughtful code review and sustainable pace.",
		"The team ships weekly, measures impact, and learns from every incident without blame.",
		"You communicate clearly, take ownership, and like turning ambiguous problems into plans.",
	}
)
