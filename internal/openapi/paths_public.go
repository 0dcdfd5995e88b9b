package openapi

import (
	"github.com/zumodra/zumodra/internal/catalog"
	"github.com/zumodra/zumodra/internal/domain"
)

func strQ() obj { return obj{"type": "string"} }

func commonListParams() []obj {
	return []obj{
		query("q", "full-text search; misspelt words are corrected when few results match", strQ()),
		query("sort", "result order", obj{"type": "string"}),
		query("cursor", "next_cursor or prev_cursor of a previous page", strQ()),
		query("page_size", "results per page", obj{"type": "integer", "minimum": 1, "maximum": catalog.MaxPageSize, "default": catalog.DefaultPageSize}),
		query("facets", "also return facet counts", obj{"type": "boolean"}),
		query("country", "country name", strQ()), query("city", "city name", strQ()),
		query("company", "company (tenant) slug", strQ()), query("category", "category slug", strQ()),
	}
}

func csv(values []string) obj {
	return obj{"type": "string", "description": "one or more of " + join(values) + ", comma-separated or repeated"}
}

func publicOps() []op {
	jobParams := append(commonListParams(),
		query("job_type", "", csv(domain.JobTypes)), query("experience_level", "", csv(domain.ExperienceLevels)),
		query("remote", "", csv(domain.RemotePolicies)),
		query("min_salary", "jobs whose shown salary, as a yearly amount (hour x 2,080, day x 260, week x 52, month x 12), reaches this in the salary currency", obj{"type": "number", "minimum": 0}),
		query("currency", "ISO 4217 code: jobs showing a salary in it, and the currency of min_salary and sort=salary (default: the one most matching jobs pay in)", obj{"type": "string", "pattern": "^[A-Za-z]{3}$"}))
	jobParams[1]["schema"] = obj{"type": "string", "enum": catalog.JobSorts}
	provParams := append(commonListParams(),
		query("skill", "skill name", strQ()), query("verified", "verified providers only", obj{"type": "boolean"}),
		query("available", "available and accepting projects only", obj{"type": "boolean"}),
		query("remote", "can work remotely", obj{"type": "boolean"}),
		query("min_rating", "minimum average rating", obj{"type": "number", "minimum": 0, "maximum": 5}),
		query("max_rate", "maximum hourly rate", obj{"type": "number", "minimum": 0}))
	provParams[1]["schema"] = obj{"type": "string", "enum": catalog.ProviderSorts}
	get := func(path, id, summary, tag, schema string, params []obj, errs ...int) op {
		return op{method: "GET", path: path, id: id, summary: summary, tag: tag, params: params, ok: 200,
			okSchema: schema, okHeaders: []string{"ETag"}, errors: append([]int{304, 400}, append(errs, 429)...)}
	}
	ops := []op{
		get("/api/v1/careers/jobs", "listJobs", "Search and filter public jobs", "careers", "JobList", jobParams),
		get("/api/v1/careers/jobs/{id}", "getJob", "One public job", "careers", "JobEnvelope", nil, 404),
		get("/api/v1/careers/categories", "listJobCategories", "Job categories with their counts of public jobs", "careers", "CategoryList", nil),
		get("/api/v1/careers/locations", "listJobLocations", "Countries and cities with public jobs", "careers", "LocationList", nil),
		get("/api/v1/careers/stats", "getCareerStats", "Catalog totals", "careers", "StatsEnvelope", nil),
		get("/api/v1/providers", "listProviders", "Search and filter public service providers", "providers", "ProviderList", provParams),
		get("/api/v1/providers/{id}", "getProvider", "One public service provider", "providers", "ProviderEnvelope", nil, 404),
	}
	for _, o := range ops[:len(ops):len(ops)] {
		ops = append(ops, op{method: "OPTIONS", path: o.path, id: o.id + "Preflight", summary: "CORS preflight", tag: o.tag, ok: 204})
	}
	return append(ops,
		op{method: "POST", path: "/api/v1/careers/jobs/{id}/applications", id: "applyForJob", tag: "careers",
			summary:     "Apply for a public job",
			description: "Stored in the schema of the tenant that owns the job, after checking in the same transaction that the job is still public.",
			body:        "ApplicationSubmission", ok: 201, okSchema: "Receipt", errors: []int{400, 404, 410, 413, 422, 429},
			example: obj{"name": "Ada Lovelace", "email": "ada@example.com", "resume_url": "https://example.com/ada.pdf", "cover_letter": "Hello"}},
		op{method: "POST", path: "/api/v1/providers/{id}/inquiries", id: "sendInquiry", tag: "providers",
			summary: "Send a project inquiry to a public provider", body: "InquirySubmission", ok: 201, okSchema: "Receipt",
			errors:  []int{400, 404, 410, 413, 422, 429},
			example: obj{"name": "Bob", "email": "bob@example.org", "message": "We need a logo", "budget": 500, "currency": "EUR"}},
		op{method: "GET", path: "/api/openapi.json", id: "getOpenAPI", tag: "meta", summary: "This document", ok: 200},
	)
}

func join(vs []string) string {
	out := ""
	for i, v := range vs {
		if i > 0 {
			out += ", "
		}
		out += v
	}
	return out
}
