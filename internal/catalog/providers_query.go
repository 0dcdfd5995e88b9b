package catalog

// ProviderSorts are the sort orders of provider lists.
var ProviderSorts = []string{SortRelevance, SortFeatured, SortRating, SortReviews, SortRate, SortNewest, SortDistance}

// Bounds of the numeric provider filters.
const (
	MaxRating     = 5
	MaxHourlyRate = 99_999_999
)

// ProviderQuery selects, orders and pages public providers. Empty fields
// and false booleans do not filter.
type ProviderQuery struct {
	Search    string
	Category  string // category slug
	Skill     string // skill name, exactly as listed in the skill facet
	Country   string
	State     string // state, province or region
	City      string
	Company   string // tenant slug
	Verified  bool
	Available bool // accepting projects and availability "available"
	Remote    bool // can work remotely
	MinRating *float64
	MaxRate   *float64 // hourly; providers without a rate are left out
	Near      string   // as JobQuery's
	Radius    *float64
	near      *Near
	Sort      string // one of ProviderSorts; "" for the default
	Cursor    string
	PageSize  int
}

func (q ProviderQuery) clean() (ProviderQuery, error) {
	var ps problems
	ps.text("q", &q.Search, MaxQueryLen)
	for _, f := range []struct {
		name string
		v    *string
	}{{"category", &q.Category}, {"skill", &q.Skill}, {"country", &q.Country}, {"state", &q.State}, {"city", &q.City}, {"company", &q.Company}} {
		ps.text(f.name, f.v, MaxValueLen)
	}
	ps.add(cleanAmount("min_rating", q.MinRating, MaxRating))
	ps.add(cleanAmount("max_rate", q.MaxRate, MaxHourlyRate))
	var err error
	q.PageSize, err = cleanPageSize(q.PageSize)
	ps.add(err)
	ps.text("cursor", &q.Cursor, MaxCursorLen)
	q.near, err = cleanNear(q.Near, q.Radius)
	ps.add(err)
	q.Sort = cleanNearSort(q.Sort, q.near)
	q.Sort, err = cleanSort(q.Sort, q.Search != "", ProviderSorts)
	ps.add(err)
	return q, ps.err()
}

// Validate reports every invalid value of q (see JobQuery.Validate).
func (q ProviderQuery) Validate() error {
	_, err := q.clean()
	return err
}

func providerConds(q ProviderQuery, args *sqlArgs, now any, skip string) []string {
	conds := []string{listedProvider("", args.add(now))}
	if q.Category != "" && skip != "category" {
		conds = append(conds, "category_slugs @> ARRAY["+args.add(q.Category)+"]::text[]")
	}
	if q.Skill != "" && skip != "skill" {
		conds = append(conds, "skill_names @> ARRAY["+args.add(q.Skill)+"]::text[]")
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
	if q.Company != "" && skip != "company" {
		conds = append(conds, "company_slug = "+args.add(q.Company))
	}
	if q.Verified && skip != "verified" {
		conds = append(conds, "is_verified")
	}
	if q.Available && skip != "available" {
		conds = append(conds, "is_accepting_projects AND availability_status = 'available'")
	}
	if q.Remote && skip != "remote" {
		conds = append(conds, "can_work_remotely")
	}
	if q.MinRating != nil {
		conds = append(conds, "rating_avg >= "+args.add(*q.MinRating))
	}
	if q.MaxRate != nil {
		// The expression of provider_catalog_rate_sort (an index range);
		// a missing rate sorts as 1e9, above any accepted maximum.
		conds = append(conds, "coalesce(hourly_rate, 1000000000) <= "+args.add(*q.MaxRate))
	}
	return append(conds, q.near.conds(args)...)
}

func providerSort(sort string) sortSpec {
	id := sortKey{"id", keyInt}
	switch sort {
	case SortRelevance:
		return sortSpec{keys: []sortKey{{"ts_rank_cd(search_head, sq.tsq)", keyFloat32}, {"published_at", keyTime}, id}}
	case SortReviews:
		return sortSpec{keys: []sortKey{{"total_reviews", keyInt}, {"rating_avg", keyFloat64}, id}}
	case SortRate:
		// Lowest rate first; providers without a rate sort after all others.
		return sortSpec{keys: []sortKey{{"coalesce(hourly_rate, 1000000000)", keyFloat64}, id}, asc: true}
	case SortNewest:
		return sortSpec{keys: []sortKey{{"published_at", keyTime}, id}}
	case SortFeatured:
		return sortSpec{keys: []sortKey{{"is_featured", keyBool}, {"published_at", keyTime}, id}}
	default:
		// The Bayesian average (domain.BayesianRating), not the plain one.
		return sortSpec{keys: []sortKey{{"rating_score", keyFloat64}, {"total_reviews", keyInt}, id}}
	}
}

func providerFrom(args *sqlArgs, search string, vocab *vocabulary) (string, []string) {
	if search == "" {
		return "public.provider_catalog", nil
	}
	return "public.provider_catalog CROSS JOIN (SELECT " + tsQuery(args, search, vocab) + " AS tsq) sq",
		[]string{"search @@ sq.tsq"}
}
