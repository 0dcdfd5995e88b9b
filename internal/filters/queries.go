package filters

import (
	"github.com/zumodra/zumodra/internal/catalog"
	"github.com/zumodra/zumodra/internal/kind"
)

// JobParams are the parameters of a job list.
var JobParams = []string{"q", "category", "job_type", "experience_level", "remote", "country", "state",
	"city", "min_salary", "currency", "company", "near", "radius", "sort", "cursor", "page_size"}

// ProviderParams are the parameters of a provider list.
var ProviderParams = []string{"q", "category", "skill", "country", "state", "city", "company", "verified",
	"available", "remote", "min_rating", "max_rate", "near", "radius", "sort", "cursor", "page_size"}

// JobQuery reads a job list's filters.
func (p *Params) JobQuery() catalog.JobQuery {
	return catalog.JobQuery{
		Search: p.Str("q"), Category: p.Str("category"), JobTypes: p.List("job_type"),
		Levels: p.List("experience_level"), Remote: p.jobRemote(), Country: p.Str("country"),
		State: p.Str("state"), City: p.Str("city"), MinSalary: p.Number("min_salary"), Currency: p.Str("currency"), Company: p.Str("company"),
		Near: p.Str("near"), Radius: p.Number("radius"),
		Sort: p.sort(kind.Jobs), Cursor: p.Str("cursor"), PageSize: p.PageSize(),
	}
}

// ProviderQuery reads a provider list's filters.
func (p *Params) ProviderQuery() catalog.ProviderQuery {
	return catalog.ProviderQuery{
		Search: p.Str("q"), Category: p.Str("category"), Skill: p.Str("skill"), Country: p.Str("country"),
		State: p.Str("state"), City: p.Str("city"), Company: p.Str("company"), Verified: p.Flag("verified"),
		Available: p.Flag("available"), Remote: p.Flag("remote"), MinRating: p.Number("min_rating"),
		MaxRate: p.Number("max_rate"), Near: p.Str("near"), Radius: p.Number("radius"), Sort: p.sort(kind.Providers), Cursor: p.Str("cursor"), PageSize: p.PageSize(),
	}
}
