// Package check validates untrusted field values (from visitors and from
// tenants' API clients) before they reach SQL: valid UTF-8, no NUL bytes,
// lengths that match the schema's CHECK constraints, e-mail syntax, http(s)
// URLs and ISO 4217 currencies. Every failure is a domain.FieldError naming
// the field, and a List gathers all of them so a caller sees every bad field
// at once rather than one per round trip.
package check
