// Package ops holds what operators run against a live system, beside the
// sync itself: verification of the catalog against its sources (with
// repair through internal/apply), the stale sweep, the deployment checklist
// as automatic checks (doctor), the database-state Prometheus collector and
// the periodic runner that the workers start.
//
// Nothing here decides what is public: verification projects source rows
// with internal/projection and repairs with internal/apply, so a verified
// catalog is by construction the one the workers would have produced.
package ops
