// Package intake is the reverse path of the sync: a visitor's job
// application or project inquiry, made against a public catalog row, is
// written into the private schema of the one tenant that owns that row, and
// nowhere else (DESIGN.md invariant 6).
//
// The catalog may lag its source by a sync cycle, so the catalog row only
// says where to go: in the owning tenant's schema, in one transaction, the
// source row and the tenant are locked and eligibility is checked again
// before anything is written. A job unpublished after the visitor loaded the
// page is therefore refused (domain.CodeGone) and nothing is stored.
package intake
