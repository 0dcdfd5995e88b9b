package notify

import (
	"bytes"
	"net/mail"
	"strings"
	"testing"
	"time"
)

// Whatever a subject or reply address holds, the message has exactly the
// headers zumodra writes.
func TestMessageHeadersCannotBeInjected(t *testing.T) {
	for _, subject := range []string{"hi\r\nBcc: spy@example.com", "hi\nBcc: spy@example.com", "hi\rBcc: x", "a\u0085b\u2028c\x00d", strings.Repeat("é", 1000), "\xff\xfe bad utf-8"} {
		m := Message{To: "hr@acme.example", ReplyTo: "ada@example.com\r\nBcc: spy@example.com", Subject: subject,
			Body: "line\r\n.\r\nBcc: x\n", ID: "evt_1", Date: time.Unix(0, 0)}
		raw, err := m.bytes("jobs@zumodra.example")
		if err != nil {
			t.Fatal(err)
		}
		msg, err := mail.ReadMessage(bytes.NewReader(raw))
		if err != nil {
			t.Fatalf("subject %q: %v", subject, err)
		}
		if msg.Header.Get("Bcc") != "" || msg.Header.Get("Reply-To") != "" || len(msg.Header["Subject"]) != 1 {
			t.Errorf("subject %q gives headers %v", subject, msg.Header)
		}
	}
	if _, err := (Message{To: "hr@acme.example\r\nBcc: x@example.com"}).bytes("jobs@zumodra.example"); err == nil {
		t.Error("a recipient with a line break was accepted")
	}
}
