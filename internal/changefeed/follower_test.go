package changefeed_test

import (
	"context"
	"testing"
	"time"

	"github.com/zumodra/zumodra/internal/changefeed"
	"github.com/zumodra/zumodra/internal/kind"
	"github.com/zumodra/zumodra/internal/testdb"
	"github.com/zumodra/zumodra/internal/testfactory"
)

func startFollower(t *testing.T, f *changefeed.Follower) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done, err := f.Start(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cancel()
		<-done
	})
}

func waitCtx(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// The follower sees each commit (woken by NOTIFY; the idle poll is an hour
// here, so only the notification can wake it), hands every subscriber the
// batch, and keys each changed row by its version.
func TestFollowerSeesEachCommit(t *testing.T) {
	t.Parallel()
	pool := testdb.New(t)
	tn := testfactory.Tenant(t, pool, nil)
	f := changefeed.NewFollower(pool, changefeed.Options{MinPoll: time.Hour, MaxPoll: time.Hour})
	startFollower(t, f)
	batches, stop := f.Subscribe()
	defer stop()
	start := f.Position()
	untouched := addJob(t, pool, tn.ID, 1)
	b := <-batches
	if b.From != start || b.To != start+1 || !b.Complete || len(b.Changes) != 1 || b.Changes[0].ID != untouched {
		t.Fatalf("first batch %+v", b)
	}
	changed := addJob(t, pool, tn.ID, 2)
	b = <-batches
	if b.To != start+2 || f.Position() != start+2 {
		t.Fatalf("second batch %+v at position %d", b, f.Position())
	}
	if got := f.RowVersion(kind.Jobs, changed); got != start+2 {
		t.Fatalf("row version %d, want %d", got, start+2)
	}
	if got := f.RowVersion(kind.Jobs, untouched); got != start+1 {
		t.Fatalf("row version of the first row %d, want %d", got, start+1)
	}
	if got := f.RowVersion(kind.Providers, changed); got != start {
		t.Fatalf("a row never changed: %d, want the start %d", got, start)
	}
}

// Without NOTIFY (a replica never gets one) the follower's own poll finds
// the change: nobody hints it here.
func TestFollowerPollsWithoutNotify(t *testing.T) {
	t.Parallel()
	pool := testdb.New(t)
	tn := testfactory.Tenant(t, pool, nil)
	f := changefeed.NewFollower(pool, changefeed.Options{MaxPoll: 20 * time.Millisecond, PollOnly: true})
	startFollower(t, f)
	batches, stop := f.Subscribe()
	defer stop()
	id := addJob(t, pool, tn.ID, 1)
	v := current(t, pool)
	if f.Listening() {
		t.Fatal("a poll-only follower listens")
	}
	if b := <-batches; b.To != v {
		t.Fatalf("batch %+v, want up to %d", b, v)
	}
	if f.RowVersion(kind.Jobs, id) != v {
		t.Fatalf("row %d not at version %d", id, v)
	}
}

// A subscriber that stops reading loses batches, then gets one batch that
// covers the gap and says it is incomplete.
func TestSlowSubscriberGetsIncompleteBatch(t *testing.T) {
	t.Parallel()
	pool := testdb.New(t)
	tn := testfactory.Tenant(t, pool, nil)
	f := changefeed.NewFollower(pool, changefeed.Options{})
	startFollower(t, f)
	ctx := waitCtx(t)
	batches, stop := f.Subscribe()
	defer stop()
	start := f.Position()
	for i := range 70 { // more than a subscriber's buffer, unread
		addJob(t, pool, tn.ID, int64(i+1))
		if err := f.Wait(ctx, start+int64(i+1)); err != nil {
			t.Fatal(err)
		}
	}
	var last changefeed.Batch
	for len(batches) > 0 {
		last = <-batches
	}
	addJob(t, pool, tn.ID, 100)
	b := <-batches
	if b.Complete || b.From != last.To || b.To != start+71 {
		t.Fatalf("after falling behind at %d: %+v", last.To, b)
	}
}

// A follower whose history was pruned while it was behind cannot list the
// changes: it moves on with an incomplete batch and treats every row as
// changed.
func TestFollowerBehindPrunedHistory(t *testing.T) {
	t.Parallel()
	pool := testdb.New(t)
	tn := testfactory.Tenant(t, pool, nil)
	ctx := waitCtx(t)
	f := changefeed.NewFollower(pool, changefeed.Options{MinPoll: time.Hour, MaxPoll: time.Hour, PollOnly: true})
	startFollower(t, f)
	batches, stop := f.Subscribe()
	defer stop()
	start := f.Position()
	untouched := addJob(t, pool, tn.ID, 1)
	if _, err := changefeed.Prune(ctx, pool, time.Now().Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if err := f.Wait(ctx, start+1); err != nil {
		t.Fatal(err)
	}
	if b := <-batches; b.Complete || b.To != start+1 {
		t.Fatalf("batch over pruned history: %+v", b)
	}
	if got := f.RowVersion(kind.Providers, untouched); got != start+1 {
		t.Fatalf("row version after an incomplete batch: %d, want %d", got, start+1)
	}
}
