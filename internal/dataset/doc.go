// Package dataset is the one generator of bulk tenant data: tenants created
// through tenants.Store.Create as production does, then their categories,
// jobs, providers, skills and category links written by COPY into the
// tenant schemas, deterministic for a seed. The catalog is never written
// here: whoever needs public rows syncs them through the real apply path
// (resync or the workers), so generated data is projected exactly as real
// data is. `zumodra bench` and the benchmarks of the tests use it;
// internal/testfactory stays the way to write single rows in tests.
package dataset
