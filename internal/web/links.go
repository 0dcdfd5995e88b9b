package web

import (
	"cmp"
	"net/http"
	"strconv"
	"strings"

	"github.com/zumodra/zumodra/internal/domain"
)

// A public row's address is its permanent public id and a readable slug,
// "/careers/jobs/45-senior-go-engineer/". The id alone finds the row; the
// slug is for people and search engines, so any other slug (an old title,
// none, a typo) is answered with a 301 to the canonical address.

// maxSlug bounds the slug in an address; a long title is cut at a dash.
const maxSlug = 60

// slugOf is the slug of a row from its own slug, else its title.
func slugOf(slug, title string) string {
	s := domain.Slugify(cmp.Or(slug, title))
	if len(s) <= maxSlug {
		return s
	}
	s = s[:maxSlug]
	if i := strings.LastIndexByte(s, '-'); i > maxSlug/2 {
		s = s[:i]
	}
	return strings.TrimSuffix(s, "-")
}

// ref is the path segment of a row: "45-senior-go-engineer", or "45" when
// the title has no letter or digit a slug can keep.
func ref(id int64, slug string) string {
	if slug == "" {
		return strconv.FormatInt(id, 10)
	}
	return strconv.FormatInt(id, 10) + "-" + slug
}

func jobURL(id int64, slug string) string { return "/careers/jobs/" + ref(id, slug) + "/" }

func providerURL(id int64, slug string) string { return providersPath + ref(id, slug) + "/" }

// pathID reads the id at the start of the {id} path segment ("45" or
// "45-any-slug"); anything else is an id that cannot exist, so a 404
// rather than a 400.
func pathID(r *http.Request) (int64, error) {
	s, _, _ := strings.Cut(r.PathValue("id"), "-")
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id < 1 || s[0] == '+' {
		return 0, domain.Errorf(domain.CodeNotFound, "no such id")
	}
	return id, nil
}

// pathSlug is the slug after the id in the request's path segment when it
// is one a slug could be, so that an address built from it (the thank-you
// page after a form) carries nothing the visitor's input put there.
func pathSlug(r *http.Request) string {
	_, s, _ := strings.Cut(r.PathValue("id"), "-")
	if len(s) > maxSlug || domain.Slugify(s) != s {
		return ""
	}
	return s
}

// canonicalize redirects (301) to want, the row's canonical path, when the
// request's path segment differs from it, keeping the query; it reports
// whether it did.
func canonicalize(w http.ResponseWriter, r *http.Request, wantRef, wantPath string) bool {
	if r.PathValue("id") == wantRef {
		return false
	}
	u := wantPath
	if r.URL.RawQuery != "" {
		u += "?" + r.URL.RawQuery
	}
	http.Redirect(w, r, u, http.StatusMovedPermanently)
	return true
}
