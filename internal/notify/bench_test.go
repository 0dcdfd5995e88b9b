package notify_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/zumodra/zumodra/internal/notify"
	"github.com/zumodra/zumodra/internal/tenants"
	"github.com/zumodra/zumodra/internal/testdb"
	"github.com/zumodra/zumodra/internal/webhooks"
)

// BenchmarkDeliverOne measures one webhook delivery end to end: the claim,
// the signed POST to a local receiver and the recorded attempt.
func BenchmarkDeliverOne(b *testing.B) {
	pool := testdb.New(b)
	ten, _, err := tenants.New(pool).Create(context.Background(), tenants.CreateParams{Slug: "bench", Name: "Bench"})
	if err != nil {
		b.Fatal(err)
	}
	recv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusNoContent) }))
	defer recv.Close()
	ctx := context.Background()
	if _, err := private.Create(ctx, pool, ten.ID, notify.EndpointInput{URL: recv.URL, Events: []string{notify.ListingUpdated}}); err != nil {
		b.Fatal(err)
	}
	events := make([]notify.Event, b.N)
	for i := range events {
		events[i] = notify.Event{Type: notify.ListingUpdated, Data: notify.Listing{Listing: notify.ListingData{Kind: "job", ID: int64(i)}}}
	}
	if _, err := (notify.Recorder{}).Record(ctx, pool, ten.ID, events...); err != nil {
		b.Fatal(err)
	}
	w := &notify.Worker{Pool: pool, Guard: webhooks.Guard{AllowPrivate: true}}
	b.ResetTimer()
	for range b.N {
		if sent, err := w.DeliverOne(ctx); !sent || err != nil {
			b.Fatalf("deliver: %v %v", sent, err)
		}
	}
}
