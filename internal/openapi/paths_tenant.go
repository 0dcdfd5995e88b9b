package openapi

import (
	"slices"
	"strings"

	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/resume"
)

const tp = "/api/v1/tenant"

var ifMatch = header("If-Match", `the ETag of the version you read, e.g. "v3"; required`, true)

// idempotencyKey is accepted on every tenant write (internal/idempotency).
var idempotencyKey = obj{"name": "Idempotency-Key", "in": "header", "required": false,
	"description": "optional: a key of your choosing, unique per write. Sent again with the same key and body (after a timeout or a lost answer), the write is done once and its first answer comes back with Idempotent-Replayed: true; the same key with another request is refused with 422. Keys are kept 24 hours.",
	"schema":      obj{"type": "string", "pattern": "^[!-~]{1,255}$"}}

var (
	limitParam       = query("limit", "items per page", obj{"type": "integer", "minimum": 1, "maximum": 200, "default": 50})
	pageParams       = []obj{cursorParam("next_cursor of the previous page", obj{"type": "string", "pattern": "^([0-9]{1,19})?$"}), limitParam}
	statusPageParams = []obj{cursorParam("next_cursor of the previous page, such as job:42",
		obj{"type": "string", "pattern": "^((job|provider):[0-9]{1,19})?$"}), limitParam}
	readErrs  = []int{401, 404}
	writeErrs = []int{400, 401, 404, 409, 412, 413, 422, 428}
)

// crudOps documents what tenantapi's crud registers for one resource.
func crudOps(path, tag, noun, schema, input string, example any) []op {
	item := path + "/{id}"
	return []op{
		{method: "GET", path: path, id: "list" + noun, tag: tag, summary: "List your " + tag + " in id order",
			params: pageParams, ok: 200, okSchema: schema + "Page", errors: []int{400, 401}},
		{method: "POST", path: path, id: "create" + noun, tag: tag, summary: "Create a " + noun, body: input, example: example,
			ok: 201, okSchema: schema, okHeaders: []string{"ETag", "Location"}, errors: []int{400, 401, 409, 413, 422}},
		{method: "GET", path: item, id: "get" + noun, tag: tag, summary: "Read one " + noun, ok: 200, okSchema: schema,
			okHeaders: []string{"ETag"}, errors: readErrs},
		{method: "PUT", path: item, id: "replace" + noun, tag: tag, summary: "Replace a " + noun + "; omitted fields take their defaults",
			params: []obj{ifMatch}, body: input, example: example, ok: 200, okSchema: schema, okHeaders: []string{"ETag"}, errors: writeErrs},
		{method: "PATCH", path: item, id: "update" + noun, tag: tag, summary: "Change some fields of a " + noun,
			description: "The body's fields are laid over the current row (JSON merge of top-level fields; arrays such as skills replace the whole set).",
			params:      []obj{ifMatch}, body: input + "Patch", ok: 200, okSchema: schema, okHeaders: []string{"ETag"}, errors: writeErrs},
		{method: "DELETE", path: item, id: "delete" + noun, tag: tag, summary: "Delete a " + noun,
			params: []obj{ifMatch}, ok: 204, errors: []int{401, 404, 412, 428}},
	}
}

// inboxOps documents one inbox: its filtered list, one item, the status
// change and the history.
func inboxOps(res, noun, parent, parentNoun string, statuses []string, example obj) []op {
	path, item := tp+"/"+res, tp+"/"+res+"/{id}"
	filters := []obj{
		query(parent, "only those sent to this "+parentNoun, obj{"type": "integer", "minimum": 1}),
		{"name": "status", "in": "query", "required": false, "style": "form", "explode": false,
			"description": "only those in these statuses: one, or several separated by commas",
			"schema":      obj{"type": "array", "items": obj{"type": "string", "enum": statuses}, "minItems": 1}},
		query("since", "only those received at or after this time", obj{"type": "string", "format": "date-time"}),
	}
	return []op{
		{method: "GET", path: path, id: "list" + noun + "s", tag: "inbox", summary: noun + "s visitors sent, newest first",
			params: append(filters, pageParams...), ok: 200, okSchema: noun + "Page", errors: []int{400, 401}},
		{method: "GET", path: item, id: "get" + noun, tag: "inbox", summary: "One " + lower(noun),
			ok: 200, okSchema: noun, okHeaders: []string{"ETag"}, errors: readErrs},
		{method: "POST", path: item + "/status", id: "move" + noun, tag: "inbox",
			summary:     "Move a " + lower(noun) + " to another status of its pipeline",
			description: "Pipeline: " + strings.Join(statuses, ", ") + ". Any status may follow any other; the move is recorded in the history with the API key that made it. If-Match names the version the decision was made on.",
			params:      []obj{ifMatch}, body: "StatusChange", example: example,
			ok: 200, okSchema: noun, okHeaders: []string{"ETag"}, errors: []int{400, 401, 404, 412, 413, 422, 428}},
		{method: "GET", path: item + "/history", id: "get" + noun + "History", tag: "inbox",
			summary: "Every status change of a " + lower(noun) + ", oldest first", ok: 200, okSchema: "History", errors: readErrs},
	}
}

func tenantOps() []op {
	var ops []op
	ops = append(ops, crudOps(tp+"/job-categories", "job-categories", "JobCategory", "JobCategory", "JobCategoryInput",
		obj{"name": "Engineering", "slug": "engineering", "description": "Software and data"})...)
	ops = append(ops, crudOps(tp+"/jobs", "jobs", "Job", "TenantJob", "JobInput", obj{
		"title": "Go engineer", "job_type": "full_time", "experience_level": "senior", "remote_policy": "remote",
		"status": "open", "published_on_career_page": true, "salary_min": 90000, "salary_max": 120000,
		"salary_currency": "EUR", "show_salary": true, "required_skills": []string{"Go", "PostgreSQL"},
		"description": "<p>Join us</p>", "hiring_manager_email": "hiring@example.com"})...)
	ops = append(ops, crudOps(tp+"/provider-categories", "provider-categories", "ProviderCategory", "ProviderCategory",
		"ProviderCategoryInput", obj{"name": "Web design", "slug": "web-design"})...)
	ops = append(ops, crudOps(tp+"/providers", "providers", "Provider", "ServiceProvider", "ProviderInput", obj{
		"display_name": "Studio Nine", "provider_type": "agency", "marketplace_enabled": true, "hourly_rate": 95,
		"currency": "GBP", "skills": []obj{{"name": "Go", "level": "expert", "years_experience": 8}},
		"category_ids": []int{}})...)
	ops = append(ops, inboxOps("applications", "Application", "job_id", "job", domain.ApplicationStatuses,
		obj{"status": "interview", "note": "Strong portfolio; invite for a call"})...)
	ops = append(ops, op{method: "GET", path: tp + "/applications/{id}/resume", id: "getApplicationResume", tag: "inbox",
		summary: "The résumé file of an application",
		description: "The file exactly as the applicant uploaded it, with the type sniffed from its content when it arrived " +
			"(a PDF, DOCX or ODT of at most 5 MB); always an attachment, with X-Content-Type-Options: nosniff and a " +
			"Content-Security-Policy that sandboxes it. 404 when the application has none (its resume_file is null).",
		ok: 200, okMedia: []string{resume.PDF, resume.DOCX, resume.ODT}, okHeaders: []string{"Content-Disposition", "Repr-Digest"},
		errors: readErrs})
	ops = append(ops, inboxOps("inquiries", "Inquiry", "provider_id", "provider", domain.InquiryStatuses,
		obj{"status": "replied", "note": "Sent a quote"})...)
	ops = append(ops, applicantOps()...)
	ops = append(ops,
		op{method: "GET", path: tp + "/catalog-status", id: "getCatalogStatus", tag: "catalog-status",
			summary:     "For each of your jobs, then providers: public, pending sync, or excluded and why",
			description: "Paginated across both kinds: next_cursor looks like job:42 or provider:7.",
			params:      statusPageParams, ok: 200, okSchema: "CatalogStatus", errors: []int{400, 401}},
		op{method: "GET", path: tp + "/profile", id: "getProfile", tag: "profile",
			summary: "Your company's name, logo and public profile", ok: 200, okSchema: "TenantProfile",
			okHeaders: []string{"ETag"}, errors: []int{401}},
		op{method: "PATCH", path: tp + "/profile", id: "updateProfile", tag: "profile",
			summary:     "Change some fields of your company's profile; the catalog follows as for a rename",
			description: "The body's fields are laid over the current profile; social_links replaces the whole list. A PATCH that changes nothing makes no new version.",
			params:      []obj{ifMatch}, body: "TenantProfileInput", example: obj{"website": "https://acme.example",
				"industry": "Software", "size": "51-200", "founded_year": 2009, "headquarters_city": "Berlin",
				"headquarters_country": "DE", "social_links": []string{"https://www.linkedin.com/company/acme"}},
			ok: 200, okSchema: "TenantProfile", okHeaders: []string{"ETag"}, errors: []int{400, 401, 412, 413, 422, 428}},
	)
	ops = append(ops, notifyOps()...)
	for i := range ops {
		ops[i].auth = true
		if ops[i].method != "GET" {
			ops[i].params = append(slices.Clone(ops[i].params), idempotencyKey)
			ops[i].errors = mergeStatuses(ops[i].errors, 400, 409, 422)
		}
		// Unique among the public operations too: tenantGetJob, not getJob.
		ops[i].id = "tenant" + strings.ToUpper(ops[i].id[:1]) + ops[i].id[1:]
	}
	return ops
}

// addrPart and hostPart approximate what intake takes for an address
// (no spaces, controls, quotes, brackets or separators; a dotted domain):
// the document refuses what the handler refuses.
const (
	addrPart = `[^\s\x00-\x1f\x7f"(),:;<>@\[\\\]]+`
	hostPart = `[^\s\x00-\x1f\x7f"(),:;<>@\[\\\].]+`
)

// applicantOps documents export and erasure of one applicant's data.
func applicantOps() []op {
	email := obj{"name": "email", "in": "query", "required": true,
		"description": "the applicant's e-mail address, matched ignoring case after trimming spaces, as applications store it; given once",
		"schema": obj{"type": "string", "format": "email", "minLength": 3, "maxLength": 300,
			"pattern": `^\s*` + addrPart + `@` + hostPart + `(\.` + hostPart + `)+\s*$`}}
	return []op{
		{method: "GET", path: tp + "/applicants", id: "exportApplicant", tag: "applicants",
			summary:     "Everything your schema holds about one applicant: their applications and inquiries, with their history",
			description: "Every application and project inquiry sent from the address, oldest first, each with its fields and, under related, the rows of each table holding its data (application_history, inquiry_history, ...) by table name. Read in one snapshot; Cache-Control: no-store. Only your own schema is searched.",
			params:      []obj{email}, ok: 200, okSchema: "ApplicantExport", errors: []int{400, 401}},
		{method: "DELETE", path: tp + "/applicants", id: "eraseApplicant", tag: "applicants",
			summary:     "Erase one applicant: delete their applications and inquiries, with their history",
			description: "Deletes, in one transaction, every application and project inquiry of the address in your schema and every related row, and the recorded Idempotency-Key answers repeating the address (rows.idempotency_answers), and answers the ids and row counts deleted (never the address). Erasing again deletes nothing and answers empty lists: the erase is idempotent. If-Match does not apply (there is no one version of an applicant); Idempotency-Key is accepted as on other writes. Later submissions from the address are stored anew.",
			params:      []obj{email}, ok: 200, okSchema: "ApplicantErasure", errors: []int{400, 401}},
	}
}

// mergeStatuses adds statuses to errs, sorted, each once.
func mergeStatuses(errs []int, more ...int) []int {
	out := append(slices.Clone(errs), more...)
	slices.Sort(out)
	return slices.Compact(out)
}
