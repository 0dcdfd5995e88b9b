// Package catalog holds every read query over the public catalog
// (public.job_catalog and public.provider_catalog): search, filters, facet
// counts, keyset pagination, browse lists, stats, the feed and the sitemap.
// The public pages (internal/web) and the public JSON API
// (internal/publicapi) both read through it.
//
// It reads the catalog only, never a tenant schema (DESIGN.md invariant 6),
// and it hides jobs past their application deadline at query time. Every
// value from a visitor reaches SQL as a bind parameter, after validation that
// reports a domain.FieldError naming the parameter at fault.
package catalog
