package check

import (
	"net/mail"
	"strings"

	"github.com/zumodra/zumodra/internal/domain"
)

// Email checks a bare e-mail address (no display name, no angle brackets)
// of 3 to 254 characters. net/mail accepts forms nobody types into a form
// (quoted local parts, comments, a domain without a dot), so a few sanity
// rules narrow it to addresses a reply can actually reach.
func Email(field, v string) error {
	if err := Clean(field, v); err != nil {
		return err
	}
	if strings.TrimSpace(v) == "" {
		return domain.FieldError(field, "is required")
	}
	if len(v) < 3 || len(v) > 254 {
		return domain.FieldError(field, "must be 3 to 254 characters")
	}
	a, err := mail.ParseAddress(v)
	if err != nil || a.Address != v || a.Name != "" {
		return domain.FieldError(field, "must be an e-mail address like name@example.com")
	}
	local, host, _ := strings.Cut(v, "@")
	if local == "" || strings.ContainsAny(v, " \"(),:;<>[\\]") || !validHost(host) {
		return domain.FieldError(field, "must be an e-mail address like name@example.com")
	}
	return nil
}

// validHost wants a dotted DNS name whose labels are letters, digits or
// hyphens (or non-ASCII, for internationalised domains).
func validHost(host string) bool {
	labels := strings.Split(host, ".")
	if len(labels) < 2 || len(host) > 253 {
		return false
	}
	for _, l := range labels {
		if l == "" || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' {
			return false
		}
		for _, r := range l {
			ok := r == '-' || r > 127 || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || (r >= '0' && r <= '9')
			if !ok {
				return false
			}
		}
	}
	return true
}
