package apply

import (
	"github.com/zumodra/zumodra/internal/kind"
	"github.com/zumodra/zumodra/internal/metrics"
)

// Stats counts what an apply did (or, in a dry run, would do).
type Stats struct {
	Eligible  int // projected public rows handed to the apply
	Written   int // new or changed rows written
	Inserted  int // of Written, rows the catalog did not have (the rest had drifted)
	Unchanged int // rows skipped because the catalog holds the same hash
	// Skipped counts the source rows a bulk page did not even read, their
	// input fingerprint being the one the catalog (or, for a row that is
	// not public, its exclusion) holds; the public ones are in Unchanged too.
	Skipped int
	Removed int // catalog rows deleted
	Errors  int // source rows that could not be synced (see RowError)
}

// Add accumulates o into s.
func (s *Stats) Add(o Stats) {
	s.Eligible += o.Eligible
	s.Written += o.Written
	s.Inserted += o.Inserted
	s.Unchanged += o.Unchanged
	s.Skipped += o.Skipped
	s.Removed += o.Removed
	s.Errors += o.Errors
}

// Record adds s to the applied-rows metric. Call it after the transaction
// commits, so rolled-back work is never counted.
func (s Stats) Record(c kind.Catalog) {
	metrics.SyncAppliedRows.WithLabelValues(string(c), "written").Add(float64(s.Written))
	metrics.SyncAppliedRows.WithLabelValues(string(c), "unchanged").Add(float64(s.Unchanged))
	metrics.SyncAppliedRows.WithLabelValues(string(c), "removed").Add(float64(s.Removed))
	metrics.SyncAppliedRows.WithLabelValues(string(c), "failed").Add(float64(s.Errors))
}
