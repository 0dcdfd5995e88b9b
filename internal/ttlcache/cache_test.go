package ttlcache

import (
	"context"
	"errors"
	"strconv"
	"testing"
	"time"
)

var epoch = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// An entry is fresh for exactly its TTL on the cache's clock.
func TestEntryLivesForItsTTL(t *testing.T) {
	now := epoch
	c := New[string, int](Options{TTL: 2 * time.Second, Max: 10, Now: func() time.Time { return now }})
	if _, ok := c.Get("k"); ok {
		t.Fatal("hit in an empty cache")
	}
	c.Put("k", 1)
	now = now.Add(2*time.Second - time.Nanosecond)
	if v, ok := c.Get("k"); !ok || v != 1 {
		t.Fatalf("within the TTL: %d, %v", v, ok)
	}
	now = now.Add(time.Nanosecond)
	if _, ok := c.Get("k"); ok {
		t.Fatal("served at the end of its TTL")
	}
}

func TestNegativeTTLDisables(t *testing.T) {
	c := New[string, int](Options{TTL: -1, Max: 10})
	if c != nil {
		t.Fatal("a disabled cache is not nil")
	}
	c.Put("k", 1)
	if _, ok := c.Get("k"); ok {
		t.Fatal("a disabled cache answered")
	}
	calls := 0
	for range 2 {
		_, _ = c.Fetch(context.Background(), "k", func(context.Context) (int, error) { calls++; return calls, nil })
	}
	if calls != 2 {
		t.Fatalf("a disabled cache computed %d times for 2 fetches", calls)
	}
}

// A full cache drops expired entries first, then makes room for the new one.
func TestFullCacheKeepsItsBound(t *testing.T) {
	now := epoch
	c := New[string, int](Options{TTL: time.Second, Max: 4, Now: func() time.Time { return now }})
	c.Put("old", 0)
	now = now.Add(500 * time.Millisecond)
	for i := range 3 {
		c.Put(strconv.Itoa(i), i)
	}
	now = now.Add(600 * time.Millisecond) // "old" expired, the others fresh
	c.Put("new", 9)
	for _, k := range []string{"0", "1", "2", "new"} {
		if _, ok := c.Get(k); !ok {
			t.Errorf("%s dropped while an expired entry could go", k)
		}
	}
	for i := range 10 {
		c.Put("more"+strconv.Itoa(i), i)
		if len(c.items) > 4 {
			t.Fatalf("%d entries, bound 4", len(c.items))
		}
		if _, ok := c.Get("more" + strconv.Itoa(i)); !ok {
			t.Fatal("the newest entry was dropped")
		}
	}
}

func TestFetchServesStaleWhileOneRefreshRuns(t *testing.T) {
	now := epoch
	c := New[string, int](Options{TTL: 10 * time.Second, Stale: time.Minute, Max: 10, Now: func() time.Time { return now }})
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
	if v, _ := c.Fetch(ctx, "k", compute); v != 1 {
		t.Fatalf("first: %d", v)
	}
	if v, _ := c.Fetch(ctx, "k", compute); v != 1 || calls != 1 {
		t.Fatalf("fresh hit recomputed: %d calls", calls)
	}
	now = now.Add(11 * time.Second) // stale
	if v, _ := c.Fetch(ctx, "k", compute); v != 1 {
		t.Fatalf("stale entry not served at once: %d", v)
	}
	<-refreshed // the one background refresh finished
	if v, _ := c.Fetch(ctx, "k", compute); v != 2 {
		t.Fatalf("after refresh: %d", v)
	}
	now = now.Add(time.Hour) // too old to serve stale: recomputed while waiting
	if v, _ := c.Fetch(ctx, "k", compute); v != 3 {
		t.Fatalf("expired long ago: %d", v)
	}
	<-refreshed
	failing := func(context.Context) (int, error) { return 0, errors.New("down") }
	if _, err := c.Fetch(ctx, "other", failing); err == nil {
		t.Fatal("error not returned")
	}
	if _, st := c.lookup("other"); st != miss {
		t.Fatal("an error was cached")
	}
}

// Without a stale window, Fetch recomputes an expired entry while waiting.
func TestFetchWithoutStaleWindow(t *testing.T) {
	now := epoch
	c := New[string, int](Options{TTL: time.Second, Max: 10, Now: func() time.Time { return now }})
	calls := 0
	compute := func(context.Context) (int, error) { calls++; return calls, nil }
	_, _ = c.Fetch(context.Background(), "k", compute)
	now = now.Add(time.Second)
	if v, _ := c.Fetch(context.Background(), "k", compute); v != 2 {
		t.Fatalf("expired entry served: %d", v)
	}
}

// The costs of the kept entries stay within MaxCost, the newest entry is
// always kept unless it alone costs more, and a replaced entry's cost goes
// with it.
func TestCostsStayWithinMaxCost(t *testing.T) {
	c := New[string, int](Options{TTL: time.Minute, Max: 100, MaxCost: 100})
	sum := func() int64 {
		var n int64
		for _, it := range c.items {
			n += it.cost
		}
		if n != c.cost {
			t.Fatalf("the cache counts %d, its entries cost %d", c.cost, n)
		}
		return n
	}
	for i := range 20 {
		key := strconv.Itoa(i)
		c.PutCost(key, i, 40)
		if _, ok := c.Get(key); !ok {
			t.Fatalf("entry %d not kept", i)
		}
		if n := sum(); n > 100 {
			t.Fatalf("after %d entries of 40 the cache holds %d, past 100", i+1, n)
		}
	}
	c.PutCost("huge", 0, 101)
	if _, ok := c.Get("huge"); ok || sum() != 80 {
		t.Fatalf("a value past MaxCost was kept, or pushed others out: %d", sum())
	}
	c.PutCost("19", 19, 10)
	if sum() != 50 {
		t.Fatalf("a replaced entry's cost stayed: %d", sum())
	}
	c.PutCost("19", 19, 101)
	if _, ok := c.Get("19"); ok || sum() != 40 {
		t.Fatalf("a key stored past MaxCost still answers with its old value (cost %d)", sum())
	}
	c.PutCost("free", 0, 0)
	if _, ok := c.Get("free"); !ok || sum() != 40 {
		t.Fatalf("a costless entry: kept %v, cost %d", ok, sum())
	}
}
