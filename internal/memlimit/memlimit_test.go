package memlimit

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"math"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
	"time"
)

// The limit leaves the headroom above the live heap, adds the memory
// outside the heap, and never goes below the floor.
func TestLimit(t *testing.T) {
	for _, c := range []struct {
		live, other uint64
		headroom    float64
		want        int64
	}{
		{200 << 20, 10 << 20, 0.5, 310 << 20},
		{200 << 20, 0, 1, 400 << 20},
		{1 << 20, 1 << 20, 0.5, Floor},
	} {
		if got := Limit(c.live, c.other, c.headroom); got != c.want {
			t.Errorf("Limit(%d, %d, %v) = %d, want %d", c.live, c.other, c.headroom, got, c.want)
		}
	}
}

// Follow sets a limit from this process's own live heap, and restores the
// one it found when its context ends; GOMEMLIMIT or no headroom leave the
// limit alone.
func TestFollowSetsAndRestores(t *testing.T) {
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	before := debug.SetMemoryLimit(-1)
	ballast := make([]byte, 128<<20) // the live heap: a limit above the floor
	runtime.GC()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { Follow(ctx, 0.5, log); close(done) }()
	deadline := time.Now().Add(10 * time.Second)
	for debug.SetMemoryLimit(-1) == before && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	got := debug.SetMemoryLimit(-1)
	cancel()
	<-done
	runtime.KeepAlive(ballast)
	if got < 128<<20*3/2 || got == math.MaxInt64 {
		t.Fatalf("limit %d with 128 MiB live and a headroom of a half", got)
	}
	if after := debug.SetMemoryLimit(-1); after != before {
		t.Fatalf("limit %d after Follow ended, was %d", after, before)
	}
	var said bytes.Buffer
	t.Setenv("GOMEMLIMIT", "1GiB")
	ctx, cancel = context.WithCancel(context.Background())
	cancel()
	Follow(ctx, 0.5, slog.New(slog.NewTextHandler(&said, nil)))
	if !strings.Contains(said.String(), "memory limit set by GOMEMLIMIT") {
		t.Fatalf("GOMEMLIMIT set: Follow said %q", said.String())
	}
}

// The limit follows the live heap as it grows, collection after
// collection, as a serve process's heap grows while its index is built:
// a limit left at an earlier, smaller heap would have the collector run
// without pause.
func TestFollowTracksGrowth(t *testing.T) {
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	before := debug.SetMemoryLimit(-1)
	defer debug.SetMemoryLimit(before)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { Follow(ctx, 0.5, log); close(done) }()
	defer func() { cancel(); <-done }()
	var ballast [][]byte
	for step := 1; step <= 4; step++ {
		ballast = append(ballast, make([]byte, 64<<20))
		runtime.GC()
		want := int64(step) * 64 << 20 * 3 / 2
		deadline := time.Now().Add(10 * time.Second)
		for debug.SetMemoryLimit(-1) < want && time.Now().Before(deadline) {
			time.Sleep(5 * time.Millisecond)
		}
		if got := debug.SetMemoryLimit(-1); got < want || got == math.MaxInt64 {
			t.Fatalf("%d MiB live: limit %d, want at least %d", step*64, got, want)
		}
	}
	runtime.KeepAlive(ballast)
}
