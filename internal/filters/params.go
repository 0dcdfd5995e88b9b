package filters

import (
	"net/url"
	"slices"
	"strings"

	"github.com/zumodra/zumodra/internal/domain"
)

// MaxQueryString bounds the whole query string; single values have their
// own, smaller limits in internal/catalog.
const MaxQueryString = 4096

// Params is a parsed query string. The first problem found is kept and
// returned by Err, so a caller reads every parameter and checks once.
type Params struct {
	v      url.Values
	strict bool
	err    error
}

// Lenient parses rawQuery for a page: unknown parameters are ignored and a
// repeated single-valued one counts by its first value.
func Lenient(rawQuery string) *Params { return parse(rawQuery, false, nil) }

// Strict parses rawQuery for the API: only known parameters (and the
// ignorable ones, see Ignored) are accepted, each single-valued one once.
func Strict(rawQuery string, known ...string) *Params { return parse(rawQuery, true, known) }

// parse refuses a malformed query string whatever the strictness:
// url.Query silently drops malformed pairs, which would answer a different
// search than the one asked for.
func parse(rawQuery string, strict bool, known []string) *Params {
	p := &Params{strict: strict, v: url.Values{}}
	if len(rawQuery) > MaxQueryString {
		p.fail(domain.FieldError("query", "is longer than %d bytes", MaxQueryString))
		return p
	}
	v, err := url.ParseQuery(rawQuery)
	if err != nil {
		p.fail(domain.FieldError("query", "is not a well-formed query string"))
		return p
	}
	p.v = v
	if strict {
		for key := range v {
			if !Ignored(key) && !slices.Contains(known, key) {
				p.fail(domain.FieldError(safeName(key), "is not a known parameter; see docs/API.md"))
			}
		}
	}
	return p
}

// Ignored reports parameters no request is refused for: tracking
// parameters (utm_*) and "_", the cache buster some HTTP clients add.
func Ignored(key string) bool { return key == "_" || strings.HasPrefix(key, "utm_") }

// safeName shortens an unknown parameter's name for the error.
func safeName(key string) string {
	key = strings.ToValidUTF8(strings.ReplaceAll(key, "\x00", ""), "?")
	if len(key) > 40 {
		key = strings.ToValidUTF8(key[:40], "") + "..."
	}
	return key
}

func (p *Params) fail(err error) {
	if p.err == nil {
		p.err = err
	}
}

// Err returns the first problem found so far.
func (p *Params) Err() error { return p.err }

// Values returns the parsed query string, multi-valued filters read by List
// in their split form (so links built from it name each value once).
func (p *Params) Values() url.Values { return p.v }
