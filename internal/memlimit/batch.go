package memlimit

import (
	"os"
	"runtime/debug"
)

// BatchGCPercent is the collector's target for a batch command: the heap
// may grow to five times what survived the last collection before the
// next one.
//
// A bulk sync or a verify pass holds little (the pages in flight) and
// allocates a great deal that dies at once (each row's text, parsed and
// sanitised HTML, encoded parameters). At the default of 100 the collector
// ran every few tens of megabytes: reading and projecting every row at full
// scale (sync-public-catalogs --full --dry-run, two runs each) took 30.4
// and 30.9 s of user CPU, peaking at 84 MiB; at 400, 22.2 and 23.4 s, peaking
// at 205 and 254 MiB, still bounded by the pages in flight, not by the data.
const BatchGCPercent = 400

// Batch sets the collector's target for a batch command and returns what
// restores the one it found. GOGC set by the operator stands.
func Batch() (restore func()) {
	if os.Getenv("GOGC") != "" {
		return func() {}
	}
	was := debug.SetGCPercent(BatchGCPercent)
	return func() { debug.SetGCPercent(was) }
}
