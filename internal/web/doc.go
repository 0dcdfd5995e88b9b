// Package web serves the public face of the catalog: the server-rendered
// pages /careers/ and /browse-freelancers/ with their detail pages, the
// application and inquiry forms that send a visitor's message back to the
// owning tenant, and what makes the pages findable (sitemap, Atom feed,
// robots.txt, JSON-LD, Open Graph).
//
// Routes (Handler.Routes):
//
//	GET  /careers/                          jobs: search, filters with counts, sorts, keyset pages
//	GET  /careers/?company=slug             one company's career page
//	GET  /careers/jobs/{id}/                job, JobPosting JSON-LD, application form
//	POST /careers/jobs/{id}/apply           application (303 to .../applied/, 422, 410)
//	GET  /careers/feed.xml                  Atom feed of the newest jobs
//	GET  /browse-freelancers/               providers, same shape as jobs
//	GET  /browse-freelancers/{id}/          provider, inquiry form
//	POST /browse-freelancers/{id}/inquire   inquiry (303 to .../sent/, 422, 410)
//	GET  /sitemap.xml, /sitemaps/{name}     sitemap index and its files
//	GET  /robots.txt, /static/{name}        robots; assets under content-hashed names
//
// It reads through internal/catalog only and writes through internal/intake
// only (DESIGN.md invariant 6). Templates escape every catalog string; the
// only values rendered as HTML are the catalog's *_html fields, which the
// projection has already sanitised. JSON-LD goes through html/template's
// JS context, which escapes <, > and & inside the script element. There is
// no inline script or style, so the strict CSP of httpx.SecurityHeaders
// applies unchanged; icons are inline SVG.
//
// Forms are protected against cross-site posts by http.CrossOriginProtection
// (Sec-Fetch-Site, else Origin against Host, plus the configured base URL as
// a trusted origin) rather than by tokens: every browser in use sends one of
// those headers on a form post, there is no cookie or session to keep, and
// pages carrying forms stay cacheable because they hold nothing per visitor.
// Requests without either header (curl, scripts) are not cross-site browser
// requests and pass; the per-address rate limit, the body size limit and
// the honeypot field bound what they can do.
//
// Listing parameters are read leniently by internal/filters, with the API's
// spellings (unknown ones ignored); a link of the original site, in its own
// names, is answered with a 301 to the same list in ours (original.go).
// Bad parameters are the visitor's
// mistake and get a 400 page naming the parameter; unknown or hidden ids a 404; a listing that closed between the
// page view and the form post a 410 (intake re-checks eligibility in the
// tenant's transaction). Lists, the feed and the sitemap are read in one
// catalog snapshot each, and rendered pages are reused for identical
// requests until the catalog changes (internal/viewcache, keyed by the
// version the change feed follower has seen; a detail page by its own
// row's last change), with ETags answering 304.
package web
