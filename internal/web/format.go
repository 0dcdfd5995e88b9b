package web

import (
	"hash/fnv"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/zumodra/zumodra/internal/domain"
)

// Labels for the catalog's enum values, as visitors read them.
var (
	jobTypeLabels = map[string]string{"full_time": "Full-time", "part_time": "Part-time", "contract": "Contract",
		"internship": "Internship", "temporary": "Temporary", "freelance": "Freelance"}
	levelLabels = map[string]string{"entry": "Entry level", "junior": "Junior", "mid": "Mid-level",
		"senior": "Senior", "lead": "Lead", "executive": "Executive"}
	remoteLabels = map[string]string{"on_site": "On-site", "remote": "Remote", "hybrid": "Hybrid"}
	availLabels  = map[string]string{"available": "Available", "busy": "Busy", "unavailable": "Unavailable", "on_leave": "On leave"}
	typeLabels   = map[string]string{"individual": "Individual", "agency": "Agency", "company": "Company"}
)

// label returns the visitor-facing label of an enum value, or the value
// itself when the map does not know it (a newer enum value still shows).
func label(m map[string]string, v string) string {
	if l, ok := m[v]; ok {
		return l
	}
	return v
}

// ago says how long ago t was, coarsely, as job boards do.
func ago(now, t time.Time) string {
	d := now.Sub(t)
	days := int(d.Hours() / 24)
	switch {
	case d < time.Hour:
		return "just now"
	case d < 24*time.Hour:
		return plural(int(d.Hours()), "hour") + " ago"
	case days < 2:
		return "yesterday"
	case days < 14:
		return plural(days, "day") + " ago"
	case days < 60:
		return plural(days/7, "week") + " ago"
	case days < 365:
		return plural(days/30, "month") + " ago"
	}
	return plural(days/365, "year") + " ago"
}

// plural writes n with the noun, adding an s unless n is 1.
func plural(n int, noun string) string {
	s := strconv.Itoa(n) + " " + noun
	if n != 1 {
		s += "s"
	}
	return s
}

func groupThousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// place joins the non-empty parts of a location.
func place(parts ...string) string {
	var out []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, ", ")
}

// initials are the avatar letters shown when there is no picture: the
// first letter of the first two words ("Acme Robotics" -> "AR").
func initials(name string) string {
	var b strings.Builder
	n := 0
	for _, w := range strings.Fields(name) {
		r := []rune(w)[0]
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			continue
		}
		b.WriteRune(unicode.ToUpper(r))
		if n++; n == 2 {
			break
		}
	}
	if n == 0 {
		return "?"
	}
	return b.String()
}

// avatarClass picks one of eight background colours from the name, so a
// company keeps its colour on every page without an inline style.
func avatarClass(name string) string {
	h := fnv.New32a()
	_, _ = h.Write([]byte(name))
	return "av-" + strconv.Itoa(int(h.Sum32()%8))
}

// firstN returns at most n items and how many were left out.
func firstN(items []string, n int) ([]string, int) {
	if len(items) <= n {
		return items, 0
	}
	return items[:n], len(items) - n
}

// safeImage keeps image URLs the CSP allows and browsers load without a
// mixed-content warning: https, or a path on this site. Anything else
// falls back to the initials avatar.
func safeImage(u string) string {
	if domain.ImageURLProblem(u) != "" {
		return ""
	}
	return u
}
