// Package openapi builds the OpenAPI 3.1 document of Zumodra's JSON APIs
// (the public catalog API and the tenant API with the reverse-path
// submissions) and serves it at GET /api/openapi.json.
//
// Schemas are derived by reflection from the Go types the handlers encode
// and decode (internal/catalog's public rows, tenantapi.DocTypes), so a
// field added to a type appears in the document; the rules reflection
// cannot see (enums, lengths, formats) are added from internal/domain's
// lists and the schema's constraints. The tests hold the document against
// the real router: every route registered under /api/ is documented and
// every documented operation is served.
package openapi
