package memlimit

import (
	"runtime/debug"
	"testing"
)

// Batch raises the collector's target and restores the one it found; the
// operator's GOGC stands.
func TestBatchSetsAndRestores(t *testing.T) {
	t.Setenv("GOGC", "")
	before := debug.SetGCPercent(100)
	defer debug.SetGCPercent(before)
	restore := Batch()
	if got := debug.SetGCPercent(BatchGCPercent); got != BatchGCPercent {
		t.Fatalf("GC percent %d during a batch, want %d", got, BatchGCPercent)
	}
	restore()
	if got := debug.SetGCPercent(100); got != 100 {
		t.Fatalf("GC percent %d after the batch, want 100 restored", got)
	}

	t.Setenv("GOGC", "150")
	debug.SetGCPercent(150)
	Batch()()
	if got := debug.SetGCPercent(100); got != 150 {
		t.Fatalf("GC percent %d with GOGC=150 set, want it left alone", got)
	}
}
