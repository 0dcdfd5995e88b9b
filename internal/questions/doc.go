// Package questions is the rule for a job's custom questions to
// applicants: what a question may be (short text, long text, yes/no,
// single or multiple choice, required or not), and whether an applicant's
// answers fit the questions. The tenant API checks questions with Parse
// when a job is written; intake checks answers with Check when an
// application arrives; the apply form and the public form endpoint show
// them. It imports only the domain's error type and the field checks.
package questions
