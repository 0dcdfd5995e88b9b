package domain

import (
	"net/url"
	"strings"
	"unicode"
)

// MaxImageURL bounds image URLs, as the tenant schema's CHECKs do.
const MaxImageURL = 2000

// ImageURLProblem says why the public site would not show an image URL,
// or "" when it would (and for "", no image). The site shows https URLs
// and paths on the site itself ("/media/acme.png"): its Content Security
// Policy and browsers' mixed-content rules block or flag http images on an
// https page, and other schemes (data:, javascript:) are never images the
// site should load. The tenant API and CLI refuse what this refuses; the
// projection and the pages drop it, so a value written by SQL behind the
// API's back fails the same way: initials instead of an image.
func ImageURLProblem(raw string) string {
	switch {
	case raw == "":
		return ""
	case len(raw) > MaxImageURL:
		return "must be at most 2000 characters"
	case strings.ContainsFunc(raw, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) || r == '\\' }):
		return "must not contain spaces, control characters or backslashes"
	case strings.HasPrefix(raw, "//"):
		return "must be an https URL or a path on this site starting with a single /"
	case strings.HasPrefix(raw, "/"):
		if _, err := url.Parse(raw); err != nil {
			return "is not a valid path"
		}
		return ""
	}
	u, err := url.Parse(raw)
	switch {
	case err != nil:
		return "is not a valid URL"
	case u.Scheme == "http":
		return "must use https: browsers block or flag http images on the site's https pages, so it would never show"
	case u.Scheme != "https" || u.Host == "":
		return "must be an https URL or a path on this site starting with /"
	case u.User != nil:
		return "must not contain a user name or password"
	}
	return ""
}
