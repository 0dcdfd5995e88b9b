package notify_test

import (
	"bytes"
	"context"
	"io"
	"mime"
	"mime/quotedprintable"
	"net/mail"
	"strings"
	"testing"

	"github.com/zumodra/zumodra/internal/intake"
	"github.com/zumodra/zumodra/internal/notify"
	"github.com/zumodra/zumodra/internal/notify/notifytest"
	"github.com/zumodra/zumodra/internal/webhooks"
)

// A new application is mailed to the tenant's notification address
// through a real SMTP server, retried after a temporary refusal, with the
// visitor's text in the body (where a line of it cannot end the message
// or add a header) and the subject encoded.
func TestApplicationIsMailedToTheNotificationAddress(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	smtpd := notifytest.StartSMTP(t)
	smtpd.RejectNext(1)
	s, err := notify.GetSettings(ctx, e.pool, e.tenant.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"hr@example.com\r\nBcc: x@example.com", "not an address", strings.Repeat("a", 250) + "@example.com"} {
		if _, err := notify.UpdateSettings(ctx, e.pool, e.tenant.ID, s.Version, notify.SettingsInput{Email: bad}); err == nil {
			t.Errorf("address %q accepted", bad)
		}
	}
	if _, err := notify.UpdateSettings(ctx, e.pool, e.tenant.ID, s.Version, notify.SettingsInput{Email: "hr@acme.example"}); err != nil {
		t.Fatal(err)
	}
	without := intake.New(e.pool, nil).WithDuplicateWindow(0)
	if r := e.apply(without, "Nobody"); r.Mailed() {
		t.Fatal("mailed by a server without SMTP")
	}
	in := without.WithNotify(notify.Recorder{Mail: true})
	r := e.apply(in, "Ève Ünïcode")
	if !r.Mailed() {
		t.Fatal("receipt does not say the tenant is mailed")
	}
	m := notify.SMTP{Host: smtpd.Host, Port: smtpd.Port, From: "jobs@zumodra.example"}
	// A worker without a mailer leaves e-mail to one that has one.
	if n := deliver(t, e.worker(webhooks.Guard{}, nil)); n != 0 {
		t.Fatalf("%d attempts by a worker without SMTP", n)
	}
	if n := deliver(t, e.worker(webhooks.Guard{}, m)); n != 2 {
		t.Fatalf("%d attempts, want 2 (a 451, then accepted)", n)
	}
	mails := smtpd.Mails()
	if len(mails) != 1 || len(mails[0].To) != 1 || mails[0].To[0] != "hr@acme.example" || mails[0].From != "jobs@zumodra.example" {
		t.Fatalf("mails %+v", mails)
	}
	msg, err := mail.ReadMessage(bytes.NewReader(mails[0].Data))
	if err != nil {
		t.Fatal(err)
	}
	if msg.Header.Get("Bcc") != "" || len(msg.Header["Subject"]) != 1 {
		t.Fatalf("injected headers: %v", msg.Header)
	}
	subject, _ := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
	if subject != "New application: Go engineer from Ève Ünïcode" {
		t.Fatalf("subject %q", subject)
	}
	if msg.Header.Get("Reply-To") != "ada@example.com" {
		t.Fatalf("Reply-To %q", msg.Header.Get("Reply-To"))
	}
	body, _ := io.ReadAll(quotedprintable.NewReader(msg.Body))
	if !bytes.Contains(mails[0].Data, []byte("\r\n.\r\nBcc: evil@example.com")) {
		t.Errorf("the cover letter's lines did not arrive as body lines:\n%s", mails[0].Data)
	}
	for _, want := range []string{"applied for “Go engineer”", "E-mail: ada@example.com", "https://example.com/cv.pdf", "Hello.", "/api/v1/tenant/applications/"} {
		if !strings.Contains(string(body), want) {
			t.Errorf("body lacks %q:\n%s", want, body)
		}
	}
	if n := e.count(`SELECT count(*) FROM public.notify_attempts a JOIN public.notify_deliveries d ON d.id = a.delivery_id
		WHERE d.channel = 'email' AND a.status_code = 451`); n != 1 {
		t.Fatalf("%d logged 451 attempts, want 1", n)
	}
}

// With STARTTLS required, a server that does not offer it gets nothing
// (the attempt fails and is retried), and one that does gets the message
// over TLS.
func TestMailRequiresSTARTTLSWhenConfigured(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	s, _ := notify.GetSettings(ctx, e.pool, e.tenant.ID)
	if _, err := notify.UpdateSettings(ctx, e.pool, e.tenant.ID, s.Version, notify.SettingsInput{Email: "hr@acme.example"}); err != nil {
		t.Fatal(err)
	}
	e.apply(intake.New(e.pool, nil).WithNotify(notify.Recorder{Mail: true}), "Ada")
	plain := notifytest.StartSMTP(t)
	w := e.worker(webhooks.Guard{}, notify.SMTP{Host: plain.Host, Port: plain.Port, From: "jobs@zumodra.example", StartTLS: true})
	w.MaxAttempts = 1
	if n := deliver(t, w); n != 1 || len(plain.Mails()) != 0 {
		t.Fatalf("%d attempts, %d mails over plain SMTP", n, len(plain.Mails()))
	}
	var lastErr string
	if err := e.pool.QueryRow(ctx, `SELECT last_error FROM public.notify_deliveries WHERE state = 'dead'`).Scan(&lastErr); err != nil || !strings.Contains(lastErr, "STARTTLS") {
		t.Fatalf("dead delivery error %q (%v), want the missing STARTTLS", lastErr, err)
	}
	secure, trust := notifytest.StartSMTPWithTLS(t)
	e.apply(intake.New(e.pool, nil).WithDuplicateWindow(0).WithNotify(notify.Recorder{Mail: true}), "Grace")
	tw := e.worker(webhooks.Guard{}, notify.SMTP{Host: secure.Host, Port: secure.Port, From: "jobs@zumodra.example", StartTLS: true, TLSConfig: trust})
	if n := deliver(t, tw); n != 1 || len(secure.Mails()) != 1 {
		t.Fatalf("%d attempts, %d mails over STARTTLS", n, len(secure.Mails()))
	}
}
