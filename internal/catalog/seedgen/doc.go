// Package seedgen fills the public catalog with a large, deterministic,
// realistic-looking data set for benchmarks of the read path: tenants,
// jobs with ~1 KB descriptions and providers, inserted with COPY.
//
// The tenants it makes are catalog-only: rows in public.tenants without a
// schema, since the read path never reads tenant schemas (DESIGN.md
// invariant 6). Use it on a benchmark database, never on a real one.
package seedgen
