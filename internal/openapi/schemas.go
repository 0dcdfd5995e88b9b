package openapi

import (
	"reflect"
	"slices"

	"github.com/zumodra/zumodra/internal/catalog"
	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/httpx"
	"github.com/zumodra/zumodra/internal/publicapi"
	"github.com/zumodra/zumodra/internal/questions"
	"github.com/zumodra/zumodra/internal/tenantapi"
)

// publicTypes are the catalog rows the public API writes, by schema name.
var publicTypes = map[string]any{
	"JobSummary": catalog.JobSummary{}, "Job": publicapi.JobDetail{},
	"ProviderSummary": catalog.ProviderSummary{}, "Provider": publicapi.ProviderDetail{}, "PublicSkill": catalog.Skill{},
	"Company": catalog.Company{}, "Category": catalog.Category{}, "Country": catalog.Country{}, "City": catalog.City{}, "Stats": catalog.Stats{},
	"FacetValue": catalog.FacetValue{}, "JobFacets": catalog.JobFacets{}, "ProviderFacets": catalog.ProviderFacets{},
	"Problem": httpx.Problem{}, "FieldIssue": httpx.FieldIssue{}, "Near": catalog.Near{},
	"ApplicationQuestion": questions.Question{},
}

// resources are the tenant API's stored resources: the Input schema's
// fields plus what the database owns.
var resources = map[string]string{
	"JobCategory": "JobCategoryInput", "Job_": "JobInput",
	"ProviderCategory": "ProviderCategoryInput", "ServiceProvider": "ProviderInput",
}

// schemas builds components.schemas.
func schemas() obj {
	all := map[string]any{}
	for k, v := range publicTypes {
		all[k] = v
	}
	for k, v := range tenantapi.DocTypes() {
		all[k] = v
	}
	named := map[reflect.Type]string{}
	for name, v := range all {
		named[reflect.TypeOf(v)] = name
	}
	out := obj{}
	for name, v := range all {
		out[name] = structSchema(reflect.TypeOf(v), named)
	}
	for name, input := range resources {
		out[resourceName(name)] = storedResource(out[input].(obj))
	}
	for name, submissions := range countedResources {
		withCounts(out[name].(obj), submissions)
	}
	for _, table := range []map[string]map[string]obj{constraints, notifyConstraints} {
		for name, rules := range table {
			applyConstraints(out[name].(obj), rules)
		}
	}
	for name, rules := range storedRules {
		props := out[name].(obj)["properties"].(obj)
		for prop, rule := range rules {
			p := obj{"type": props[prop].(obj)["type"]}
			for k, v := range rule {
				p[k] = v
			}
			props[prop] = p
		}
	}
	for _, name := range inputSchemas {
		in := out[name].(obj)
		in["additionalProperties"] = false
		delete(in, "required")
		if req, ok := requiredInputs[name]; ok {
			in["required"] = req
		}
	}
	// PATCH bodies: the same fields, none required; only the tenant API's
	// resources and the webhook endpoints have them.
	for _, name := range resources {
		p := clone(out[name].(obj))
		delete(p, "required")
		out[name+"Patch"] = p
	}
	hookPatch := clone(out["WebhookEndpointInput"].(obj))
	delete(hookPatch, "required")
	out["WebhookEndpointPatch"] = hookPatch
	for name, s := range handWritten() {
		out[name] = s
	}
	describeProblem(out["Problem"].(obj)["properties"].(obj))
	return out
}

// describeProblem says what a problem document's detail and errors hold.
func describeProblem(props obj) {
	props["detail"].(obj)["description"] = "what went wrong; for bad input every entry of errors as field: detail, joined by \"; \""
	props["errors"].(obj)["description"] = "every bad field or query parameter of the request (a query parameter once, with the first problem found with it); " +
		"for one of the original site's query parameters (search, location, page, ordering) or values (sort=-published_at, remote=true) the detail names the one to use"
}

// resourceName maps "Job_" to "TenantJob": the public "Job" is the catalog
// row, the tenant's job is the full private row.
func resourceName(name string) string {
	if name == "Job_" {
		return "TenantJob"
	}
	return name
}

var inputSchemas = []string{"ApplicationQuestion", "ResumeUpload", "JobCategoryInput", "JobInput", "ProviderCategoryInput", "ProviderInput",
	"ProviderSkill", "ApplicationSubmission", "InquirySubmission", "StatusChange", "TenantProfileInput",
	"WebhookEndpointInput", "NotificationSettingsInput"}

var requiredInputs = map[string][]string{
	"JobCategoryInput": {"name", "slug"}, "ProviderCategoryInput": {"name", "slug"},
	"JobInput": {"title"}, "ProviderInput": {"display_name"}, "ProviderSkill": {"name"},
	"ApplicationSubmission": {"name", "email"}, "InquirySubmission": {"name", "email", "message"},
	"StatusChange": {"status"}, "WebhookEndpointInput": {"url", "events"},
	"ApplicationQuestion": {"id", "label", "type"}, "ResumeUpload": {"content"},
}

// storedResource is input's properties plus the database-owned ones, all
// present in every response.
func storedResource(input obj) obj {
	props := obj{
		"id":         obj{"type": "integer", "description": "id in the tenant's schema"},
		"version":    obj{"type": "integer", "description": "row version; the ETag is \"v<version>\""},
		"created_at": obj{"type": "string", "format": "date-time"},
		"updated_at": obj{"type": []any{"string", "null"}, "format": "date-time"},
		"invalid_fields": obj{"type": "array", "items": obj{"type": "string"},
			"description": "fields whose stored time lies outside " + domain.TimeRangeText +
				" (written by SQL): shown as null; such a row is kept out of the public catalog until fixed"},
	}
	props["created_at"] = props["updated_at"]
	for k, v := range input["properties"].(obj) {
		props[k] = v
	}
	var req []string
	for k := range props {
		req = append(req, k)
	}
	slices.Sort(req)
	return obj{"type": "object", "properties": props, "required": req}
}

// jobList adds the salary currency a job list compared salaries in.
func jobList(l obj) obj {
	l["properties"].(obj)["salary_currency"] = obj{"type": "string",
		"description": "the currency min_salary and sort=salary compared in: the request's, or the one most matching jobs pay in; absent when neither was asked"}
	return l
}

// handWritten are the wrappers no single Go type describes.
func handWritten() obj {
	meta := obj{
		"page": obj{"type": "integer"}, "page_size": obj{"type": "integer"}, "total": obj{"type": "integer"},
		"total_exact": obj{"type": "boolean", "description": "false when total is capped (10,000+)"},
		"sort":        obj{"type": "string"}, "search": obj{"type": "string"},
		"search_corrected": obj{"type": "boolean", "description": "misspelt words of q were corrected"},
		"next_cursor":      obj{"type": "string"}, "prev_cursor": obj{"type": "string"},
		"links": obj{"type": "object", "properties": obj{"self": obj{"type": "string"}, "next": obj{"type": "string"}, "prev": obj{"type": "string"}},
			"required": []string{"self"}},
	}
	list := func(item, facets string) obj {
		props := clone(meta)
		props["data"] = obj{"type": "array", "items": ref(item)}
		props["facets"] = ref(facets)
		props["near"] = ref("Near")
		return obj{"type": "object", "properties": props,
			"required": []string{"data", "page", "page_size", "total", "total_exact", "sort", "links"}}
	}
	data := func(s obj) obj {
		return obj{"type": "object", "properties": obj{"data": s}, "required": []string{"data"}}
	}
	page := func(item string) obj {
		return obj{"type": "object", "required": []string{"items", "next_cursor"}, "properties": obj{
			"items":       obj{"type": "array", "items": ref(item)},
			"next_cursor": obj{"type": []any{"string", "null"}, "description": "pass as ?cursor= for the next page; null on the last"},
		}}
	}
	return obj{
		"JobList": jobList(list("JobSummary", "JobFacets")), "ProviderList": list("ProviderSummary", "ProviderFacets"),
		"JobEnvelope": data(ref("Job")), "ProviderEnvelope": data(ref("Provider")),
		"CategoryList":    data(obj{"type": "array", "items": ref("Category")}),
		"LocationList":    data(obj{"type": "array", "items": ref("Country")}),
		"StatsEnvelope":   data(ref("Stats")),
		"CompanyEnvelope": data(ref("Company")),
		"CompanyList":     data(obj{"type": "array", "maxItems": catalog.MaxCompanies, "items": ref("Company")}),
		"JobCategoryPage": page("JobCategory"), "TenantJobPage": page("TenantJob"),
		"ProviderCategoryPage": page("ProviderCategory"), "ServiceProviderPage": page("ServiceProvider"),
		"ApplicationPage": page("Application"), "InquiryPage": page("Inquiry"),
		"WebhookEndpointPage": page("WebhookEndpoint"), "DeliveryPage": page("Delivery"),
	}
}
