package intake_test

import (
	"strings"
	"testing"

	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/intake"
	"github.com/zumodra/zumodra/internal/intake/check"
)

func okApplication() intake.Application {
	return intake.Application{Name: "Ada Lovelace", Email: "ada@example.com", ResumeURL: "https://cv.example.com/ada.pdf"}
}

func TestApplicationValidate(t *testing.T) {
	cases := []struct {
		name   string
		edit   func(*intake.Application)
		fields []string // bad fields expected, in order; none means valid
	}{
		{"valid", func(a *intake.Application) {}, nil},
		{"name missing", func(a *intake.Application) { a.Name = "  " }, []string{"name"}},
		{"name too long", func(a *intake.Application) { a.Name = strings.Repeat("é", 201) }, []string{"name"}},
		{"name 200 multibyte ok", func(a *intake.Application) { a.Name = strings.Repeat("é", 200) }, nil},
		{"name with newline", func(a *intake.Application) { a.Name = "Ada\nBcc: x@y.z" }, []string{"name"}},
		{"email missing", func(a *intake.Application) { a.Email = "" }, []string{"email"}},
		{"email no at", func(a *intake.Application) { a.Email = "ada.example.com" }, []string{"email"}},
		{"email display name", func(a *intake.Application) { a.Email = "Ada <ada@example.com>" }, []string{"email"}},
		{"email no dot", func(a *intake.Application) { a.Email = "ada@localhost" }, []string{"email"}},
		{"email quoted", func(a *intake.Application) { a.Email = `"a b"@example.com` }, []string{"email"}},
		{"email header injection", func(a *intake.Application) { a.Email = "ada@example.com\r\nBcc: x@y.z" }, []string{"email"}},
		{"email too long", func(a *intake.Application) { a.Email = strings.Repeat("a", 250) + "@ex.com" }, []string{"email"}},
		{"resume javascript", func(a *intake.Application) { a.ResumeURL = "javascript:alert(1)" }, []string{"resume_url"}},
		{"resume relative", func(a *intake.Application) { a.ResumeURL = "/cv.pdf" }, []string{"resume_url"}},
		{"resume data", func(a *intake.Application) { a.ResumeURL = "data:text/html,<script>" }, []string{"resume_url"}},
		{"resume ftp", func(a *intake.Application) { a.ResumeURL = "ftp://example.com/cv" }, []string{"resume_url"}},
		{"phone too long", func(a *intake.Application) { a.Phone = strings.Repeat("1", 51) }, []string{"phone"}},
		{"resume text too long", func(a *intake.Application) { a.ResumeText = strings.Repeat("x", 50001) }, []string{"resume_text"}},
		{"cover letter NUL", func(a *intake.Application) { a.CoverLetter = "hi\x00there" }, []string{"cover_letter"}},
		{"cover letter invalid UTF-8", func(a *intake.Application) { a.CoverLetter = "hi\xff" }, []string{"cover_letter"}},
		{"no résumé at all", func(a *intake.Application) { a.ResumeURL, a.ResumeText = "", " \n " }, []string{"resume"}},
		{"résumé text alone ok", func(a *intake.Application) { a.ResumeURL, a.ResumeText = "", "Ten years of Go" }, nil},
		{"cover letter multi-line ok", func(a *intake.Application) { a.CoverLetter = "Dear team,\n\n<b>hi</b>'; DROP TABLE x; --" }, nil},
		{"every field bad", func(a *intake.Application) {
			*a = intake.Application{Name: "", Email: "x", Phone: "\x00", ResumeURL: "nope", ResumeText: "\xfe", CoverLetter: strings.Repeat("c", 20001)}
		}, []string{"name", "email", "phone", "resume_url", "resume_text", "cover_letter"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a := okApplication()
			c.edit(&a)
			assertFields(t, a.Validate(), c.fields)
		})
	}
}

func TestInquiryValidate(t *testing.T) {
	neg, huge, budget := -1.0, 1e10, 2500.0
	cases := []struct {
		name   string
		q      intake.Inquiry
		fields []string
	}{
		{"valid", intake.Inquiry{Name: "Bob", Email: "bob@example.org", Message: "Build me a site", Budget: &budget, Currency: "EUR"}, nil},
		{"currency defaults", intake.Inquiry{Name: "Bob", Email: "bob@example.org", Message: "hi"}, nil},
		{"message missing", intake.Inquiry{Name: "Bob", Email: "bob@example.org", Message: " \n "}, []string{"message"}},
		{"negative budget", intake.Inquiry{Name: "Bob", Email: "bob@example.org", Message: "m", Budget: &neg}, []string{"budget"}},
		{"budget beyond numeric(12,2)", intake.Inquiry{Name: "Bob", Email: "bob@example.org", Message: "m", Budget: &huge}, []string{"budget"}},
		{"currency lower case", intake.Inquiry{Name: "Bob", Email: "bob@example.org", Message: "m", Currency: "usd"}, []string{"currency"}},
		{"currency not ISO 4217", intake.Inquiry{Name: "Bob", Email: "bob@example.org", Message: "m", Currency: "ABC"}, []string{"currency"}},
		{"message too long", intake.Inquiry{Name: "Bob", Email: "bob@example.org", Message: strings.Repeat("m", 20001)}, []string{"message"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { assertFields(t, c.q.Validate(), c.fields) })
	}
}

func assertFields(t *testing.T, err error, want []string) {
	t.Helper()
	if len(want) == 0 {
		if err != nil {
			t.Fatalf("want valid, got %v", err)
		}
		return
	}
	if domain.ErrorCode(err) != domain.CodeInvalid {
		t.Fatalf("want CodeInvalid, got %v (%v)", domain.ErrorCode(err), err)
	}
	var got []string
	for _, fe := range check.Fields(err) {
		got = append(got, fe.Field)
	}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("bad fields: got %v, want %v (%v)", got, want, err)
	}
}
