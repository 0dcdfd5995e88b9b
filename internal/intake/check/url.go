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

// ImageURL accepts "" or an image URL the public site shows (an https URL
// or a path on the site); anything else is refused with the reason
// (domain.ImageURLProblem).
func ImageURL(field, v string) error {
	if p := domain.ImageURLProblem(v); p != "" {
		return domain.FieldError(field, "%s", p)
	}
	return nil
}
