// Package notifytest starts the real servers a notification test talks
// to: an SMTP server on a local port that keeps what it receives.
package notifytest

import (
	"bytes"
	"crypto/tls"
	"io"
	"net"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-smtp"
)

// Mail is one message the server accepted.
type Mail struct {
	From string
	To   []string
	Data []byte
}

// SMTPServer is a local SMTP server (plain, no TLS, no auth): what a
// closed network's relay looks like to zumodra.
type SMTPServer struct {
	Host string
	Port int

	mu     sync.Mutex
	mails  []Mail
	reject int           // answer the next n DATA commands with 451
	got    chan struct{} // one send per accepted message
}

// StartSMTP starts a server on 127.0.0.1 for the test's lifetime.
func StartSMTP(t testing.TB) *SMTPServer { return start(t, nil) }

// StartSMTPWithTLS starts a server that offers STARTTLS with a fresh
// self-signed certificate for 127.0.0.1, and returns the client's TLS
// configuration that trusts it.
func StartSMTPWithTLS(t testing.TB) (*SMTPServer, *tls.Config) {
	t.Helper()
	server, client := selfSigned(t)
	return start(t, server), client
}

func start(t testing.TB, tlsConfig *tls.Config) *SMTPServer {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &SMTPServer{got: make(chan struct{}, 1000)}
	srv := smtp.NewServer(smtp.BackendFunc(func(*smtp.Conn) (smtp.Session, error) { return &session{srv: s}, nil }))
	srv.Domain = "localhost"
	srv.ReadTimeout, srv.WriteTimeout = 10*time.Second, 10*time.Second
	srv.MaxMessageBytes = 1 << 20
	srv.TLSConfig = tlsConfig
	go func() { _ = srv.Serve(ln) }()
	t.Cleanup(func() { srv.Close() })
	host, port, _ := net.SplitHostPort(ln.Addr().String())
	s.Host = host
	s.Port, _ = strconv.Atoi(port)
	return s
}

// RejectNext makes the next n messages fail with a temporary error (451).
func (s *SMTPServer) RejectNext(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.reject = n
}

// Mails returns what was accepted so far.
func (s *SMTPServer) Mails() []Mail {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Mail(nil), s.mails...)
}

type session struct {
	srv  *SMTPServer
	mail Mail
}

func (x *session) Mail(from string, _ *smtp.MailOptions) error { x.mail.From = from; return nil }
func (x *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	x.mail.To = append(x.mail.To, to)
	return nil
}
func (x *session) Reset()        { x.mail = Mail{} }
func (x *session) Logout() error { return nil }

func (x *session) Data(r io.Reader) error {
	var b bytes.Buffer
	if _, err := io.Copy(&b, r); err != nil {
		return err
	}
	x.srv.mu.Lock()
	defer x.srv.mu.Unlock()
	if x.srv.reject > 0 {
		x.srv.reject--
		return &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "try again later"}
	}
	x.mail.Data = b.Bytes()
	x.srv.mails = append(x.srv.mails, x.mail)
	x.srv.got <- struct{}{}
	return nil
}

// Next waits until the server accepts one more message and returns it,
// failing the test if none comes within 30 seconds (a delivery worker in
// another goroutine sends it when it finds it due).
func (s *SMTPServer) Next(t testing.TB) Mail {
	t.Helper()
	select {
	case <-s.got:
	case <-time.After(30 * time.Second):
		t.Fatal("no mail reached the SMTP server")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.mails[len(s.mails)-1]
}
