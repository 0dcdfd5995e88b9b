package intake

import (
	"strings"

	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/intake/check"
	"github.com/zumodra/zumodra/internal/resume"
)

// Lengths follow the CHECK constraints on applications and
// project_inquiries in tenant/0001_model.sql.
const (
	maxName        = 200
	maxPhone       = 50
	maxURL         = 2000
	maxResumeText  = 50000
	maxCoverLetter = 20000
	maxMessage     = 20000
)

// DefaultCurrency is used when an inquiry names none.
const DefaultCurrency = "USD"

// normalised trims the single-line fields: a form's stray space before an
// address is no reason to refuse it.
func (a Application) normalised() Application {
	a.Name, a.Email = strings.TrimSpace(a.Name), normalEmail(a.Email)
	a.Phone, a.ResumeURL = strings.TrimSpace(a.Phone), strings.TrimSpace(a.ResumeURL)
	return a
}

func (q Inquiry) normalised() Inquiry {
	q.Name, q.Email, q.Currency = strings.TrimSpace(q.Name), normalEmail(q.Email), strings.TrimSpace(q.Currency)
	return q
}

// normalEmail is the one normalisation of a visitor's address before it is
// checked and stored; stored addresses are then matched ignoring case.
func normalEmail(v string) string { return strings.TrimSpace(v) }

// Address normalises and checks an address as a submission's is, so that
// a search for an applicant's rows (export, erase) finds what intake
// stored; field names the parameter in the error.
func Address(field, v string) (string, error) {
	v = normalEmail(v)
	return v, check.Email(field, v)
}

// Validate reports every bad field of the application but its answers,
// which only the job's questions can judge.
func (a Application) Validate() error {
	_, err := a.checked()
	return err
}

// checked validates the application and accepts its résumé file, if any.
func (a Application) checked() (*resume.File, error) {
	var l check.List
	var file *resume.File
	if a.ResumeFile != nil {
		f, err := resume.Accept(*a.ResumeFile)
		l.Add(err)
		file = &f
	}
	l.Add(check.Line("name", a.Name, 1, maxName))
	l.Add(check.Email("email", a.Email))
	l.Add(check.Line("phone", a.Phone, 0, maxPhone))
	l.Add(check.URL("resume_url", a.ResumeURL, maxURL))
	l.Add(check.Text("resume_text", a.ResumeText, 0, maxResumeText))
	l.Add(check.Text("cover_letter", a.CoverLetter, 0, maxCoverLetter))
	if a.ResumeURL == "" && strings.TrimSpace(a.ResumeText) == "" && a.ResumeFile == nil {
		l.Add(domain.FieldError("resume", "is required: upload a file, give a link to it or paste its text"))
	}
	return file, l.Err()
}

// Validate reports every bad field of the inquiry; an empty currency means
// DefaultCurrency.
func (q Inquiry) Validate() error {
	var l check.List
	l.Add(check.Line("name", q.Name, 1, maxName))
	l.Add(check.Email("email", q.Email))
	l.Add(check.Text("message", q.Message, 1, maxMessage))
	l.Add(check.Amount("budget", q.Budget, 12))
	if q.Currency != "" {
		l.Add(check.Currency("currency", q.Currency))
	}
	return l.Err()
}
