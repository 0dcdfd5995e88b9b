package notify

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/smtp"
	"net/textproto"
	"strconv"
	"time"
)

// Mailer sends one plain-text message; SMTP is the real one.
type Mailer interface {
	Send(ctx context.Context, m Message) outcome
}

// SMTP sends mail through one SMTP server, as configured by the operator.
type SMTP struct {
	Host     string
	Port     int
	From     string // the envelope sender and From header: a bare address
	Username string // with Password: AUTH PLAIN, only ever over TLS or to localhost
	Password string
	// StartTLS requires the server to offer STARTTLS and upgrades before
	// anything else is said; false speaks plain SMTP (a relay on a closed
	// network, or a test).
	StartTLS  bool
	Timeout   time.Duration // the whole session; 0: DefaultSendTimeout
	TLSConfig *tls.Config   // nil: verify the server's certificate for Host
}

// Send delivers m in one SMTP session.
func (s SMTP) Send(ctx context.Context, m Message) outcome {
	start := time.Now()
	msg, err := m.bytes(s.From)
	if err != nil {
		return outcome{Err: err, Final: true}
	}
	code, err := s.session(ctx, m.To, msg)
	return outcome{OK: err == nil, Status: code, Duration: time.Since(start), Err: err}
}

func (s SMTP) session(ctx context.Context, to string, msg []byte) (int, error) {
	timeout := s.Timeout
	if timeout <= 0 {
		timeout = DefaultSendTimeout
	}
	addr := net.JoinHostPort(s.Host, strconv.Itoa(s.Port))
	conn, err := (&net.Dialer{Timeout: timeout}).DialContext(ctx, "tcp", addr)
	if err != nil {
		return 0, fmt.Errorf("smtp dial %s: %w", addr, err)
	}
	_ = conn.SetDeadline(time.Now().Add(timeout))
	c, err := smtp.NewClient(conn, s.Host)
	if err != nil {
		conn.Close()
		return replyCode(err), fmt.Errorf("smtp greeting: %w", err)
	}
	defer c.Close()
	if err := s.secure(c); err != nil {
		return replyCode(err), err
	}
	steps := []func() error{
		func() error { return c.Mail(s.From) },
		func() error { return c.Rcpt(to) },
		func() error { return writeData(c, msg) },
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return replyCode(err), fmt.Errorf("smtp: %w", err)
		}
	}
	_ = c.Quit()
	return 250, nil
}

// secure upgrades to TLS when required and authenticates when configured.
// net/smtp's PLAIN refuses to send a password over an unencrypted
// connection to anything but localhost.
func (s SMTP) secure(c *smtp.Client) error {
	if s.StartTLS {
		if ok, _ := c.Extension("STARTTLS"); !ok {
			return errors.New("smtp: the server does not offer STARTTLS, which the configuration requires")
		}
		cfg := s.TLSConfig
		if cfg == nil {
			cfg = &tls.Config{ServerName: s.Host, MinVersion: tls.VersionTLS12}
		}
		if err := c.StartTLS(cfg); err != nil {
			return fmt.Errorf("smtp starttls: %w", err)
		}
	}
	if s.Username == "" {
		return nil
	}
	if err := c.Auth(smtp.PlainAuth("", s.Username, s.Password, s.Host)); err != nil {
		return fmt.Errorf("smtp auth: %w", err)
	}
	return nil
}

func writeData(c *smtp.Client, msg []byte) error {
	w, err := c.Data()
	if err != nil {
		return err
	}
	if _, err := w.Write(msg); err != nil {
		w.Close()
		return err
	}
	return w.Close()
}

// replyCode is the SMTP reply code an error carries, or 0.
func replyCode(err error) int {
	var te *textproto.Error
	if errors.As(err, &te) {
		return te.Code
	}
	return 0
}

// mail sends an e-mail delivery.
func (w *Worker) mail(ctx context.Context, c claimed) outcome {
	m, err := messageFor(c)
	if err != nil {
		return outcome{Err: err, Final: true}
	}
	return w.Mailer.Send(ctx, m)
}
