// Package tenantapi is the tenant REST API under /api/v1/tenant/: a tenant's
// own client manages its job categories, job postings, provider categories
// and service providers (with their skills and categories), reads the
// applications and inquiries visitors sent, and sees for each row whether it
// is public, pending sync or excluded and why.
//
// The Bearer API key alone decides the tenant, and so the schema: every
// request runs in one transaction whose search_path is that tenant's schema,
// quoted as an identifier, so no query can name another tenant's table.
// Writes use optimistic concurrency: the ETag is the row version, If-Match
// is required on PUT, PATCH and DELETE, and updates run as
// UPDATE ... WHERE id = $1 AND version = $2.
//
// The package also serves the public JSON side of the reverse path
// (POST /api/v1/careers/jobs/{id}/applications and
// POST /api/v1/providers/{id}/inquiries) on top of internal/intake.
package tenantapi
