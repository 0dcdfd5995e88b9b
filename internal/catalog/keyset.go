package catalog

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/pgq"
)

// sqlArgs collects bind parameters and hands out their placeholders, so
// that no visitor value is ever spliced into SQL text.
type sqlArgs []any

func (a *sqlArgs) add(v any) string {
	*a = append(*a, v)
	return "$" + strconv.Itoa(len(*a))
}

// sortKey is one ORDER BY expression and the Go type of its value.
type sortKey struct {
	expr string
	kind keyKind
}

// sortSpec is a total order: its keys end with the row id, so no two rows
// tie and a keyset cursor names one position exactly. All keys run in the
// same direction so that one row comparison expresses "after the cursor".
type sortSpec struct {
	keys []sortKey
	asc  bool
}

// pageQuery is one keyset page over a catalog table.
type pageQuery struct {
	table   string // the catalog table, for the row lookup
	from    string // the table and any cross-joined helper
	columns string
	where   []string
	args    sqlArgs
	sort    sortSpec
	limit   int
	after   []any // the cursor's keys, typed; nil on the first page
	back    bool  // walking towards the first page
	// withTotal also counts every row matching where (without the cursor
	// condition), for a sort that must visit them all anyway.
	withTotal bool
}

// sql finds the page's ids and sort keys first and only then reads the
// page's rows: a ranked search evaluates its sort key for every match, and
// reading the listed columns (a description excerpt among them) for all of
// them too would cost far more than the ranking.
func (q *pageQuery) sql() string {
	conds := append([]string(nil), q.where...)
	desc := !q.sort.asc != q.back
	if q.after != nil {
		exprs := make([]string, len(q.sort.keys))
		params := make([]string, len(q.sort.keys))
		for i, k := range q.sort.keys {
			exprs[i] = k.expr
			params[i] = q.args.add(q.after[i])
		}
		op := ">"
		if desc {
			op = "<"
		}
		conds = append(conds, fmt.Sprintf("(%s) %s (%s)", strings.Join(exprs, ", "), op, strings.Join(params, ", ")))
	}
	dir := map[bool]string{true: " DESC", false: " ASC"}[desc]
	inner := make([]string, len(q.sort.keys))
	outer := make([]string, len(q.sort.keys))
	order := make([]string, len(q.sort.keys))
	for i, k := range q.sort.keys {
		alias := "k" + strconv.Itoa(i)
		inner[i] = k.expr + " AS " + alias
		outer[i] = "p." + alias
		order[i] = "p." + alias + dir
	}
	if q.withTotal {
		inner = append(inner, "count(*) OVER () AS total")
		outer = append(outer, "p.total")
	}
	orderBy := strings.Join(order, ", ")
	return fmt.Sprintf(`SELECT %s, %s FROM (SELECT %s.id AS page_id, %s FROM %s WHERE %s ORDER BY %s LIMIT %d) p
		JOIN %s ON %s.id = p.page_id ORDER BY %s`,
		q.columns, strings.Join(outer, ", "), q.table, strings.Join(inner, ", "), q.from, whereSQL(conds),
		strings.ReplaceAll(orderBy, "p.", ""), q.limit+1, q.table, q.table, orderBy)
}

func whereSQL(conds []string) string {
	if len(conds) == 0 {
		return "true"
	}
	return strings.Join(conds, " AND ")
}

// pageRows is what one keyset query returned, in display order.
type pageRows[T any] struct {
	items []T
	first []any // sort keys of the first and last item
	last  []any
	more  bool // rows exist beyond the page in the walking direction
	total int  // every match, when the query counted them (withTotal)
}

// runPage runs q; scan reads an item from the leading columns and must
// append the sort-key destinations after its own.
func runPage[T any](ctx context.Context, db pgq.Querier, q *pageQuery, scan func(pgx.Rows, []any) (T, error)) (pageRows[T], error) {
	var out pageRows[T]
	rows, err := db.Query(ctx, q.sql(), q.args...)
	if err != nil {
		return out, fmt.Errorf("catalog page query: %w", err)
	}
	defer rows.Close()
	var keys [][]any
	for rows.Next() {
		dests := make([]any, len(q.sort.keys))
		for i, k := range q.sort.keys {
			dests[i] = newKeyDest(k.kind)
		}
		scanDests := dests
		if q.withTotal {
			scanDests = append(dests[:len(dests):len(dests)], &out.total)
		}
		item, err := scan(rows, scanDests)
		if err != nil {
			return out, fmt.Errorf("catalog page scan: %w", err)
		}
		vals := make([]any, len(dests))
		for i, d := range dests {
			vals[i] = derefKey(d)
		}
		out.items = append(out.items, item)
		keys = append(keys, vals)
	}
	if err := rows.Err(); err != nil {
		return out, fmt.Errorf("catalog page rows: %w", err)
	}
	if len(out.items) > q.limit {
		out.more = true
		out.items, keys = out.items[:q.limit], keys[:q.limit]
	}
	if q.back {
		reverse(out.items)
		reverse(keys)
	}
	if len(keys) > 0 {
		out.first, out.last = keys[0], keys[len(keys)-1]
	}
	return out, nil
}

func reverse[T any](s []T) {
	for i, j := 0, len(s)-1; i < j; i, j = i+1, j-1 {
		s[i], s[j] = s[j], s[i]
	}
}

// start positions q after the cursor st, if any. A ranked sort evaluates
// every match anyway, so its first page counts them in the same query.
func (q *pageQuery) start(st cursorState, spec sortSpec, ranked bool) error {
	if st.Keys == nil {
		q.withTotal = ranked
		return nil
	}
	var err error
	q.after, err = cursorKeys(st, spec)
	q.back = st.Backward
	return err
}

// pageTotal is the number of matches: counted by the page query itself,
// carried by the cursor from the first page, or counted (capped) by count.
func pageTotal[T any](q *pageQuery, st cursorState, got pageRows[T], count func() (countResult, error)) (countResult, error) {
	switch {
	case q.withTotal:
		return countResult{n: got.total, exact: true}, nil
	case st.Keys != nil && st.Total > 0:
		return countResult{n: st.Total, exact: st.Exact}, nil
	}
	return count()
}

// cursorKeys parses a cursor's key strings by the sort's key kinds.
func cursorKeys(st cursorState, spec sortSpec) ([]any, error) {
	if len(st.Keys) != len(spec.keys) {
		return nil, domain.FieldError("cursor", "is not a valid cursor")
	}
	out := make([]any, len(st.Keys))
	for i, k := range spec.keys {
		v, err := parseKey(k.kind, st.Keys[i])
		if err != nil {
			return nil, domain.FieldError("cursor", "is not a valid cursor")
		}
		out[i] = v
	}
	return out, nil
}

func formatKeys(spec sortSpec, vals []any) []string {
	out := make([]string, len(vals))
	for i, k := range spec.keys {
		out[i] = formatKey(k.kind, vals[i])
	}
	return out
}

// pageLinks are the page number and the cursors to the neighbouring pages
// ("" when there is none).
type pageLinks struct {
	page       int
	next, prev string
}

// makeLinks builds the cursors around a page just read. A backward walk that
// found nothing before it has reached the first page, whatever the cursor
// said, since rows may have come and gone meanwhile.
func makeLinks[T any](c cursorCodec, spec sortSpec, st cursorState, got pageRows[T]) pageLinks {
	l := pageLinks{page: st.Page}
	if st.Backward && !got.more {
		l.page = 1
	}
	if len(got.items) == 0 {
		return l
	}
	base := cursorState{Fingerprint: st.Fingerprint, Search: st.Search, Total: st.Total, Exact: st.Exact, Currency: st.Currency}
	if got.more || st.Backward {
		n := base
		n.Page, n.Keys = l.page+1, formatKeys(spec, got.last)
		l.next = c.encode(n)
	}
	if l.page > 1 {
		p := base
		p.Page, p.Backward, p.Keys = l.page-1, true, formatKeys(spec, got.first)
		l.prev = c.encode(p)
	}
	return l
}
