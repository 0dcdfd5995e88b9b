package catalog

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"

	"github.com/zumodra/zumodra/internal/domain"
)

// Sort orders. Relevance is the default when searching; otherwise featured
// (featured first, then newest), the original's order of both lists.
const (
	SortRelevance = "relevance"
	SortNewest    = "newest"
	SortFeatured  = "featured" // featured first, then newest
	SortSalary    = "salary"   // highest shown salary first; jobs without one last
	SortRating    = "rating"   // providers: best rated first, then most reviewed
	SortReviews   = "reviews"  // providers: most reviewed first
	SortRate      = "rate"     // providers: lowest hourly rate first; no rate last
)

// DefaultSort is the order of a list that searches for nothing.
const DefaultSort = SortFeatured

// JobSorts are the sort orders of job lists.
var JobSorts = []string{SortRelevance, SortNewest, SortFeatured, SortSalary, SortDistance}

// MaxSalary bounds the minimum-salary filter (the catalog's numeric(12,2)).
const MaxSalary = 9_999_999_999

// JobQuery selects, orders and pages public jobs. Empty fields do not filter.
type JobQuery struct {
	Search   string   // full-text search with prefix and typo tolerance
	Category string   // category slug
	JobTypes []string // any of domain.JobTypes
	Levels   []string // any of domain.ExperienceLevels
	Remote   []string // any of domain.RemotePolicies
	Country  string
	State    string // state, province or region, as the catalog spells it
	City     string
	// MinSalary keeps jobs that show a salary whose yearly top (salary_max,
	// or salary_min when no maximum is given, times the periods in a year)
	// reaches it in the salary currency: a range that can pay what the
	// visitor asks for matches. Amounts in other currencies never match.
	MinSalary *float64
	// Currency (ISO 4217) keeps jobs showing a salary in it, and is the
	// salary currency of MinSalary and the salary sort. Without it they use
	// the currency most of the matching jobs show (JobPage.SalaryCurrency).
	Currency string
	Company  string // tenant slug: a company's own career page
	// Near (a city or "lat,lon") keeps jobs within Radius kilometres of it
	// (DefaultRadius when nil) and sorts nearest first by default.
	Near     string
	Radius   *float64
	near     *Near  // Near resolved by clean
	Sort     string // one of JobSorts; "" for the default
	Cursor   string // from a previous JobPage's Next or Prev
	PageSize int    // 1..MaxPageSize; 0 for DefaultPageSize
}

// clean validates q and returns its normalised form, or every invalid
// value at once.
func (q JobQuery) clean() (JobQuery, error) {
	var ps problems
	ps.text("q", &q.Search, MaxQueryLen)
	for _, f := range []struct {
		name string
		v    *string
	}{{"category", &q.Category}, {"country", &q.Country}, {"state", &q.State}, {"city", &q.City}, {"company", &q.Company}} {
		ps.text(f.name, f.v, MaxValueLen)
	}
	ps.enums("job_type", &q.JobTypes, domain.JobTypes)
	ps.enums("experience_level", &q.Levels, domain.ExperienceLevels)
	ps.enums("remote", &q.Remote, domain.RemotePolicies)
	ps.add(cleanAmount("min_salary", q.MinSalary, MaxSalary))
	var err error
	q.Currency, err = cleanCurrency(q.Currency)
	ps.add(err)
	q.PageSize, err = cleanPageSize(q.PageSize)
	ps.add(err)
	ps.text("cursor", &q.Cursor, MaxCursorLen)
	q.near, err = cleanNear(q.Near, q.Radius)
	ps.add(err)
	q.Sort = cleanNearSort(q.Sort, q.near)
	q.Sort, err = cleanSort(q.Sort, q.Search != "", JobSorts)
	ps.add(err)
	return q, ps.err()
}

// Validate reports every invalid value of q (nil when the catalog would
// run it), for callers that list all of a request's problems at once.
func (q JobQuery) Validate() error {
	_, err := q.clean()
	return err
}

func cleanSort(sort string, searching bool, allowed []string) (string, error) {
	switch {
	case sort == "" && searching:
		return SortRelevance, nil
	case sort == "":
		return DefaultSort, nil
	case !domain.OneOf(sort, allowed):
		return "", domain.FieldError("sort", "must be one of %v", allowed)
	case sort == SortRelevance && !searching:
		// Nothing to rank by: relevance without a search is the default.
		return DefaultSort, nil
	}
	return sort, nil
}

// fingerprint identifies the query apart from its cursor, so that a cursor
// is only accepted by the query that produced it.
func fingerprint(kind string, q any) string {
	b, _ := json.Marshal(q)
	sum := sha256.Sum256(append([]byte(kind+"\x00"), b...))
	return hex.EncodeToString(sum[:12])
}

// jobConds returns the WHERE conditions of q except the facet named skip
// ("" for none), adding their values to args; salaryCur is the currency
// the minimum salary is in.
func jobConds(q JobQuery, salaryCur string, args *sqlArgs, now any, skip string) []string {
	conds := []string{listedJob("", args.add(now))}
	if q.Category != "" && skip != "category" {
		conds = append(conds, "category_slug = "+args.add(q.Category))
	}
	if len(q.JobTypes) > 0 && skip != "job_type" {
		conds = append(conds, anyOf("job_type", q.JobTypes, args))
	}
	if len(q.Levels) > 0 && skip != "experience_level" {
		conds = append(conds, anyOf("experience_level", q.Levels, args))
	}
	if len(q.Remote) > 0 && skip != "remote" {
		conds = append(conds, anyOf("remote_policy", q.Remote, args))
	}
	if q.Country != "" && skip != "country" {
		conds = append(conds, "country = "+args.add(q.Country))
	}
	if q.State != "" && skip != "state" {
		conds = append(conds, "state = "+args.add(q.State))
	}
	if q.City != "" && skip != "city" {
		conds = append(conds, "city = "+args.add(q.City))
	}
	conds = append(conds, salaryConds(q, salaryCur, args, skip)...)
	if q.Company != "" && skip != "company" {
		conds = append(conds, "company_slug = "+args.add(q.Company))
	}
	return append(conds, q.near.conds(args)...)
}

// anyOf matches column against a list: a plain equality for one value,
// which a GIN index (job_catalog_search_filters) can use, unlike = ANY.
func anyOf(column string, vs []string, args *sqlArgs) string {
	if len(vs) == 1 {
		return column + " = " + args.add(vs[0])
	}
	return column + " = ANY(" + args.add(vs) + ")"
}
