package notify

import (
	"bytes"
	"encoding/json"
	"fmt"
	"mime"
	"mime/quotedprintable"
	"net/mail"
	"strings"
	"time"
	"unicode"

	"github.com/zumodra/zumodra/internal/intake/check"
)

// Message is one plain-text e-mail to the tenant's notification address.
type Message struct {
	To      string
	ReplyTo string // the applicant's address, when it is a plain one
	Subject string
	Body    string
	ID      string // the event's id, for Message-ID
	Date    time.Time
}

// maxSubject bounds a subject in characters, after sanitising.
const maxSubject = 150

// headerText makes a value safe in a header: control characters (CR and
// LF above all, which would start a header of the sender's choosing) and
// other non-printing runes become spaces, runs of space collapse, and the
// result is cut to n characters.
func headerText(s string, n int) string {
	s = strings.ToValidUTF8(s, "")
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || !unicode.IsPrint(r) {
			return ' '
		}
		return r
	}, s)
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		s = string(r[:n-1]) + "…"
	}
	return s
}

// bytes renders m as an RFC 5322 message in CRLF lines: encoded words for
// a non-ASCII subject, quoted-printable UTF-8 for the body, so no line of
// the visitor's text can be taken for a header or the end of DATA.
func (m Message) bytes(from string) ([]byte, error) {
	for _, a := range []string{from, m.To} {
		if check.Email("address", a) != nil {
			return nil, fmt.Errorf("mail: %q is not a plain e-mail address", a)
		}
	}
	var b bytes.Buffer
	h := func(k, v string) { b.WriteString(k + ": " + v + "\r\n") }
	h("From", (&mail.Address{Name: "Zumodra", Address: from}).String())
	h("To", m.To)
	if m.ReplyTo != "" && check.Email("reply_to", m.ReplyTo) == nil {
		h("Reply-To", m.ReplyTo)
	}
	h("Subject", mime.QEncoding.Encode("utf-8", headerText(m.Subject, maxSubject)))
	h("Date", m.Date.UTC().Format(time.RFC1123Z))
	h("Message-ID", "<"+m.ID+"@zumodra>")
	h("MIME-Version", "1.0")
	h("Content-Type", "text/plain; charset=utf-8")
	h("Content-Transfer-Encoding", "quoted-printable")
	h("Auto-Submitted", "auto-generated")
	b.WriteString("\r\n")
	qp := quotedprintable.NewWriter(&b)
	body := strings.ReplaceAll(strings.ToValidUTF8(m.Body, "\uFFFD"), "\r\n", "\n")
	if _, err := qp.Write([]byte(strings.ReplaceAll(body, "\n", "\r\n"))); err != nil {
		return nil, err
	}
	if err := qp.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// messageFor writes the e-mail of a new application or inquiry.
func messageFor(c claimed) (Message, error) {
	var s Submitted
	if err := json.Unmarshal(c.Data, &s); err != nil {
		return Message{}, fmt.Errorf("mail: event data: %w", err)
	}
	m := Message{To: c.Recipient, ID: c.WebhookID, Date: c.CreatedAt}
	switch {
	case c.Type == ApplicationCreated && s.Application != nil:
		a := s.Application
		m.ReplyTo, m.Subject = a.Email, "New application: "+a.JobTitle+" from "+a.Name
		m.Body = lines(
			headerText(a.Name, 200)+" applied for “"+a.JobTitle+"”.", "",
			"E-mail: "+a.Email, "Phone: "+orNone(a.Phone), "Résumé link: "+orNone(a.ResumeURL), "",
			"Cover letter:", orNone(a.CoverLetter), "",
			fmt.Sprintf("The whole application: GET /api/v1/tenant/applications/%d", a.ID))
	case c.Type == InquiryCreated && s.Inquiry != nil:
		q := s.Inquiry
		m.ReplyTo, m.Subject = q.Email, "New inquiry for "+q.ProviderName+" from "+q.Name
		budget := "none given"
		if q.Budget != nil {
			budget = fmt.Sprintf("%.2f %s", *q.Budget, q.Currency)
		}
		m.Body = lines(
			headerText(q.Name, 200)+" sent an inquiry to “"+q.ProviderName+"”.", "",
			"E-mail: "+q.Email, "Budget: "+budget, "",
			"Message:", q.Message, "",
			fmt.Sprintf("The whole inquiry: GET /api/v1/tenant/inquiries/%d", q.ID))
	default:
		return Message{}, fmt.Errorf("mail: no e-mail is written for %s events", c.Type)
	}
	return m, nil
}

func lines(ls ...string) string { return strings.Join(ls, "\n") + "\n" }

func orNone(s string) string {
	if strings.TrimSpace(s) == "" {
		return "(none)"
	}
	return s
}
