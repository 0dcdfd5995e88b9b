// Package inbox is the tenant's side of what visitors send: it owns the
// reads, status changes, history, export and erasure of a tenant's
// applications and project inquiries (intake owns their insertion).
//
// Each submission moves through a pipeline (domain.ApplicationStatuses,
// domain.InquiryStatuses). A move names the version it was decided on, so
// two people moving one submission never both win, and leaves a history
// row (who, when, from, to, note) in the same transaction.
//
// One applicant's data (export, erase) and old data (the retention purge)
// are found through each inbox's list of related tables in kind.go, so a
// table of applicant data added there is covered by all three.
package inbox
