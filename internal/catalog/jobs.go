package catalog

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/zumodra/zumodra/internal/kind"
	"github.com/zumodra/zumodra/internal/pgq"
)

// CountCap is where counting stops: totals above it are shown as "10,000+"
// so that a broad query never spends its time counting.
const CountCap = 10_000

func jobSort(sort string, salaryCur string, args *sqlArgs) sortSpec {
	id := sortKey{"id", keyInt}
	switch sort {
	case SortSalary:
		return salarySort(salaryCur, args)
	case SortRelevance:
		return sortSpec{keys: []sortKey{{"ts_rank_cd(search_head, sq.tsq)", keyFloat32}, {"published_at", keyTime}, id}}
	case SortFeatured:
		return sortSpec{keys: []sortKey{{"is_featured", keyBool}, {"published_at", keyTime}, id}}
	default:
		return sortSpec{keys: []sortKey{{"published_at", keyTime}, id}}
	}
}

// jobFrom returns the FROM clause and the search condition for search text.
func jobFrom(args *sqlArgs, search string, vocab *vocabulary) (string, []string) {
	if search == "" {
		return "public.job_catalog", nil
	}
	return "public.job_catalog CROSS JOIN (SELECT " + tsQuery(args, search, vocab) + " AS tsq) sq",
		[]string{"search @@ sq.tsq"}
}

// SearchJobs returns one page of public jobs matching q. Relevance ranks
// by ts_rank_cd over the heading fields (title, then company, category and
// skills); jobs matching only in their description follow, newest first.
// In a snapshot, pages are cached by catalog version and due time, so no
// cached page outlives a job's deadline or hides a job past its
// published_at.
func (s *Store) SearchJobs(ctx context.Context, q JobQuery) (JobPage, error) {
	q, err := q.clean()
	if err != nil {
		return JobPage{}, err
	}
	return cached(ctx, s.pages, "jobs\x00"+fingerprint("jobs", q), func(ctx context.Context) (JobPage, error) { return s.searchJobs(ctx, q) })
}

func (s *Store) searchJobs(ctx context.Context, q JobQuery) (JobPage, error) {
	raw := q.Cursor
	q.Cursor = ""
	st, err := s.startState("jobs", raw, q)
	if err != nil {
		return JobPage{}, err
	}
	if raw == "" {
		// Later pages keep the first page's currency, carried by the cursor.
		if st.Currency, err = s.salaryCurrency(ctx, q); err != nil {
			return JobPage{}, err
		}
	}
	page, err := s.jobPage(ctx, q, st)
	if err != nil || st.Page > 1 || !s.shouldCorrect(page.Search, page.Total) {
		return page, err
	}
	return s.correctedJobPage(ctx, q, st, page)
}

// startState decodes the cursor raw or starts at page one. q must have its
// cursor cleared, so that the fingerprint covers everything else.
func (s *Store) startState(kind, raw string, q searchable) (cursorState, error) {
	fp := fingerprint(kind, q)
	if raw == "" {
		return cursorState{Fingerprint: fp, Page: 1, Search: q.searchText()}, nil
	}
	return s.cursor.decode(raw, fp)
}

func (s *Store) jobPage(ctx context.Context, q JobQuery, st cursorState) (JobPage, error) {
	if page, err := s.indexedJobPage(ctx, q, st); !errors.Is(err, errNotIndexed) {
		return page, err
	}
	sort := q.Sort
	if st.Search == "" && sort == SortRelevance {
		sort = DefaultSort
	}
	pq := &pageQuery{table: "public.job_catalog", columns: jobSummaryColumns, limit: q.PageSize}
	spec := jobSort(sort, st.Currency, &pq.args)
	if sort == SortDistance {
		spec = q.near.sortSpec(&pq.args)
	}
	pq.sort = spec
	scan := withDistance(pq, q.near, scanJobSummary, func(j *JobSummary, km float64) { j.Distance = &km })
	var searchConds []string
	pq.from, searchConds = jobFrom(&pq.args, st.Search, s.vocabFor(ctx, s.jobVocab, st.Search))
	pq.where = append(searchConds, jobConds(q, st.Currency, &pq.args, s.now(), "")...)
	if err := pq.start(st, spec, sort == SortRelevance); err != nil {
		return JobPage{}, err
	}
	got, err := runPage(ctx, s.db(ctx), pq, scan)
	if err != nil {
		return JobPage{}, err
	}
	total, err := pageTotal(pq, st, got, func() (countResult, error) { return s.countJobs(ctx, q, st.Currency, st.Search) })
	if err != nil {
		return JobPage{}, err
	}
	st.Total, st.Exact = total.n, total.exact
	l := makeLinks(s.cursor, spec, st, got)
	return JobPage{Jobs: nonNil(got.items), Page: l.page, Next: l.next, Prev: l.prev, Total: total.n,
		TotalExact: total.exact, Sort: sort, Search: st.Search, Corrected: st.Search != q.Search,
		SalaryCurrency: st.Currency, Near: q.near}, nil
}

// searchable is a cleaned query.
type searchable interface{ searchText() string }

func (q JobQuery) searchText() string      { return q.Search }
func (q ProviderQuery) searchText() string { return q.Search }

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

type countResult struct {
	n     int
	exact bool
}

// countJobs counts the jobs matching q with search text, up to CountCap.
func (s *Store) countJobs(ctx context.Context, q JobQuery, salaryCur, search string) (countResult, error) {
	q.Cursor, q.PageSize, q.Sort = "", 0, ""
	key := "jobcount\x00" + fingerprint("jobs", q) + "\x00" + salaryCur + "\x00" + search
	return cached(ctx, s.cache, key, func(ctx context.Context) (countResult, error) {
		var args sqlArgs
		from, conds := jobFrom(&args, search, s.vocabFor(ctx, s.jobVocab, search))
		conds = append(conds, jobConds(q, salaryCur, &args, s.now(), "")...)
		return countCapped(ctx, s.db(ctx), from, conds, args)
	})
}

func countCapped(ctx context.Context, db pgq.Querier, from string, conds []string, args sqlArgs) (countResult, error) {
	var n int
	sql := fmt.Sprintf("SELECT count(*) FROM (SELECT 1 FROM %s WHERE %s LIMIT %d) c", from, whereSQL(conds), CountCap+1)
	if err := db.QueryRow(ctx, sql, args...).Scan(&n); err != nil {
		return countResult{}, fmt.Errorf("catalog count: %w", err)
	}
	if n > CountCap {
		return countResult{n: CountCap, exact: false}, nil
	}
	return countResult{n: n, exact: true}, nil
}

const jobDetailColumns = jobSummaryColumns + `, reference_code,
	description_html, responsibilities_html, requirements_html, nice_to_have_html, benefits_html,
	positions_count, team, meta_title, meta_description, street_address, postal_code, application_questions`

// Job returns the public job with catalog id id. An id that was public
// once (a row since removed, or past its deadline) is gone; one never
// public is not found.
func (s *Store) Job(ctx context.Context, id int64) (Job, error) {
	var j Job
	var desc string
	dests := append(j.dests(&desc), &j.ReferenceCode, &j.DescriptionHTML,
		&j.ResponsibilitiesHTML, &j.RequirementsHTML, &j.NiceToHaveHTML, &j.BenefitsHTML,
		&j.PositionsCount, &j.Team, &j.MetaTitle, &j.MetaDescription, &j.StreetAddress, &j.PostalCode, &j.ApplicationQuestions)
	err := s.db(ctx).QueryRow(ctx, `SELECT `+jobDetailColumns+` FROM public.job_catalog
		WHERE id = $1 AND `+listedJob("", "$2"), id, s.now()).Scan(dests...)
	if errors.Is(err, pgx.ErrNoRows) {
		return Job{}, s.missing(ctx, kind.Jobs, id)
	}
	if err != nil {
		return Job{}, fmt.Errorf("catalog job %d: %w", id, err)
	}
	j.finish(desc)
	return j, nil
}
