// Package bench is the benchmark suite behind `zumodra bench`, the one
// harness: a deterministic dataset (internal/dataset) written into real
// tenant schemas, then, in one
// process run so that ratios hold on a noisy machine, the bulk sync beside
// its set-based limit and beside the original's per-row strategy, the
// propagation delay of the incremental workers, the public read path under
// load from a separate process (the real `zumodra serve`, its caches on and
// off) beside pgbench, tenant creation, and the
// bulk sync's peak memory. Every benchmark prints a table; WriteMarkdown
// puts them into docs/BENCHMARKS.md between this suite's markers.
//
// The suite runs in a database of its own (see Options.DatabaseURL): it
// truncates catalogs and creates thousands of tenants, which no real
// database should see.
package bench
