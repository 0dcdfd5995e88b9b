// Package faults is the fault suite: it builds the zumodra binary, runs
// serve and worker processes against a private PostgreSQL cluster of its
// own, and breaks things under load: kill -9 of workers, fast and immediate
// PostgreSQL restarts, an outage at start, a lock on a tenant's table, a
// frozen worker, small pools, hostile timestamps, tenant deletion while
// workers apply that tenant's changes. Every scenario ends with the catalog verified against
// its sources by `zumodra verify`.
//
// `go test ./internal/faults` runs the short version (well under a minute,
// part of the suite); ZUMODRA_FAULTS_LONG=1 runs each scenario longer and
// harder. The figures in docs/OPERATIONS.md come from the long version.
package faults
