// Package memlimit sets how the Go runtime trades memory for collector
// CPU: a serve process keeps its soft memory limit a fraction above the
// live heap (Follow); a batch command lets its heap grow further between
// collections (Batch).
//
// By default the collector lets the heap grow to twice what survived the
// last collection before it collects again. A serve process's live heap is
// mostly its search index, so that doubled its resident memory under load.
// With a limit at the live heap plus a headroom, the collector runs sooner
// instead, trading collector CPU for memory; the headroom sets the trade
// (docs/OPERATIONS.md). The limit follows the live heap as the catalog
// grows or shrinks, so no figure has to be sized by hand for the data.
package memlimit

import (
	"context"
	"log/slog"
	"os"
	"runtime/debug"
	"runtime/metrics"
	"time"
)

// Floor is the lowest limit set: below it the collector would run almost
// continuously for a process that holds nearly nothing.
const Floor = 64 << 20

// Every is how often Follow looks for a finished collection, whose live
// heap then sets the limit. While the index is built the live heap grows
// by tens of megabytes a second: a limit read every two seconds lagged
// that far behind it, so the collector ran without pause against a limit
// the heap had already outgrown (205 collections and a third of the
// process's CPU in a full-scale build, 2 s of its start). A reading costs
// microseconds.
const Every = 100 * time.Millisecond

// Limit is the limit for a live heap of live bytes and other bytes of
// runtime memory outside the heap (stacks, the runtime's own structures),
// leaving headroom times live for new allocation.
func Limit(live, other uint64, headroom float64) int64 {
	return max(int64(float64(live)*(1+headroom))+int64(other), Floor)
}

// Follow sets the limit from the live heap after each collection (looking
// every Every) until ctx ends, then restores the limit it found. It does
// nothing when headroom is 0 or when GOMEMLIMIT is set: the operator's own
// limit stands.
func Follow(ctx context.Context, headroom float64, log *slog.Logger) {
	if headroom <= 0 {
		return
	}
	if v := os.Getenv("GOMEMLIMIT"); v != "" {
		log.InfoContext(ctx, "memory limit set by GOMEMLIMIT; the heap headroom is not applied", "GOMEMLIMIT", v)
		return
	}
	was := debug.SetMemoryLimit(-1)
	defer debug.SetMemoryLimit(was)
	samples := newSamples()
	t := time.NewTicker(Every)
	defer t.Stop()
	var seen uint64 // the collections the limit has followed
	for {
		if live, other, cycles := samples.read(); cycles != seen && live > 0 { // live is 0 until the first collection
			debug.SetMemoryLimit(Limit(live, other, headroom))
			seen = cycles
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// samples reads the live heap, the runtime memory outside the heap and
// the count of collections.
type samples []metrics.Sample

var sampleNames = []string{
	"/gc/heap/live:bytes",
	"/memory/classes/total:bytes",
	"/memory/classes/heap/objects:bytes",
	"/memory/classes/heap/unused:bytes",
	"/memory/classes/heap/free:bytes",
	"/memory/classes/heap/released:bytes",
	"/gc/cycles/total:gc-cycles",
}

func newSamples() samples {
	s := make(samples, len(sampleNames))
	for i, n := range sampleNames {
		s[i].Name = n
	}
	return s
}

// read returns the live heap, the memory outside the heap and the
// collections completed so far.
func (s samples) read() (live, other, cycles uint64) {
	metrics.Read(s)
	v := make([]uint64, len(s))
	for i := range s {
		if s[i].Value.Kind() == metrics.KindUint64 {
			v[i] = s[i].Value.Uint64()
		}
	}
	if heap := v[2] + v[3] + v[4] + v[5]; v[1] >= heap {
		other = v[1] - heap
	}
	return v[0], other, v[6]
}
