package projection_test

import (
	"fmt"
	"time"

	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/projection"
)

func ExampleJob() {
	tenant := domain.Tenant{ID: 1, Slug: "acme", Name: "Acme", Status: domain.TenantActive}
	job := domain.JobPosting{
		ID: 42, Title: "Go  engineer", Status: "open", PublishedOnCareerPage: true,
		Description: `<p onclick="steal()">Join <a href="https://acme.example">us</a></p>`,
		SalaryMin:   new(90000.0), ShowSalary: false, InternalNotes: "do not hire Bob",
		CreatedAt: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC),
	}
	row, reason := projection.Job(projection.JobInput{Tenant: tenant, Job: job})
	fmt.Printf("%q %q %v\n%s\n", reason, row.Title, row.SalaryMin, row.DescriptionHTML)

	job.Status = "closed"
	_, reason = projection.Job(projection.JobInput{Tenant: tenant, Job: job})
	fmt.Println(reason, "-", reason.Text())
	// Output:
	// "" "Go engineer" <nil>
	// <p>Join <a href="https://acme.example" rel="nofollow noopener noreferrer">us</a></p>
	// not_open - status is not open
}
