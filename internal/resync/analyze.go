package resync

import (
	"context"
	"log/slog"
	"sync"

	"github.com/jackc/pgx/v5/pgxpool"
)

// A bulk sync into an empty or small catalog grows its tables many times
// over while the planner still holds their statistics of before (an empty
// table, until autovacuum's next visit), and the plans cached on that
// basis (the sync's statements, the catalog triggers' lookups) kept a full
// scale sync at a fifth of its speed. So the run analyses the tables it
// grows each time the rows it inserted double, from firstAnalyze on: a
// handful of ANALYZEs per run, each sampling a bounded number of rows, and
// each invalidating the plans made on the old statistics.

// firstAnalyze is the inserted rows after which the catalog is first
// analysed.
var firstAnalyze = 5_000

// GrownTables are the tables a bulk sync grows, as one list for ANALYZE
// or VACUUM.
const GrownTables = "public.job_catalog, public.provider_catalog, public.public_ids, public.company_catalog"

// grower counts a run's inserted rows and analyses at each doubling.
type grower struct {
	pool *pgxpool.Pool
	log  *slog.Logger

	mu       sync.Mutex
	inserted int
	next     int
	running  bool
}

func newGrower(pool *pgxpool.Pool, log *slog.Logger) *grower {
	return &grower{pool: pool, log: log, next: firstAnalyze}
}

// add records n more inserted rows, and analyses when they reach the next
// doubling (in the caller's goroutine, while the other tenants go on).
func (g *grower) add(ctx context.Context, n int) {
	g.mu.Lock()
	g.inserted += n
	due := g.inserted >= g.next && !g.running
	if due {
		g.next, g.running = 2*g.inserted, true
	}
	g.mu.Unlock()
	if !due {
		return
	}
	defer func() {
		g.mu.Lock()
		g.running = false
		g.mu.Unlock()
	}()
	// Without the right to analyse (not the tables' owner) PostgreSQL
	// skips them with a warning: the sync goes on regardless.
	if _, err := g.pool.Exec(ctx, "ANALYZE "+GrownTables); err != nil {
		g.log.WarnContext(ctx, "resync: could not analyse the catalog tables", "error", err)
	}
}
