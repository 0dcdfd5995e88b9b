// Package filters reads the public list filters from a query string, for
// the pages (internal/web) and the public API (internal/publicapi) alike,
// so that one address means the same search on both.
//
// Both accept the same spellings: a multi-valued filter repeated or
// comma-separated, a flag as true/false, 1/0, yes/no or on/off, a number
// as any finite non-negative decimal. Strict parsing (the API) also refuses
// unknown and repeated parameters, so a typo gives a 400 instead of
// silently unfiltered results; lenient parsing (the pages, whose forms and
// old links carry extras) ignores them. Ranges and allowed values are the
// catalog's to check (internal/catalog), which names the parameter at fault.
// Every problem is kept, one per parameter, so the API names each bad one.
// The original site's names and values are translated here too
// (Translate, for the pages' redirects) or refused naming ours (Strict).
package filters
