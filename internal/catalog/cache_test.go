package catalog

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestCacheServesStaleWhileOneRefreshRuns(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	c := newTTLCache(10*time.Second, 10, func() time.Time { return now })
	calls := 0
	refreshed := make(chan struct{}, 1)
	compute := func(context.Context) (int, error) {
		calls++
		if calls > 1 {
			defer func() { refreshed <- struct{}{} }()
		}
		return calls, nil
	}
	ctx := context.Background()
	if v, _ := cached(ctx, c, "k", compute); v != 1 {
		t.Fatalf("first: %d", v)
	}
	if v, _ := cached(ctx, c, "k", compute); v != 1 || calls != 1 {
		t.Fatalf("fresh hit recomputed: %d calls", calls)
	}
	now = now.Add(11 * time.Second) // stale
	if v, _ := cached(ctx, c, "k", compute); v != 1 {
		t.Fatalf("stale entry not served at once: %d", v)
	}
	<-refreshed // the one background refresh finished
	if v, _ := cached(ctx, c, "k", compute); v != 2 {
		t.Fatalf("after refresh: %d", v)
	}
	now = now.Add(time.Hour) // too old to serve stale: recomputed while waiting
	if v, _ := cached(ctx, c, "k", compute); v != 3 {
		t.Fatalf("expired long ago: %d", v)
	}
	<-refreshed
	failing := func(context.Context) (int, error) { return 0, errors.New("down") }
	if _, err := cached(ctx, c, "other", failing); err == nil {
		t.Fatal("error not returned")
	}
	if _, state := c.lookup("other"); state != cacheMiss {
		t.Fatal("an error was cached")
	}
}
