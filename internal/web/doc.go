// Package web serves the public face of the catalog: the server-rendered
// pages /careers/ and /browse-freelancers/ with their detail pages, the
// application and inquiry forms that send a visitor's message back to the
// owning tenant, and what makes the pages findable (sitemap, Atom feed,
// robots.txt, JSON-LD, Open Graph).
//
// It reads through internal/catalog only and writes through internal/intake
// only (DESIGN.md invariant 6). Templates escape every catalog string; the
// only values rendered as HTML are the catalog's *_html fields, which the
// projection has already sanitised. Assets are embedded and served under
// content-hashed names, so pages work without JavaScript and under a CSP that
// allows no inline script or style.
package web
