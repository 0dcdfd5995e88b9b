package publicapi

import (
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"github.com/zumodra/zumodra/internal/catalog"
	"github.com/zumodra/zumodra/internal/domain"
)

// maxQueryString bounds the whole query string; single values have their
// own, smaller limits in internal/catalog.
const maxQueryString = 4096

var (
	decimalPattern  = regexp.MustCompile(`^[0-9]{1,12}(\.[0-9]{1,4})?$`)
	pageSizePattern = regexp.MustCompile(`^[0-9]{1,6}$`)
	idPattern       = regexp.MustCompile(`^[1-9][0-9]{0,18}$`)
)

// params reads a request's query string strictly: unknown parameters and
// repeated single-valued ones are refused, so a typo ("jobtype=") gives a
// 400 instead of silently unfiltered results. Tracking parameters (utm_*)
// and "_" (the cache buster some HTTP clients add) are ignored. The first
// problem found is kept in err.
type params struct {
	v   url.Values
	err error
}

func parseParams(r *http.Request, known ...string) *params {
	p := &params{}
	if len(r.URL.RawQuery) > maxQueryString {
		p.err = domain.FieldError("query", "the query string is longer than %d bytes", maxQueryString)
		return p
	}
	v, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		p.err = domain.FieldError("query", "the query string is malformed")
		return p
	}
	p.v = v
	for key := range v {
		if ignoredParam(key) || contains(known, key) {
			continue
		}
		p.fail(domain.FieldError(safeName(key), "is not a known parameter; see docs/API.md"))
	}
	return p
}

func ignoredParam(key string) bool { return key == "_" || strings.HasPrefix(key, "utm_") }

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// safeName shortens an unknown parameter's name for the problem document.
func safeName(key string) string {
	key = strings.ToValidUTF8(strings.ReplaceAll(key, "\x00", ""), "?")
	if len(key) > 40 {
		key = strings.ToValidUTF8(key[:40], "") + "..."
	}
	return key
}

func (p *params) fail(err error) {
	if p.err == nil {
		p.err = err
	}
}

// str returns a single-valued parameter ("" when absent).
func (p *params) str(name string) string {
	vs := p.v[name]
	if len(vs) > 1 {
		p.fail(domain.FieldError(name, "must be given at most once"))
	}
	if len(vs) == 0 {
		return ""
	}
	return vs[0]
}

// list returns a multi-valued parameter, given repeated or comma-separated.
func (p *params) list(name string) []string {
	var out []string
	for _, v := range p.v[name] {
		for _, part := range strings.Split(v, ",") {
			if part = strings.TrimSpace(part); part != "" {
				out = append(out, part)
			}
		}
	}
	return out
}

// decimal returns an optional non-negative decimal number.
func (p *params) decimal(name string) *float64 {
	s := p.str(name)
	if s == "" {
		return nil
	}
	if !decimalPattern.MatchString(s) {
		p.fail(domain.FieldError(name, "must be a non-negative decimal number such as 50000 or 4.5"))
		return nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		p.fail(domain.FieldError(name, "must be a non-negative decimal number"))
		return nil
	}
	return &f
}

// pageSize returns page_size, 0 when absent (the catalog's default).
func (p *params) pageSize() int {
	s := p.str("page_size")
	if s == "" {
		return 0
	}
	n, err := strconv.Atoi(s)
	if !pageSizePattern.MatchString(s) || err != nil || n < 1 || n > catalog.MaxPageSize {
		p.fail(domain.FieldError("page_size", "must be a whole number between 1 and %d", catalog.MaxPageSize))
		return 0
	}
	return n
}

// boolean returns a flag given as true/false, 1/0 or yes/no ("" is false).
func (p *params) boolean(name string) bool {
	switch strings.ToLower(p.str(name)) {
	case "", "false", "0", "no":
		return false
	case "true", "1", "yes":
		return true
	}
	p.fail(domain.FieldError(name, "must be true or false"))
	return false
}

// pathID reads the {id} path segment: a positive integer.
func pathID(r *http.Request) (int64, error) {
	s := r.PathValue("id")
	id, err := strconv.ParseInt(s, 10, 64)
	if !idPattern.MatchString(s) || err != nil {
		return 0, domain.FieldError("id", "must be a positive whole number")
	}
	return id, nil
}
