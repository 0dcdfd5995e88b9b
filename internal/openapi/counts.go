package openapi

import "slices"

// countRules describe the counts of a public row (internal/counts): the
// public details carry the counted ones, the tenant's resources the
// counted views and the exact number of submissions in its schema.
func countRules(submissions, what string) map[string]obj {
	return map[string]obj{
		"view_count": {"minimum": 0, "description": "detail page views by people (crawlers, scripts, HEAD and prefetches are not counted), " +
			"counted in memory and written every flush interval (10s by default), so up to that plus the response's cache life behind"},
		submissions: {"minimum": 0, "description": what + " sent through the site and API, counted like view_count"},
	}
}

// countedResources are the tenant resources that carry counts, with the
// name of their submissions' count.
var countedResources = map[string]string{"TenantJob": "application_count", "ServiceProvider": "inquiry_count"}

// withCounts adds the counts to a stored tenant resource's schema.
func withCounts(s obj, submissions string) {
	props := s["properties"].(obj)
	props["view_count"] = obj{"type": "integer", "minimum": 0, "description": "views of its public detail page by people, " +
		"as counted for the public pages; not part of the row version (ETag)"}
	props[submissions] = obj{"type": "integer", "minimum": 0, "description": "exact number of submissions to it stored in your schema"}
	req := append(s["required"].([]string), "view_count", submissions)
	slices.Sort(req)
	s["required"] = req
}
