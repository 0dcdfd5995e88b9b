package domain

import (
	"regexp"
	"strings"
)

var slugPattern = regexp.MustCompile(`^[a-z][a-z0-9_]{2,40}$`)

// reservedSlugs are refused as tenant slugs: names of PostgreSQL's own
// schemas and of the site's top-level paths, so that no tenant can be
// mistaken for infrastructure.
var reservedSlugs = map[string]bool{
	"public": true, "information_schema": true, "postgres": true, "template0": true,
	"template1": true, "admin": true, "api": true, "www": true, "static": true,
	"assets": true, "careers": true, "browse_freelancers": true, "zumodra": true,
	"root": true, "system": true, "default": true, "tenant": true, "tenants": true,
	"metrics": true, "healthz": true, "readyz": true, "sitemap": true, "feed": true,
	"login": true, "logout": true, "null": true, "none": true, "test": true,
}

// ValidateSlug checks a tenant slug: lower-case ASCII letter first, then
// letters, digits or underscores, 3 to 41 characters, not reserved, not
// starting with pg_ (PostgreSQL reserves those schema names).
func ValidateSlug(slug string) error {
	if !slugPattern.MatchString(slug) {
		return FieldError("slug", "must match ^[a-z][a-z0-9_]{2,40}$ (3 to 41 lower-case letters, digits or underscores, starting with a letter), got %q", truncateForMessage(slug))
	}
	if reservedSlugs[slug] || strings.HasPrefix(slug, "pg_") {
		return FieldError("slug", "%q is reserved", slug)
	}
	return nil
}

// SchemaName is the PostgreSQL schema of the tenant with this (validated)
// slug. Callers must still quote it as an identifier in SQL.
func SchemaName(slug string) string { return "t_" + slug }

func truncateForMessage(s string) string {
	const max = 60
	if len(s) > max {
		return s[:max] + "..."
	}
	return s
}
