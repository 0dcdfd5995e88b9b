package openapi

import (
	"github.com/zumodra/zumodra/internal/catalog"
	"github.com/zumodra/zumodra/internal/domain"
)

// noNUL is the pattern of every free-text parameter: the catalog refuses
// NUL characters (\x00 reads the same in ECMA-262 and RE2).
const noNUL = "^[^\\x00]*$"

// text is a free-text parameter of at most max characters.
func text(max int) obj { return obj{"type": "string", "maxLength": max, "pattern": noNUL} }

func commonListParams() []obj {
	return []obj{
		query("q", "full-text search; misspelt words are corrected when few results match", text(catalog.MaxQueryLen)),
		query("sort", "result order: distance (nearest first) when near is given, else relevance when q is given, otherwise featured (featured first, then newest, as the original listed them); relevance without q and distance without near are featured too. The original site's names (-published_at, salary_high, -rating...) are refused with 400 naming the value to use", obj{"type": "string"}),
		cursorParam("next_cursor or prev_cursor of a previous page, for the same filters",
			obj{"type": "string", "maxLength": catalog.MaxCursorLen, "pattern": "^[A-Za-z0-9_-]*$"}),
		query("page_size", "results per page", obj{"type": "integer", "minimum": 1, "maximum": catalog.MaxPageSize, "default": catalog.DefaultPageSize}),
		query("facets", "also return facet counts", obj{"type": "boolean"}),
		query("country", "country name", text(catalog.MaxValueLen)),
		query("state", "state, province or region, as the rows spell it (CA, Ontario)", text(catalog.MaxValueLen)),
		query("city", "city name", text(catalog.MaxValueLen)),
		query("company", "company (tenant) slug", text(catalog.MaxValueLen)), query("category", "category slug", text(catalog.MaxValueLen)),
		serverChecked(query("near", "a place to search around: a city of 15,000 or more inhabitants from the offline GeoNames gazetteer "+
			"(\"Lyon\", \"Portland, Oregon\", \"London, Canada\") or latitude,longitude (\"45.76,4.84\"); "+
			"keeps rows with a position within radius, sorts nearest first unless sort says otherwise, and adds distance to each; "+
			"an unknown place is a 400 naming near", text(catalog.MaxValueLen)),
			"a place the gazetteer does not know, or coordinates out of range, is refused with 400"),
		serverChecked(query("radius", "kilometres around near (only with near)",
			obj{"type": "number", "minimum": 1, "maximum": catalog.MaxRadius, "default": catalog.DefaultRadius}),
			"without near there is nothing to measure from: refused with 400"),
	}
}

// cursorParam is a pagination token: a value this server did not issue
// is refused with 400 however well-formed, which x-opaque-token says.
func cursorParam(desc string, schema obj) obj {
	p := query("cursor", desc+"; a token not issued by this server is refused with 400", schema)
	p["x-opaque-token"] = true
	return p
}

// serverChecked marks a parameter whose valid values depend on the
// server's data or on another parameter, which no schema can state; rule
// says when it is refused.
func serverChecked(p obj, rule string) obj {
	p["x-server-check"] = rule
	return p
}

// oneOrMore is a filter taking any of values, comma-separated (a
// repeated parameter is accepted too, as an HTML form sends it).
func oneOrMore(name, desc string, values []string) obj {
	p := query(name, desc+"; any of the values, comma-separated (repeating the parameter works too)", obj{
		"type": "array", "maxItems": catalog.MaxListLen, "items": obj{"type": "string", "enum": values}})
	p["style"], p["explode"] = "form", false
	return p
}

func publicOps() []op {
	jobParams := append(commonListParams(),
		oneOrMore("job_type", "employment type", domain.JobTypes),
		oneOrMore("experience_level", "seniority", domain.ExperienceLevels),
		oneOrMore("remote", "remote policy", domain.RemotePolicies),
		query("min_salary", "jobs whose shown salary, as a yearly amount (hour x 2,080, day x 260, week x 52, month x 12), reaches this in the salary currency",
			obj{"type": "number", "minimum": 0, "maximum": catalog.MaxSalary}),
		query("currency", "ISO 4217 code: jobs showing a salary in it, and the currency of min_salary and sort=salary (default: the one most matching jobs pay in)", obj{"type": "string", "pattern": "^[A-Za-z]{3}$"}))
	jobParams[1]["schema"] = obj{"type": "string", "enum": catalog.JobSorts, "default": catalog.DefaultSort}
	provParams := append(commonListParams(),
		query("skill", "skill name", text(catalog.MaxValueLen)), query("verified", "verified providers only", obj{"type": "boolean"}),
		query("available", "available and accepting projects only", obj{"type": "boolean"}),
		query("remote", "can work remotely", obj{"type": "boolean"}),
		query("min_rating", "minimum average rating", obj{"type": "number", "minimum": 0, "maximum": 5}),
		query("max_rate", "maximum hourly rate", obj{"type": "number", "minimum": 0, "maximum": catalog.MaxHourlyRate}))
	provParams[1]["schema"] = obj{"type": "string", "enum": catalog.ProviderSorts, "default": catalog.DefaultSort}
	get := func(path, id, summary, tag, schema string, params []obj, errs ...int) op {
		return op{method: "GET", path: path, id: id, summary: summary, tag: tag, params: params, ok: 200,
			okSchema: schema, okHeaders: []string{"ETag"}, errors: append([]int{304, 400}, append(errs, 429)...)}
	}
	ops := []op{
		get("/api/v1/careers/jobs", "listJobs", "Search and filter public jobs", "careers", "JobList", jobParams),
		get("/api/v1/careers/jobs/{id}", "getJob", "One public job", "careers", "JobEnvelope", nil, 404, 410),
		get("/api/v1/careers/categories", "listJobCategories", "Job categories with their counts of public jobs", "careers", "CategoryList", nil),
		get("/api/v1/careers/locations", "listJobLocations", "Countries and cities with public jobs", "careers", "LocationList", nil),
		get("/api/v1/careers/stats", "getCareerStats", "Catalog totals", "careers", "StatsEnvelope", nil),
		get("/api/v1/providers", "listProviders", "Search and filter public service providers", "providers", "ProviderList", provParams),
		get("/api/v1/providers/{id}", "getProvider", "One public service provider", "providers", "ProviderEnvelope", nil, 404, 410),
		get("/api/v1/companies", "listCompanies", "The public companies by name (those listing a job or freelancer now), at most 1000", "companies", "CompanyList", nil),
		get("/api/v1/companies/{id}", "getCompany", "One public company: its profile and how many jobs and freelancers it lists; its id is the company_id of its jobs and providers", "companies", "CompanyEnvelope", nil, 404, 410),
	}
	for _, o := range ops[:len(ops):len(ops)] {
		ops = append(ops, op{method: "OPTIONS", path: o.path, id: o.id + "Preflight", summary: "CORS preflight", tag: o.tag, ok: 204,
			description: "Allows GET and HEAD from any origin.", errors: []int{429}})
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
		op{method: "GET", path: "/api/openapi.json", id: "getOpenAPI", tag: "meta", summary: "This document", ok: 200,
			okHeaders: []string{"ETag"}, errors: []int{304}},
	)
}
