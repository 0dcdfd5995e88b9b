// Package publicapi serves the public JSON API over the catalog: job and
// provider lists with search, filters, facets and cursor pagination, single
// jobs and providers, and the careers browse lists (categories, locations,
// stats). It only reads, through internal/catalog; docs/API.md documents
// every parameter.
//
// Responses carry a strong ETag (a hash of the body) and a public
// Cache-Control that revalidates on every use, answer If-None-Match with
// 304, and allow any origin to
// read them (CORS for GET, HEAD and the OPTIONS preflight). Parameters are
// read strictly by internal/filters (unknown or repeated ones refused); bad
// ones get a 400 RFC 9457 problem naming the parameter; unknown ids a 404.
// Lists are read in one catalog snapshot; encoded bodies are reused until
// the catalog changes (internal/viewcache).
package publicapi
