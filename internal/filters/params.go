package filters

import (
	"errors"
	"maps"
	"net/url"
	"slices"
	"strings"

	"github.com/zumodra/zumodra/internal/domain"
)

// MaxQueryString bounds the whole query string; single values have their
// own, smaller limits in internal/catalog.
const MaxQueryString = 4096

// Params is a parsed query string. Every problem found is kept, the first
// for each parameter, and returned by Err, so a caller reads every
// parameter and checks once, and the API can name each bad one.
type Params struct {
	v      url.Values
	strict bool
	errs   []*domain.Error
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
		for _, key := range slices.Sorted(maps.Keys(v)) { // the same answer every time
			if !Ignored(key) && !slices.Contains(known, key) {
				p.fail(domain.FieldError(safeName(key), "%s", unknownHint(key)))
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

// fail records err unless its parameter already has a problem: the first
// one found says what to fix.
func (p *Params) fail(err *domain.Error) {
	for _, e := range p.errs {
		if e.Field == err.Field {
			return
		}
	}
	p.errs = append(p.errs, err)
}

// refine replaces the problem of err's parameter with err, a more precise
// account of it, or records it.
func (p *Params) refine(err *domain.Error) {
	for i, e := range p.errs {
		if e.Field == err.Field {
			p.errs[i] = err
			return
		}
	}
	p.errs = append(p.errs, err)
}

// Also records the problems of err (a catalog's Validate, say) whose
// parameters have none yet, so one answer names every bad parameter.
func (p *Params) Also(err error) {
	for _, e := range domain.Errors(err) {
		p.fail(e)
	}
}

// Err returns nil, or every problem found so far joined, in the order
// found: domain.ErrorCode reads the first, domain.Errors lists them all.
func (p *Params) Err() error {
	errs := make([]error, len(p.errs))
	for i, e := range p.errs {
		errs[i] = e
	}
	return errors.Join(errs...)
}

// Values returns the parsed query string, multi-valued filters read by List
// in their split form (so links built from it name each value once).
func (p *Params) Values() url.Values { return p.v }
