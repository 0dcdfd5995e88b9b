// Package projection is the only code that decides what becomes public.
//
// Given a tenant's source row (a job posting with its category, or a service
// provider with its skills and categories) and the tenant, Job and Provider
// return either the exact catalog row (JobRow, ProviderRow) or the Reason the
// row must not be public. It is pure Go with no database: the sync worker,
// bulk sync and verify all call it, so there is one projection in one place
// (DESIGN.md, "Rules the projection encodes").
//
// What it guarantees:
//
//   - Eligibility: a job is public iff published on the career page, not
//     internal-only, open, and its tenant active; a provider iff enabled on
//     the marketplace, active, its user active, and its tenant active. The
//     application deadline is not checked here (query time and cleanup-stale
//     handle it). Reasons are checked in JobReasonOrder / ProviderReasonOrder.
//   - Whitelist: the row types have no field for private data, so nothing
//     private can be copied by mistake. Salary is copied only when shown.
//   - Safe content: HTML is sanitised to a small allow-list with balanced
//     tags and forced link rel; text is valid UTF-8 without NUL, whitespace
//     normalised and length-capped on rune boundaries; URLs are absolute
//     http(s) or empty.
//   - Stable output: arrays are sorted or de-duplicated deterministically,
//     the skills jsonb is emitted in PostgreSQL's own jsonb text form, times
//     are UTC microseconds. A row read back from the catalog (select
//     JobColumns, scan with pgx.RowToStructByName[JobRow]) therefore equals
//     the projection field by field: times compared with Equal (pgx returns
//     them in the session's zone), everything else with ==, slices.Equal or
//     bytes.Equal, the skills jsonb included. In SQL, compare skills as jsonb
//     (skills = $1::jsonb). roundtrip_test.go proves this against PostgreSQL.
//   - ContentHash: SHA-256 over every column except source_version and
//     content_hash, so apply can skip rows whose public content is unchanged
//     even though their version moved.
//
// JobColumns/ProviderColumns and Values come from the row structs' db tags,
// the single list of catalog columns.
package projection
