package filters

import (
	"net/url"
	"strconv"
	"strings"

	"github.com/zumodra/zumodra/internal/catalog"
	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/kind"
)

// The original site's links (shared, bookmarked, indexed) name the list
// parameters its own way. Pages answer them with a redirect to the same
// list in our names (Translate), the one address that gets indexed and
// shared; the API, which has one spelling per parameter, refuses them
// naming the replacement. Both read the tables below.

// renamed are the original's parameters that have one of ours as is.
var renamed = map[string]string{"search": "q", "ordering": "sort"}

// originalHints say what replaces each of the original's parameters, for
// the API's error.
var originalHints = map[string]string{
	"search":   "is the original site's name for q: use q",
	"ordering": "is the original site's name for sort: use sort",
	"location": "is the original site's free-text place: use city, state or country (exact values, as the lists' facets and /api/v1/careers/locations spell them)",
	"page":     "is the original site's page number: use cursor, the next_cursor of the previous page",
}

// originalSorts map the original's orders (Django orderings and its named
// sorts) onto ours, per list. Orders we do not offer (oldest first, lowest
// salary first) are not mapped: they stay as given and are refused by the
// catalog, naming sort and the orders there are.
var originalSorts = map[kind.Catalog]map[string]string{
	kind.Jobs: {
		"-published_at": catalog.SortNewest, "-created_at": catalog.SortNewest, "newest": catalog.SortNewest,
		"-salary_max": catalog.SortSalary, "-salary_min": catalog.SortSalary, "salary_high": catalog.SortSalary,
		"-is_featured": catalog.SortFeatured, "-is_featured,-published_at": catalog.SortFeatured,
	},
	kind.Providers: {
		"-rating": catalog.SortRating, "-rating_avg": catalog.SortRating, "rating": catalog.SortRating,
		"-total_reviews": catalog.SortReviews, "-review_count": catalog.SortReviews,
		"hourly_rate": catalog.SortRate, "-published_at": catalog.SortNewest, "-created_at": catalog.SortNewest,
		"newest": catalog.SortNewest, "-is_featured": catalog.SortFeatured, "-is_featured,-published_at": catalog.SortFeatured,
	},
}

// fullyRemote is the remote policy (domain.RemotePolicies) of jobs done
// entirely away from an office.
const fullyRemote = "remote"

// MaxOriginalPage is the highest ?page= the original's links may carry.
const MaxOriginalPage = 1000

// Original is a list's query string with the original site's names and
// values put into ours. The free-text location and the page number have
// no parameter of ours: the caller looks the place up and finds the page.
type Original struct {
	Values   url.Values // the query in our names, without location and page
	Location string     // the original's location text; "" when none
	Page     int        // the original's page number; 0 when none
}

// Translate rewrites v's original names and values into ours for the list
// c; found is false when v has none, so there is nothing to redirect. Where
// an original parameter and ours are both given, ours wins. A page that is
// not a whole number from 1 to MaxOriginalPage is an error naming page.
func Translate(c kind.Catalog, v url.Values) (o Original, found bool, err error) {
	o.Values = make(url.Values, len(v))
	for k, vs := range v {
		o.Values[k] = vs
	}
	for old, ours := range renamed {
		vs, ok := o.Values[old]
		if !ok {
			continue
		}
		found = true
		delete(o.Values, old)
		if strings.TrimSpace(o.Values.Get(ours)) == "" && strings.TrimSpace(vs[0]) != "" { // ours, if given, wins
			o.Values[ours] = vs[:1]
		}
	}
	if s, ok := originalSorts[c][o.Values.Get("sort")]; ok && s != o.Values.Get("sort") {
		found = true
		o.Values.Set("sort", s)
	}
	if c == kind.Jobs && translateRemote(o.Values) {
		found = true
	}
	if vs, ok := o.Values["location"]; ok {
		found = true
		o.Location = strings.TrimSpace(vs[0])
		delete(o.Values, "location")
	}
	if vs, ok := o.Values["page"]; ok {
		found = true
		delete(o.Values, "page")
		o.Page, err = originalPage(vs[0])
	}
	return o, found, err
}

// translateRemote turns the original's remote flag on jobs (remote=true)
// into our remote policy: true is fully remote work, false asks for no
// filter, as a false flag does on the freelancer list.
func translateRemote(v url.Values) (changed bool) {
	var out []string
	for _, s := range v["remote"] {
		for part := range strings.SplitSeq(s, ",") {
			part = strings.TrimSpace(part)
			on, isFlag := ParseFlag(part)
			switch {
			case part == "":
			case !isFlag:
				out = append(out, part)
			case on:
				changed = true
				out = append(out, fullyRemote)
			default:
				changed = true
			}
		}
	}
	if changed {
		v["remote"] = out
		if len(out) == 0 {
			delete(v, "remote")
		}
	}
	return changed
}

// originalPage reads the original's ?page=N; empty is no page.
func originalPage(s string) (int, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > MaxOriginalPage {
		return 0, domain.FieldError("page", "must be a whole number between 1 and %d", MaxOriginalPage)
	}
	return n, nil
}

// unknownHint is the API's error for a parameter it does not know: the
// replacement when it is one of the original's.
func unknownHint(key string) string {
	if h, ok := originalHints[key]; ok {
		return h
	}
	return "is not a known parameter; see docs/API.md"
}

// sort reads the sort of list c. The API refuses one of the original's
// orders naming ours; the pages have redirected them already.
func (p *Params) sort(c kind.Catalog) string {
	s := p.Str("sort")
	if !p.strict {
		return s
	}
	if ours, ok := originalSorts[c][s]; ok && ours != s {
		p.fail(domain.FieldError("sort", "%q is the original site's name of an order: use sort=%s", s, ours))
	}
	// The parser refused ordering knowing no list; this one knows the order.
	if vs := p.v["ordering"]; len(vs) > 0 {
		if ours, ok := originalSorts[c][vs[0]]; ok {
			p.refine(domain.FieldError("ordering", "is the original site's name for sort: use sort=%s", ours))
		}
	}
	return s
}

// jobRemote reads the remote policies of a job list. The API refuses the
// original's remote flag naming our values.
func (p *Params) jobRemote() []string {
	vs := p.List("remote")
	for _, s := range vs {
		if on, isFlag := ParseFlag(s); isFlag && p.strict {
			hint := "use remote=remote for fully remote jobs (or hybrid, on_site)"
			if !on {
				hint = "leave remote out to list every workplace"
			}
			p.fail(domain.FieldError("remote", "%q is the original site's remote flag: %s", s, hint))
		}
	}
	return vs
}
