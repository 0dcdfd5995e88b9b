// Package source reads a tenant's private source rows (jobs with their
// category, providers with their skills and categories) into the inputs of
// internal/projection. It is the only sync code that reads a tenant schema,
// always through the tenant's validated schema name quoted as an identifier.
//
// Rows are read by id list: the ids named by claimed outbox rows for
// incremental sync, or one page of a keyset scan (JobIDPage, ProviderIDPage)
// for bulk sync, so memory stays bounded by the page size however large the
// tenant is.
package source
