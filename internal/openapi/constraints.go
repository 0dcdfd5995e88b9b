package openapi

import (
	"fmt"
	"slices"
	"strconv"

	"github.com/zumodra/zumodra/internal/catalog"
	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/projection"
	"github.com/zumodra/zumodra/internal/questions"
	"github.com/zumodra/zumodra/internal/resume"
	"github.com/zumodra/zumodra/internal/tenantapi"
)

// constraints add what reflection cannot see, property by property. The
// enums come from internal/domain, the lengths from the CHECK constraints
// of tenant/0001_model.sql and the API's own limits.
var constraints = map[string]map[string]obj{
	"JobCategoryInput":      categoryRules(5000),
	"ProviderCategoryInput": categoryRules(0),
	"JobInput": merge(texts(map[string]int{"title": 200, "slug": 220, "reference_code": 50, "location_city": 100,
		"location_state": 100, "location_country": 100, "street_address": 200, "postal_code": 20, "team": 100, "meta_title": 200, "meta_description": 500,
		"description": 100000, "responsibilities": 100000, "requirements": 100000, "nice_to_have": 100000,
		"benefits": 100000, "internal_notes": 100000}), map[string]obj{
		"job_type": enum(domain.JobTypes, "full_time"), "experience_level": enum(domain.ExperienceLevels, "mid"),
		"remote_policy": enum(domain.RemotePolicies, "on_site"), "status": enum(domain.JobStatuses, "draft"),
		"salary_period": enum(domain.SalaryPeriods, "yearly"), "salary_currency": currency(),
		"salary_min": amount(12), "salary_max": amount(12), "latitude": inputLatitude(), "longitude": bounds(-180, 180),
		"positions_count": {"minimum": 1, "maximum": 10000, "default": 1},
		"required_skills": skills(), "preferred_skills": skills(),
		"hiring_manager_email": optionalEmail(), "application_email": optionalEmail(),
		"custom_questions": {"type": "array", "items": obj{"description": "one question, in any JSON form"},
			"description": "private notes on questions, kept as the original had them: any JSON array up to 50,000 bytes, never shown to anyone (see application_questions)"},
		"application_questions": applicationQuestions(),
		"category_id":           {"description": "id of one of your job categories"},
		"published_at":          {"description": "set to now when the job is first published and this is null; " + timeRange},
		"application_deadline":  {"description": timeRange},
		"title":                 {"minLength": 1},
	}),
	"ProviderInput": merge(texts(map[string]int{"display_name": 200, "tagline": 200, "city": 100, "state": 100,
		"country": 100, "phone": 50, "bank_account": 100, "payment_account_id": 200, "bio": 100000, "private_notes": 100000}),
		map[string]obj{
			"provider_type": enum(domain.ProviderTypes, "individual"), "availability_status": enum(domain.Availabilities, "available"),
			"currency": currency(), "avatar_url": optionalImageURL(), "cover_image_url": optionalImageURL(), "email": optionalEmail(),
			"hourly_rate": amount(10), "minimum_budget": amount(12), "avg_response_time_hours": amount(6),
			"latitude": inputLatitude(), "longitude": bounds(-180, 180), "rating_avg": bounds(0, 5),
			"response_rate": bounds(0, 100), "total_reviews": {"minimum": 0}, "completed_jobs_count": {"minimum": 0},
			"skills":       {"maxItems": 50, "description": "replaces the whole set; names unique ignoring case"},
			"category_ids": {"maxItems": 50, "uniqueItems": true, "description": "ids of your provider categories; replaces the whole set"},
			"published_at": {"description": "set to now when the provider is first enabled on the marketplace and this is null; " + timeRange},
			"display_name": {"minLength": 1},
		}),
	"Job": merge(merge(countRules("application_count", "applications"), placeRules()), map[string]obj{"application_questions": {"description": "what the job's " +
		"application form asks besides the standard fields: answer them in applyForJob's answers, by id. Every key is present. " +
		"The job's private custom_questions are never shown."}}),
	"Provider": merge(countRules("inquiry_count", "inquiries"), placeRules()),
	"ProviderSkill": {
		"name": {"minLength": 1, "maxLength": 100}, "level": enum(domain.SkillLevels, "intermediate"),
		"years_experience": {"minimum": 0, "maximum": 80, "default": 0},
	},
	"ApplicationQuestion": questionRules(),
	"ResumeUpload": {
		"file_name": {"maxLength": 1000, "description": "the name on the applicant's system; cleaned, and given the extension of the sniffed type, for the download"},
		"content": {"contentMediaType": "application/octet-stream", "pattern": "^[A-Za-z0-9+/]*={0,2}$",
			"description": "the file, in base64 (standard alphabet, padded); anything else is refused with 400"},
	},
	"ResumeFile": {
		"content_type": {"enum": []string{resume.PDF, resume.DOCX, resume.ODT}, "description": "sniffed from the content when it arrived"},
		"size":         {"minimum": 1, "maximum": resume.MaxBytes},
		"sha256":       {"pattern": "^[0-9a-f]{64}$"},
	},
	"ApplicationSubmission": {
		"name": {"minLength": 1, "maxLength": 200}, "email": email(), "phone": {"maxLength": 50},
		"resume_url": merge(optionalURL(), obj{"description": "a link to the résumé; at least one of resume_file, resume_url and resume_text is required"}),
		"answers": {"description": "answers to the job's application_questions (see getJob), by question id: a string for " +
			"short_text, long_text and single_choice (one of the options), true or false for yes_no, a list of distinct options " +
			"for multiple_choice; required questions must be answered; checked against the job's questions as they are when the " +
			"application arrives. Errors name answers.<id>."},
		"resume_file": {"description": "a résumé file: PDF, DOCX or ODT, at most 5 MB once decoded; its type is read from its " +
			"content, never from its name. The whole body may take " + strconv.Itoa(tenantapi.MaxApplicationBody) + " bytes; a larger one is refused with 413."},
		"resume_text":  {"maxLength": 50000, "description": "the résumé pasted as text"},
		"cover_letter": {"maxLength": 20000},
	},
	"StatusChange": {
		"status": {"type": "string", "description": "the new status: one of the inbox's pipeline (see the operation)"},
		"note":   {"maxLength": 2000, "description": "why; kept in the history"},
	},
	"Application": {
		"status":  enum(domain.ApplicationStatuses, "new"),
		"version": {"description": "row version; the ETag is \"v<version>\""},
		"answers": {"type": "object", "description": "answers to the job's custom questions, by question id"},
	},
	"Inquiry": {
		"status":  enum(domain.InquiryStatuses, "new"),
		"version": {"description": "row version; the ETag is \"v<version>\""},
	},
	"InquirySubmission": {
		"name": {"minLength": 1, "maxLength": 200}, "email": email(), "message": {"minLength": 1, "maxLength": 20000},
		"budget": amount(12), "currency": merge(currency(), obj{"description": "ISO 4217; USD when omitted"}),
	},
	"TenantProfileInput": merge(profileRules(), map[string]obj{"name": {"minLength": 1, "maxLength": 200},
		"logo_url": optionalImageURL(), "website": {"pattern": "^$|^[hH][tT][tT][pP][sS]?://",
			"description": "the company's site, an absolute http(s) URL; empty for none"}}),
	"TenantProfile": merge(profileRules(), map[string]obj{"logo_url": imageURL(),
		"status":  {"enum": []string{domain.TenantActive, domain.TenantSuspended}},
		"version": {"description": "row version; the ETag is \"v<version>\""}}),
	"JobSummary": placeRules(), "ProviderSummary": placeRules(),
	"Near": {"latitude": bounds(-90, 90), "longitude": bounds(-180, 180), "radius_km": bounds(1, catalog.MaxRadius),
		"label": {"description": "the place near= found (city, division, country code), or the coordinates given"}},
	"CatalogStatusItem": {
		"kind":    {"enum": []string{"job", "provider"}},
		"state":   {"enum": []string{"public", "pending", "excluded"}},
		"reasons": {"items": obj{"type": "string", "enum": reasons()}, "description": "every rule the row fails; empty when it may be public"},
		"pending": {"items": obj{"type": "string", "enum": []string{"queued", "dead_letter", "catalog_missing", "catalog_outdated", "catalog_stale"}}},
	},
}

// applicationQuestions are the typed questions of a job's apply form
// (internal/questions), public unlike custom_questions.
func applicationQuestions() obj {
	return obj{"type": "array", "maxItems": questions.MaxQuestions, "items": ref("ApplicationQuestion"), "default": []any{},
		"description": fmt.Sprintf("questions every applicant is shown on the apply form and in the public API, answered in "+
			"the application's answers; ids unique; at most %d bytes once stored (stored in canonical form: every key present); "+
			"a bad question is refused with 422 naming it, as application_questions[2].options", questions.MaxJSONBytes)}
}

// questionRules bound one application question.
func questionRules() map[string]obj {
	return map[string]obj{
		"id":    {"pattern": "^[a-z0-9][a-z0-9_]{0,39}$", "description": "stable key of the answer, unique within the job"},
		"label": {"minLength": 1, "maxLength": questions.MaxLabel, "description": "the question as the applicant reads it, one line"},
		"type": {"enum": questions.Types, "description": "short_text (one line, up to " + strconv.Itoa(questions.MaxShortText) +
			" characters), long_text (up to " + strconv.Itoa(questions.MaxLongText) + "), yes_no (true or false), " +
			"single_choice (one of options), multiple_choice (a list of distinct options)"},
		"required": {"description": "an answer must be given"},
		"options": {"maxItems": questions.MaxOptions, "uniqueItems": true,
			"items":       obj{"type": "string", "minLength": 1, "maxLength": questions.MaxOption},
			"description": fmt.Sprintf("the choices: 2 to %d for single_choice and multiple_choice, none for the other types", questions.MaxOptions)},
		"help": {"maxLength": questions.MaxHelp, "description": "an optional hint shown under the question"},
	}
}

// profileRules are the bounds of a company profile (internal/tenants,
// shared migration 0021), for its input and its responses alike.
func profileRules() map[string]obj {
	return map[string]obj{
		"description": {"maxLength": domain.MaxDescription, "description": "plain text, paragraphs separated by blank lines"},
		"website":     {"maxLength": domain.MaxProfileURL, "description": "empty for none"},
		"industry":    {"maxLength": domain.MaxProfileText}, "headquarters_city": {"maxLength": domain.MaxProfileText},
		"headquarters_country": {"maxLength": domain.MaxProfileText},
		"size":                 {"enum": append([]string{""}, domain.CompanySizes...), "description": "head count; empty for not given"},
		"founded_year":         {"minimum": domain.MinFoundedYear, "maximum": domain.MaxFoundedYear, "description": "null for not given"},
		"social_links": {"maxItems": domain.MaxSocialLinks, "uniqueItems": true,
			"items":       obj{"type": "string", "pattern": "^[hH][tT][tT][pP][sS]://", "maxLength": domain.MaxProfileURL},
			"description": "https links to the company's pages elsewhere (LinkedIn, X, GitHub...); replaces the whole list"},
	}
}

// inputLatitude is a writable position's rule: both halves or neither.
func inputLatitude() obj {
	return merge(bounds(-90, 90), obj{"description": "WGS 84 degrees, given with longitude or not at all (422 naming the missing one); " +
		"without both, the row is placed by its city, state and country from the offline gazetteer"})
}

// placeRules describe a public row's position and its distance from near.
func placeRules() map[string]obj {
	return map[string]obj{
		"latitude":  merge(bounds(-90, 90), obj{"description": "WGS 84 degrees: the tenant's, or else its city's from the offline gazetteer; null when neither is known"}),
		"longitude": bounds(-180, 180),
		"distance":  {"minimum": 0, "description": "kilometres from the centre of near=; null without near, and on a single job or provider"},
	}
}

// timeRange documents domain's time range on every writable time: outside
// it (or an infinity) the API answers 422 naming the field.
const timeRange = "must lie " + domain.TimeRangeText

func categoryRules(descMax int) map[string]obj {
	r := map[string]obj{
		"name": {"minLength": 1, "maxLength": 100},
		"slug": {"maxLength": 100, "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"},
	}
	if descMax > 0 {
		r["description"] = obj{"maxLength": descMax}
	}
	return r
}

// reasons lists every exclusion reason once: jobs and providers share some
// (tenant_suspended).
func reasons() []string {
	out := []string{string(projection.ReasonDeadlinePassed), string(projection.ReasonScheduled), string(projection.ReasonInvalid)}
	for _, r := range append(projection.JobReasonOrder, projection.ProviderReasonOrder...) {
		if !slices.Contains(out, string(r)) {
			out = append(out, string(r))
		}
	}
	return out
}

func enum(values []string, def string) obj { return obj{"enum": values, "default": def} }
func bounds(min, max float64) obj          { return obj{"minimum": min, "maximum": max} }
func email() obj                           { return obj{"format": "email", "maxLength": 254} }

// imageURL is an image as stored: what the API accepted (optionalImageURL),
// or whatever another SQL writer left, which the site then does not show.
func imageURL() obj {
	return obj{"maxLength": 2000, "description": "an https URL or a path on the site (/media/a.png); null for none"}
}

// optionalURL and optionalEmail are what an input accepts: the value, or
// null, "" or nothing for none. Responses write null for none (see
// storedRules), never "".
func optionalURL() obj {
	return obj{"maxLength": 2000, "pattern": "^$|^[hH][tT][tT][pP][sS]?://",
		"description": "absolute http(s) URL; null, empty or omitted for none"}
}

func optionalImageURL() obj {
	return obj{"maxLength": 2000, "pattern": "^$|^[hH][tT][tT][pP][sS]://|^/[^/\\\\]",
		"description": "an image the site shows: an https URL, or a path on the site such as /media/a.png; " +
			"http and other schemes are refused with 422 and the reason; null, empty or omitted for none"}
}
func optionalEmail() obj {
	return obj{"maxLength": 254, "anyOf": []obj{{"maxLength": 0}, {"format": "email"}},
		"description": "an e-mail address; null, empty or omitted for none"}
}

// storedRules replace the input rules of a stored resource's properties
// where a response promises more than an input needs.
var storedRules = map[string]map[string]obj{
	"ServiceProvider": {"avatar_url": imageURL(), "cover_image_url": imageURL(), "email": merge(email(), obj{"description": "null for none"})},
	"TenantJob": {"hiring_manager_email": merge(email(), obj{"description": "null for none"}),
		"application_email": merge(email(), obj{"description": "null for none"})},
}

func currency() obj {
	return obj{"pattern": "^[A-Z]{3}$", "default": "USD", "description": "an active ISO 4217 code (checked against the list, not just the pattern)"}
}
func amount(precision int) obj {
	limit := 1.0
	for range precision - 2 {
		limit *= 10
	}
	return obj{"minimum": 0, "exclusiveMaximum": limit}
}
func skills() obj {
	return obj{"maxItems": 50, "items": obj{"type": "string", "minLength": 1, "maxLength": 100}}
}

func texts(max map[string]int) map[string]obj {
	out := map[string]obj{}
	for k, n := range max {
		out[k] = obj{"maxLength": n}
	}
	return out
}

func merge[M ~map[string]V, V any](a, b M) M {
	out := M{}
	for k, v := range a {
		out[k] = v
	}
	for k, v := range b {
		if av, ok := any(out[k]).(obj); ok {
			if bv, ok := any(v).(obj); ok {
				out[k] = any(merge(av, bv)).(V)
				continue
			}
		}
		out[k] = v
	}
	return out
}

// applyConstraints merges rules into the schema's properties; a rule for a
// property the type lacks is a bug in this table.
func applyConstraints(s obj, rules map[string]obj) {
	props := s["properties"].(obj)
	for name, rule := range rules {
		p, ok := props[name].(obj)
		if !ok {
			panic("openapi: constraint for unknown property " + name)
		}
		for k, v := range rule {
			p[k] = v
		}
	}
}
