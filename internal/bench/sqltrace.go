package bench

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
)

// sqlTrace sums the wall time the sync workers spend waiting on each kind
// of statement (a round trip: sent until its result is read), so that a
// worker batch's time can be split between the database and the Go side.
// A pipelined pgx.Batch counts as one round trip under the names of its
// statements.
type sqlTrace struct {
	mu    sync.Mutex
	on    bool
	stats map[string]*traceStat
}

type traceStat struct {
	n          int
	total, max time.Duration
}

type traceKey struct{}

type traceStart struct {
	at   time.Time
	name string
}

func newSQLTrace() *sqlTrace { return &sqlTrace{stats: map[string]*traceStat{}} }

// record starts summing afresh, or stops and keeps the sums for summary.
func (t *sqlTrace) record(on bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.on = on
	if on {
		t.stats = map[string]*traceStat{}
	}
}

func (t *sqlTrace) start(ctx context.Context, name string) context.Context {
	return context.WithValue(ctx, traceKey{}, traceStart{time.Now(), name})
}

func (t *sqlTrace) end(ctx context.Context) {
	s, ok := ctx.Value(traceKey{}).(traceStart)
	if !ok {
		return
	}
	d := time.Since(s.at)
	t.mu.Lock()
	defer t.mu.Unlock()
	if !t.on {
		return
	}
	st := t.stats[s.name]
	if st == nil {
		st = &traceStat{}
		t.stats[s.name] = st
	}
	st.n++
	st.total += d
	st.max = max(st.max, d)
}

// TraceQueryStart implements pgx.QueryTracer.
func (t *sqlTrace) TraceQueryStart(ctx context.Context, _ *pgx.Conn, d pgx.TraceQueryStartData) context.Context {
	return t.start(ctx, statementName(d.SQL))
}

// TraceQueryEnd implements pgx.QueryTracer.
func (t *sqlTrace) TraceQueryEnd(ctx context.Context, _ *pgx.Conn, _ pgx.TraceQueryEndData) {
	t.end(ctx)
}

// TraceBatchStart implements pgx.BatchTracer.
func (t *sqlTrace) TraceBatchStart(ctx context.Context, _ *pgx.Conn, d pgx.TraceBatchStartData) context.Context {
	var names []string
	for _, q := range d.Batch.QueuedQueries {
		if n := statementName(q.SQL); !slices.Contains(names, n) {
			names = append(names, n)
		}
	}
	return t.start(ctx, "batch["+strings.Join(names, " | ")+"]")
}

// TraceBatchQuery implements pgx.BatchTracer.
func (t *sqlTrace) TraceBatchQuery(context.Context, *pgx.Conn, pgx.TraceBatchQueryData) {}

// TraceBatchEnd implements pgx.BatchTracer.
func (t *sqlTrace) TraceBatchEnd(ctx context.Context, _ *pgx.Conn, _ pgx.TraceBatchEndData) {
	t.end(ctx)
}

// statementName is a short name of a statement: its first words and the
// table it names (a tenant's schema as "tenant"), enough to tell the sync's
// statements apart.
func statementName(sql string) string {
	f := strings.Fields(sql)
	name := strings.Join(f[:min(len(f), 3)], " ")
	for _, w := range f {
		w = strings.Trim(w, "(),")
		if i := strings.Index(w, `".`); i > 0 {
			w = "tenant." + strings.Trim(w[i+2:], `"`)
		}
		if strings.HasPrefix(w, "public.") || strings.HasPrefix(w, "tenant.") {
			return name + " " + w
		}
	}
	return name
}

// summary lists the statements by total time, largest first.
func (t *sqlTrace) summary(wall time.Duration) string {
	t.mu.Lock()
	defer t.mu.Unlock()
	names := make([]string, 0, len(t.stats))
	var sum time.Duration
	for n, st := range t.stats {
		names = append(names, n)
		sum += st.total
	}
	slices.SortFunc(names, func(a, b string) int { return cmp.Compare(t.stats[b].total, t.stats[a].total) })
	var b strings.Builder
	fmt.Fprintf(&b, "  worker round trips: %s in all over %s of wall time\n", sum.Round(time.Millisecond), wall.Round(time.Millisecond))
	for _, n := range names {
		st := t.stats[n]
		fmt.Fprintf(&b, "    %6d x %8s avg %8s max %8s  %s\n", st.n, st.total.Round(time.Millisecond),
			(st.total / time.Duration(st.n)).Round(time.Microsecond), st.max.Round(time.Microsecond), n)
	}
	return b.String()
}
