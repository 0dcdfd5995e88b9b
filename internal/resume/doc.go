// Package resume is the rule for résumé files applicants upload and the
// store of them: what a file may be (a PDF, DOCX or ODT of at most 5 MB,
// its type sniffed from its bytes, never taken from the client's word), the
// name it is offered under when downloaded, and the table that keeps it in
// the owning tenant's schema (application_resumes, tenant/0009), one file
// per application, deleted with it. intake stores a file in the
// transaction that stores the application; the tenant API serves it.
package resume
