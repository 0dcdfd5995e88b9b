// Package domain holds Zumodra's domain types and the rules on them: tenants
// and their slugs, the enumerations of the tenant data model, and the one
// error type that every layer returns and the HTTP layer maps to a status.
// It imports nothing heavier than the standard library.
package domain
