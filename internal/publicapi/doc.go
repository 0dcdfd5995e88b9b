// Package publicapi serves the public JSON API over the catalog: job and
// provider lists with search, filters, facets and cursor pagination, single
// jobs and providers, and the careers browse lists (categories, locations,
// stats). It only reads, through internal/catalog; docs/API.md documents
// every parameter.
//
// Responses carry a strong ETag (a hash of the body) and a short public
// Cache-Control, answer If-None-Match with 304, and allow any origin to
// read them (CORS for GET, HEAD and the OPTIONS preflight). Parameters are
// read strictly by internal/filters (unknown or repeated ones refused); bad
// ones get a 400 RFC 9457 problem naming the parameter; unknown ids a 404.
// Encoded bodies are reused for Options.BodyTTL (internal/ttlcache).
package publicapi
