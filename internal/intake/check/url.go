package check

import (
	"net/url"
	"strings"

	"github.com/zumodra/zumodra/internal/domain"
)

// URL accepts "" or an absolute http(s) URL with a host, of at most max
// characters. javascript:, data: and relative URLs are refused: these values
// end up in href and src attributes on public pages.
func URL(field, v string, max int) error {
	if v == "" {
		return nil
	}
	if err := Line(field, v, 0, max); err != nil {
		return err
	}
	u, err := url.Parse(v)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || strings.ContainsAny(v, " \\") {
		return domain.FieldError(field, "must be an absolute http or https URL")
	}
	return nil
}
