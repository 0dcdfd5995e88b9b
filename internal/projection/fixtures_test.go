package projection

import (
	"time"

	"github.com/zumodra/zumodra/internal/domain"
)

// Private values planted in every fixture: none may reach a row.
var privateValues = []string{
	"hm@secret.example", "INTERNAL-NOTE-7731", "apply@secret.example", "CUSTOM-Q-5521",
	"provider@secret.example", "+1-555-0199", "DE89370400440532013000", "acct_PAY_8842", "PRIVATE-NOTE-3390",
}

var (
	created   = time.Date(2026, 1, 2, 3, 4, 5, 123456789, time.UTC)
	published = time.Date(2026, 2, 3, 4, 5, 6, 0, time.FixedZone("CET", 3600))
	deadline  = time.Date(2026, 12, 31, 23, 59, 0, 0, time.UTC)
)

func activeTenant() domain.Tenant {
	return domain.Tenant{ID: 7, Slug: "acme", Name: "Acme Corp", LogoURL: "https://cdn.example/acme.png",
		SchemaName: "t_acme", Status: domain.TenantActive}
}

// publicJob is a job that passes every rule, with every field set.
func publicJob() JobInput {
	return JobInput{
		Tenant:   activeTenant(),
		Category: &domain.JobCategory{ID: 3, Name: "Engineering", Slug: "engineering"},
		Job: domain.JobPosting{
			ID: 42, CategoryID: new(int64(3)), Title: "Senior Go Engineer", Slug: "senior-go-engineer",
			ReferenceCode: "ENG-42", JobType: "full_time", ExperienceLevel: "senior", RemotePolicy: "hybrid",
			LocationCity: "Berlin", LocationState: "Berlin", LocationCountry: "Germany",
			Latitude: new(52.52), Longitude: new(13.405),
			Description: "<p>Build <b>things</b></p>", Responsibilities: "<ul><li>Ship</li></ul>",
			Requirements: "<p>Go</p>", NiceToHave: "<p>SQL</p>", Benefits: "<p>Cake</p>",
			SalaryMin: new(70000.0), SalaryMax: new(90000.5), SalaryCurrency: "EUR", SalaryPeriod: "yearly",
			ShowSalary: true, RequiredSkills: []string{"Go", "PostgreSQL"}, PreferredSkills: []string{"Kubernetes"},
			PositionsCount: 2, Team: "Platform", IsFeatured: true, ApplicationDeadline: new(deadline),
			Status: "open", PublishedOnCareerPage: true, PublishedAt: new(published),
			MetaTitle: "Go job", MetaDescription: "A Go job in Berlin",
			HiringManagerEmail: privateValues[0], InternalNotes: privateValues[1],
			ApplicationEmail: privateValues[2], CustomQuestions: []byte(`["` + privateValues[3] + `"]`),
			ApplicationQuestions: []byte(`[{"id":"stack","label":" Your stack? ","type":"multiple_choice","required":true,"options":["Go","SQL"]},
				{"type":"yes_no","id":"move","label":"Relocate \"now\"?"}]`),
			CreatedAt: created, UpdatedAt: created, Version: 5,
		},
	}
}

// publicProvider is a provider that passes every rule, with every field set.
func publicProvider() ProviderInput {
	return ProviderInput{
		Tenant: activeTenant(),
		Provider: domain.ServiceProvider{
			ID: 9, DisplayName: "Jane Doe", ProviderType: "individual", Bio: "<p>I <em>build</em></p>",
			Tagline: "Go and SQL", AvatarURL: "https://cdn.example/a.png", CoverImageURL: "http://cdn.example/c.png",
			City: "Lyon", State: "ARA", Country: "France", Latitude: new(45.76), Longitude: new(4.83),
			HourlyRate: new(95.5), MinimumBudget: new(1000.0), Currency: "EUR", RatingAvg: 4.75,
			TotalReviews: 12, CompletedJobsCount: 30, ResponseRate: 98, AvgResponseTimeHours: new(2.5),
			AvailabilityStatus: "busy", IsVerified: true, IsFeatured: true, IsAcceptingProjects: true,
			CanWorkRemotely: true, CanWorkOnsite: true, MarketplaceEnabled: true, IsActive: true,
			UserIsActive: true, PublishedAt: new(published),
			Email: privateValues[4], Phone: privateValues[5], BankAccount: privateValues[6],
			PaymentAccountID: privateValues[7], PrivateNotes: privateValues[8],
			CreatedAt: created, UpdatedAt: created, Version: 8,
		},
		Skills: []domain.ProviderSkill{
			{ID: 1, Name: "sql", Level: "advanced", YearsExperience: 4},
			{ID: 2, Name: "Go", Level: "expert", YearsExperience: 6},
		},
		Categories: []domain.ProviderCategory{
			{ID: 1, Name: "Web", Slug: "web"},
			{ID: 2, Name: "Backend", Slug: "backend"},
		},
	}
}
