package resync

import (
	"context"
	"testing"

	"github.com/zumodra/zumodra/internal/testdb"
	"github.com/zumodra/zumodra/internal/testfactory"
)

// A run that grows the catalog past the threshold analyses its tables, so
// the planner sees their new size (pg_class.reltuples is what ANALYZE
// sets; a table never analysed reports -1).
func TestRunAnalysesTheCatalogItGrows(t *testing.T) {
	ctx := context.Background()
	pool := testdb.New(t)
	tn := testfactory.Tenant(t, pool, nil)
	for range 6 {
		testfactory.Job(t, pool, tn, nil)
	}
	defer func(n int) { firstAnalyze = n }(firstAnalyze)
	firstAnalyze = 4
	rep, err := Run(ctx, pool, Options{BatchSize: 2})
	if err != nil || rep.Err() != nil {
		t.Fatalf("run: %v %v", err, rep.Err())
	}
	var tuples float64
	if err := pool.QueryRow(ctx, `SELECT reltuples FROM pg_class WHERE oid = 'public.job_catalog'::regclass`).Scan(&tuples); err != nil {
		t.Fatal(err)
	}
	if tuples < 4 {
		t.Fatalf("job_catalog's statistics count %v rows after a sync of 6: not analysed", tuples)
	}
}
