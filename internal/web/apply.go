package web

import (
	"net/http"

	"github.com/zumodra/zumodra/internal/catalog"
	"github.com/zumodra/zumodra/internal/kind"

	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/intake"
	"github.com/zumodra/zumodra/internal/questions"
)

var applyFields = []string{"name", "email", "phone", "resume", "resume_file", "resume_url", "resume_text", "cover_letter"}

// applyAction ends in #apply so that the page shown again with errors
// opens at the form, even on a phone where it sits below the job.
func applyAction(j catalog.JobSummary) string { return jobLink(j) + "apply#apply" }

// apply takes a job application and hands it to intake, which writes it
// into the owning tenant's schema after checking the job is still open.
// Success redirects (Post/Redirect/Get) so a reload cannot send it twice.
func (h *Handler) apply(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	done := jobURL(id, pathSlug(r)) + "applied/"
	if isBot(r) {
		h.log.InfoContext(r.Context(), "honeypot filled: application dropped", "catalog_job_id", id)
		http.Redirect(w, r, done, http.StatusSeeOther)
		return
	}
	// The catalog row says which questions the form asked, so which
	// fields are answers; intake judges them by the source row's.
	j, err := h.catalog.Job(r.Context(), id)
	if err != nil {
		h.submitFailed(w, r, kind.Jobs, id, err, applyKept(r, nil))
		return
	}
	a := intake.Application{Name: field(r, "name"), Email: field(r, "email"), Phone: field(r, "phone"),
		ResumeURL: field(r, "resume_url"), ResumeText: field(r, "resume_text"), CoverLetter: field(r, "cover_letter"),
		Answers: questions.FromForm(j.ApplicationQuestions, r.PostForm)}
	var receipt intake.Receipt
	if a.ResumeFile, err = uploadedResume(r); err == nil {
		receipt, err = h.intake.SubmitApplication(r.Context(), id, a)
	}
	switch domain.ErrorCode(err) {
	case "":
		http.Redirect(w, r, done+mailedQuery(receipt), http.StatusSeeOther)
	case domain.CodeInvalid:
		h.reshowJob(w, r, j, err)
	default:
		h.submitFailed(w, r, kind.Jobs, id, err, applyKept(r, j.ApplicationQuestions))
	}
}

// applyKept is what the visitor typed into the application form, answers
// included, shown back when the job went away before it arrived.
func applyKept(r *http.Request, qs []questions.Question) []keptField {
	return append(kept(r, []string{"name", "email", "phone", "resume_url", "resume_text", "cover_letter"},
		[]string{"Name", "Email", "Phone", "Résumé link", "Résumé", "Cover letter"}), keptAnswers(qs, r.PostForm)...)
}

// applyForm is the job's application form: the standard fields, the file
// input and the job's questions, with nothing filled in.
func applyForm(j catalog.Job) formView {
	f := newForm(applyAction(j.JobSummary))
	f.ResumeUpload = true
	f.Questions = askQuestions(j.ApplicationQuestions, nil, f.Errors)
	return f
}

// submitFailed answers a refused submission. A listing that is unknown by
// the time the form arrives was on the page the visitor just read: it is
// gone for them (410), not a broken link.
func (h *Handler) submitFailed(w http.ResponseWriter, r *http.Request, c kind.Catalog, id int64, err error, typed []keptField) {
	switch domain.ErrorCode(err) {
	case domain.CodeGone, domain.CodeNotFound:
		h.renderGone(w, r, c, id, typed)
	default:
		h.fail(w, r, err)
	}
}

// reshowJob shows the job page again with the visitor's input and the
// errors next to the fields.
// A browser cannot refill a file input: when a file was sent and was not
// what went wrong, the form asks for it again.
func (h *Handler) reshowJob(w http.ResponseWriter, r *http.Request, j catalog.Job, err error) {
	f := applyForm(j)
	refill(&f, r, applyFields...)
	fieldErrors(&f, err, append(answerFields(j.ApplicationQuestions), applyFields...)...)
	f.Questions = askQuestions(j.ApplicationQuestions, r.PostForm, f.Errors)
	f.FileAgain = r.MultipartForm != nil && len(r.MultipartForm.File[resumeFileField]) > 0 && f.Errors[resumeFileField] == ""
	h.renderJob(w, r, http.StatusUnprocessableEntity, j, f)
}

// applied is the page a successful application redirects to.
func (h *Handler) applied(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	m := message{Success: true, Heading: "Application sent", Text: "Thank you. The hiring company has your application.",
		Links: []link{{URL: jobsPath, Label: "Browse more jobs", Primary: true}}}
	if j, err := h.catalog.Job(r.Context(), id); err == nil {
		m.Text = "Thank you. " + j.CompanyName + " has your application for “" + j.Title + "”."
		m.Links = append(m.Links, link{URL: companyURL(j.CompanySlug), Label: "More jobs at " + j.CompanyName})
	}
	m.Text += mailedPromise(r)
	w.Header().Set("Cache-Control", "no-store")
	h.render(w, r, http.StatusOK, "message", page{Title: "Application sent · " + h.cfg.SiteName,
		Description: m.Text, NoIndex: true, Section: "careers", Data: m})
}

// mailedQuery marks the confirmation's address when the tenant is told of
// the submission by e-mail, so the page promises only what happens. The
// read path never asks the tenant's settings; a visitor who adds the
// parameter by hand only changes the words of their own thank-you page.
func mailedQuery(r intake.Receipt) string {
	if r.Mailed() {
		return "?notified=email"
	}
	return ""
}

// mailedPromise is the confirmation's sentence about e-mail: only when
// the tenant was mailed does the page say they will answer by e-mail.
func mailedPromise(r *http.Request) string {
	if r.URL.Query().Get("notified") == "email" {
		return " They have been told by e-mail and will contact you at the address you gave."
	}
	return ""
}
