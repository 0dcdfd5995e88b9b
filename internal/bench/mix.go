package bench

import (
	"fmt"
	"math/rand/v2"
	"net/url"
	"strconv"
	"strings"

	"github.com/zumodra/zumodra/internal/catalog"
	"github.com/zumodra/zumodra/internal/dataset"
	"github.com/zumodra/zumodra/internal/domain"
)

// mixSize is how many distinct requests the rotating mix holds: enough that
// the figure measures queries, not whatever PostgreSQL or the process kept
// from the previous identical request.
const mixSize = 1_200

// searchMix returns n distinct query strings (without the leading "?") a
// visitor could send to a job list: a search drawn from the data's own
// words (a skill, a title, a company, a misspelling or a prefix), or none,
// with 0 to 3 filters and every sort, the default included. It depends on
// seed alone, so two runs rotate over the same requests.
func searchMix(seed uint64, n int) []string {
	r := rand.New(rand.NewPCG(seed, 0x5ea2c4))
	w := dataset.Vocabulary()
	sorts := append([]string{""}, catalog.JobSorts...)
	seen := make(map[string]bool, n)
	var out []string
	for len(out) < n {
		v := url.Values{}
		if q := mixSearch(r, w); q != "" {
			v.Set("q", q)
		}
		for _, f := range r.Perm(len(mixFilters))[:r.IntN(4)] {
			mixFilters[f](r, w, v)
		}
		if s := sorts[len(out)%len(sorts)]; s != "" {
			v.Set("sort", s)
		}
		if e := v.Encode(); !seen[e] {
			seen[e] = true
			out = append(out, e)
		}
	}
	return out
}

// mixSearch picks the search of one request; one in six has none.
func mixSearch(r *rand.Rand, w dataset.Words) string {
	pick := func(s []string) string { return s[r.IntN(len(s))] }
	switch r.IntN(6) {
	case 0:
		return ""
	case 1:
		return strings.ToLower(pick(w.Skills))
	case 2:
		return pick(w.Specialties) + " " + pick(w.Roles)
	case 3:
		return pick(w.Companies)
	case 4:
		return misspell(r, strings.ToLower(pick(w.Roles)))
	default:
		word := strings.Fields(strings.ToLower(pick(w.Roles)))[0]
		return word[:min(len(word), 3+r.IntN(3))]
	}
}

// misspell swaps two neighbouring letters of the longest word, or drops
// one, as a hurried visitor would.
func misspell(r *rand.Rand, s string) string {
	words := strings.Fields(s)
	long := 0
	for i, x := range words {
		if len(x) > len(words[long]) {
			long = i
		}
	}
	b := []byte(words[long])
	if len(b) < 4 {
		return s
	}
	i := 1 + r.IntN(len(b)-2)
	if r.IntN(2) == 0 {
		b[i], b[i+1] = b[i+1], b[i]
	} else {
		b = append(b[:i], b[i+1:]...)
	}
	words[long] = string(b)
	return strings.Join(words, " ")
}

// mixFilters each set one filter of a job list.
var mixFilters = []func(*rand.Rand, dataset.Words, url.Values){
	func(r *rand.Rand, _ dataset.Words, v url.Values) { v.Set("job_type", pickOf(r, domain.JobTypes)) },
	func(r *rand.Rand, _ dataset.Words, v url.Values) {
		v.Set("experience_level", pickOf(r, domain.ExperienceLevels))
	},
	func(r *rand.Rand, _ dataset.Words, v url.Values) { v.Set("remote", pickOf(r, domain.RemotePolicies)) },
	func(r *rand.Rand, w dataset.Words, v url.Values) { v.Set("country", pickOf(r, w.Countries)) },
	func(r *rand.Rand, w dataset.Words, v url.Values) { v.Set("category", pickOf(r, w.JobCategories)) },
	func(r *rand.Rand, _ dataset.Words, v url.Values) {
		v.Set("min_salary", strconv.Itoa(30_000+10_000*r.IntN(10)))
		v.Set("currency", "USD")
	},
}

func pickOf(r *rand.Rand, s []string) string { return s[r.IntN(len(s))] }

// mixScript is a wrk script that rotates over path+"?"+each query of mix.
// Each wrk thread starts at its own offset, so the threads do not send the
// same request at the same moment.
func mixScript(path string, mix []string) string {
	var b strings.Builder
	b.WriteString("local paths = {\n")
	for _, q := range mix {
		fmt.Fprintf(&b, "  %q,\n", path+"?"+q)
	}
	b.WriteString(`}
local threads = 0
setup = function(thread)
  thread:set("offset", threads * 7919)
  threads = threads + 1
end
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(offset + i) % #paths + 1])
end
`)
	return b.String()
}
