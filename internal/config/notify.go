package config

import (
	"fmt"
	"net/mail"

	"github.com/spf13/pflag"
)

// Notify configures how tenants are notified: the SMTP server that mails
// new applications and inquiries (none: no e-mail), and whether webhooks
// may reach private addresses.
type Notify struct {
	SMTP SMTP
	// WebhookAllowPrivate lets endpoints name loopback, private and
	// link-local addresses: for tests and closed networks only.
	WebhookAllowPrivate bool
}

// SMTP is the mail server; an empty Host turns e-mail off.
type SMTP struct {
	Host     string
	Port     int
	From     string // the sender address
	Username string // with Password, AUTH PLAIN over TLS
	Password string // secret: env only, never logged
	StartTLS bool   // require STARTTLS before anything else (default true)
}

// Enabled reports whether mail is configured.
func (s SMTP) Enabled() bool { return s.Host != "" }

// Environment variables of Notify.
const (
	EnvSMTPHost            = "ZUMODRA_SMTP_HOST"
	EnvSMTPPort            = "ZUMODRA_SMTP_PORT"
	EnvSMTPFrom            = "ZUMODRA_SMTP_FROM"
	EnvSMTPUsername        = "ZUMODRA_SMTP_USERNAME"
	EnvSMTPPassword        = "ZUMODRA_SMTP_PASSWORD"
	EnvSMTPStartTLS        = "ZUMODRA_SMTP_STARTTLS"
	EnvWebhookAllowPrivate = "ZUMODRA_WEBHOOK_ALLOW_PRIVATE"
)

// DefaultSMTPPort is the submission port.
const DefaultSMTPPort = 587

func defaultNotify() Notify { return Notify{SMTP: SMTP{Port: DefaultSMTPPort, StartTLS: true}} }

func (n *Notify) fromEnv(getenv func(string) string) error {
	for name, dst := range map[string]*string{EnvSMTPHost: &n.SMTP.Host, EnvSMTPFrom: &n.SMTP.From, EnvSMTPUsername: &n.SMTP.Username} {
		if v := getenv(name); v != "" {
			*dst = v
		}
	}
	n.SMTP.Password = getenv(EnvSMTPPassword) // taken verbatim, like a token
	if v := getenv(EnvSMTPPort); v != "" {
		p, err := parseInt(EnvSMTPPort, v)
		if err != nil {
			return err
		}
		n.SMTP.Port = p
	}
	for name, dst := range map[string]*bool{EnvSMTPStartTLS: &n.SMTP.StartTLS, EnvWebhookAllowPrivate: &n.WebhookAllowPrivate} {
		if v := getenv(name); v != "" {
			b, err := parseBool(name, v)
			if err != nil {
				return err
			}
			*dst = b
		}
	}
	return nil
}

func (n Notify) validate() error {
	s := n.SMTP
	if !s.Enabled() {
		return nil
	}
	if s.Port < 1 || s.Port > 65535 {
		return fmt.Errorf("smtp port %d: want 1 to 65535", s.Port)
	}
	if a, err := mail.ParseAddress(s.From); err != nil || a.Name != "" || a.Address != s.From {
		return fmt.Errorf("smtp from %q: want a plain e-mail address such as jobs@example.com", s.From)
	}
	if (s.Username == "") != (s.Password == "") {
		return fmt.Errorf("smtp: set both %s and %s, or neither", EnvSMTPUsername, EnvSMTPPassword)
	}
	return nil
}

// BindNotifyFlags registers the notification flags of the commands that
// run delivery workers (serve, worker, demo).
func (c *Config) BindNotifyFlags(fs *pflag.FlagSet) {
	s := &c.Notify.SMTP
	fs.StringVar(&s.Host, "smtp-host", s.Host, "SMTP server that mails new applications and inquiries to tenants; empty sends no e-mail (env "+EnvSMTPHost+")")
	fs.IntVar(&s.Port, "smtp-port", s.Port, "SMTP server port (env "+EnvSMTPPort+")")
	fs.StringVar(&s.From, "smtp-from", s.From, "sender address of notification e-mail (env "+EnvSMTPFrom+")")
	fs.BoolVar(&s.StartTLS, "smtp-starttls", s.StartTLS, "require STARTTLS; --smtp-starttls=false speaks plain SMTP, for a relay on a closed network (env "+EnvSMTPStartTLS+")")
	fs.BoolVar(&c.Notify.WebhookAllowPrivate, "webhook-allow-private", c.Notify.WebhookAllowPrivate,
		"let webhook endpoints name loopback, private and link-local addresses; for closed networks and tests only (env "+EnvWebhookAllowPrivate+")")
}
