package filters

import (
	"math"
	"strconv"
	"strings"

	"github.com/zumodra/zumodra/internal/catalog"
	"github.com/zumodra/zumodra/internal/domain"
)

// Str returns a single-valued parameter ("" when absent).
func (p *Params) Str(name string) string {
	vs := p.v[name]
	if len(vs) > 1 && p.strict {
		p.fail(domain.FieldError(name, "must be given at most once"))
	}
	if len(vs) == 0 {
		return ""
	}
	return vs[0]
}

// List returns a multi-valued parameter, given repeated or comma-separated,
// each value trimmed and empty ones dropped. It stores the split form back
// into Values.
func (p *Params) List(name string) []string {
	var out []string
	for _, v := range p.v[name] {
		for part := range strings.SplitSeq(v, ",") {
			if part = strings.TrimSpace(part); part != "" {
				out = append(out, part)
			}
		}
	}
	if _, ok := p.v[name]; ok {
		p.v[name] = out
	}
	return out
}

// Number returns an optional finite non-negative number; empty (an
// untouched form field) means no filter. The catalog checks its upper bound.
func (p *Params) Number(name string) *float64 {
	s := strings.TrimSpace(p.Str(name))
	if s == "" {
		return nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) || f < 0 {
		p.fail(domain.FieldError(name, "must be a non-negative decimal number such as 50000 or 4.5"))
		return nil
	}
	return &f
}

// Flag returns a yes/no parameter (see ParseFlag); absent or empty is false.
func (p *Params) Flag(name string) bool {
	on, ok := ParseFlag(p.Str(name))
	if !ok {
		p.fail(domain.FieldError(name, "must be true or false (1 or 0)"))
	}
	return on
}

// ParseFlag reads a flag's value: true/false, 1/0, yes/no or on/off (what
// an HTML checkbox sends), in any case, "" being false; ok is false for
// anything else.
func ParseFlag(s string) (on, ok bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "false", "0", "no", "off":
		return false, true
	case "true", "1", "yes", "on":
		return true, true
	}
	return false, false
}

// PageSize returns page_size, 0 when absent (the catalog's default).
func (p *Params) PageSize() int {
	s := strings.TrimSpace(p.Str("page_size"))
	if s == "" {
		return 0
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > catalog.MaxPageSize {
		p.fail(domain.FieldError("page_size", "must be a whole number between 1 and %d", catalog.MaxPageSize))
		return 0
	}
	return n
}
