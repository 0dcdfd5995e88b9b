package projection

import (
	"math"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/gazetteer"
)

// Catalog length limits, in characters (runes, as PostgreSQL's length()
// counts them). They match or undercut the tenant schema's own CHECKs so a
// catalog row is never larger than a sane page needs.
const (
	maxTitle           = 200
	maxSlug            = 220
	maxName            = 200
	maxMetaTitle       = 200
	maxMetaDescription = 500
	maxTagline         = 200
	maxPlace           = 100
	maxStreet          = 200
	maxPostalCode      = 20
	maxTeam            = 100
	maxReferenceCode   = 50
	maxCategory        = 100
	maxEnum            = 50
	maxSkillName       = 100
	maxJobSkill        = 60
	maxJobSkills       = 30
	maxURL             = 2000
	// MaxHTML caps every sanitised HTML column, closing tags included.
	MaxHTML = 20000
)

// plainText normalises a one-line text field: invalid UTF-8 and NUL bytes
// (which PostgreSQL text rejects) are dropped, any run of whitespace or
// control characters becomes one space, the ends are trimmed, and the result
// is cut to limit runes. It does not escape HTML: templates do that.
func plainText(s string, limit int) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range strings.ToValidUTF8(s, "") {
		switch {
		case r == 0:
		case unicode.IsSpace(r) || unicode.IsControl(r):
			space = b.Len() > 0
		default:
			if space {
				b.WriteByte(' ')
				space = false
			}
			b.WriteRune(r)
		}
	}
	return truncateRunes(b.String(), limit)
}

// truncateRunes cuts s to at most limit runes, never inside a rune, and
// trims the space a cut may leave at the end.
func truncateRunes(s string, limit int) string {
	if utf8.RuneCountInString(s) <= limit {
		return s
	}
	n := 0
	for i := range s {
		if n == limit {
			return strings.TrimRightFunc(s[:i], unicode.IsSpace)
		}
		n++
	}
	return s
}

// cleanImageURL keeps an image URL the site shows (https, or a path on the
// site: domain.ImageURLProblem) and drops anything else, so the catalog
// never holds an image the pages would refuse to load.
func cleanImageURL(raw string) string {
	s := strings.TrimSpace(strings.ToValidUTF8(raw, ""))
	if s == "" || domain.ImageURLProblem(s) != "" {
		return ""
	}
	return s
}

func isBadURLRune(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }

// coordinates copies a position only when both halves are present and
// plausible; half a position is no position.
func coordinates(lat, lon *float64) (*float64, *float64) {
	if lat == nil || lon == nil || !finite(*lat) || !finite(*lon) ||
		math.Abs(*lat) > 90 || math.Abs(*lon) > 180 {
		return nil, nil
	}
	return new(*lat), new(*lon)
}

// place is the row's position: the tenant's coordinates when it gave them,
// else its city's in the offline gazetteer (country, then state, then
// population settle an ambiguous name), else none. The city, state and
// country are the projected ones, so what the catalog shows is what was
// looked up.
func place(lat, lon *float64, city, state, country string) (*float64, *float64) {
	if la, lo := coordinates(lat, lon); la != nil {
		return la, lo
	}
	if city == "" {
		return nil, nil
	}
	p, ok := gazetteer.Lookup(city, state, country)
	if !ok {
		return nil, nil
	}
	return new(p.Lat), new(p.Lon)
}

// optionalAmount copies a nullable number so the row never aliases its input.
func optionalAmount(v *float64) *float64 {
	if v == nil || !finite(*v) {
		return nil
	}
	return new(*v)
}

func finiteOrZero(v float64) float64 {
	if !finite(v) {
		return 0
	}
	return v
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// catalogTime is a time as timestamptz stores it: UTC, microseconds.
func catalogTime(t time.Time) time.Time { return t.UTC().Truncate(time.Microsecond) }

func optionalTime(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	return new(catalogTime(*t))
}

// publishedAt is the source's published_at, else its creation time, so the
// catalog's NOT NULL ordering column always has a meaningful value.
func publishedAt(published *time.Time, created time.Time) time.Time {
	if published != nil {
		return catalogTime(*published)
	}
	return catalogTime(created)
}

// skillList normalises a job's free-text skills: trimmed, empty removed,
// de-duplicated case-insensitively keeping the first spelling, each cut to
// maxJobSkill runes and at most maxJobSkills of them. Never nil, because
// pgx sends a nil slice as NULL and the column is NOT NULL.
func skillList(in []string) []string {
	out := []string{}
	seen := map[string]bool{}
	for _, s := range in {
		s = plainText(s, maxJobSkill)
		key := strings.ToLower(s)
		if s == "" || seen[key] {
			continue
		}
		seen[key] = true
		out = append(out, s)
		if len(out) == maxJobSkills {
			break
		}
	}
	return out
}
