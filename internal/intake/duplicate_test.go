package intake_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/zumodra/zumodra/internal/intake"
	"github.com/zumodra/zumodra/internal/testdb"
)

func TestRepeatWithinWindowIsStoredOnce(t *testing.T) {
	t.Parallel()
	pool := testdb.New(t)
	ten := newTenant(t, pool, "acme")
	_, cat := publicJob(t, pool, ten, "Go engineer")
	_, other := publicJob(t, pool, ten, "SRE")
	_, prov := publicProvider(t, pool, ten, "Studio")
	now := time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)
	svc := intake.New(pool, nil).WithDuplicateWindow(time.Hour).WithClock(func() time.Time { return now })
	ctx := context.Background()
	a := intake.Application{Name: "Ada", Email: "ada@example.com", ResumeText: "cv"}

	first, err := svc.SubmitApplication(ctx, cat, a)
	if err != nil {
		t.Fatal(err)
	}
	a.Email = "ADA@example.com" // the same address, typed differently
	again, err := svc.SubmitApplication(ctx, cat, a)
	if err != nil || again.ID != first.ID || again.Title != first.Title {
		t.Fatalf("repeat: %+v %v, first %+v", again, err, first)
	}
	if _, err := svc.SubmitApplication(ctx, other, a); err != nil {
		t.Fatal(err)
	}
	if n := count(t, pool, ten, "applications"); n != 2 {
		t.Fatalf("%d applications, want one per job", n)
	}
	now = now.Add(61 * time.Minute) // past the window: a new application
	later, err := svc.SubmitApplication(ctx, cat, a)
	if err != nil || later.ID == first.ID {
		t.Fatalf("after the window: %+v %v", later, err)
	}

	q := intake.Inquiry{Name: "Bob", Email: "bob@example.org", Message: "Logo?"}
	i1, err := svc.SubmitInquiry(ctx, prov, q)
	if err != nil {
		t.Fatal(err)
	}
	if i2, err := svc.SubmitInquiry(ctx, prov, q); err != nil || i2.ID != i1.ID {
		t.Fatalf("repeat inquiry %+v %v", i2, err)
	}
	if n := count(t, pool, ten, "project_inquiries"); n != 1 {
		t.Fatalf("%d inquiries", n)
	}
	// A window of 0 stores every submission.
	if _, err := svc.WithDuplicateWindow(0).SubmitInquiry(ctx, prov, q); err != nil {
		t.Fatal(err)
	}
	if n := count(t, pool, ten, "project_inquiries"); n != 2 {
		t.Fatalf("%d inquiries with the check off", n)
	}
}

// Identical submissions sent at once (a double click on two connections)
// serialise on the repeat lock: one row, one id for all.
func TestConcurrentRepeatsStoreOne(t *testing.T) {
	t.Parallel()
	pool := testdb.New(t)
	ten := newTenant(t, pool, "acme")
	_, cat := publicJob(t, pool, ten, "Go engineer")
	svc := intake.New(pool, nil)
	const n = 8
	ids := make([]int64, n)
	errs := make([]error, n)
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			<-start
			r, err := svc.SubmitApplication(context.Background(), cat, intake.Application{Name: "Ada", Email: "ada@example.com", ResumeText: "cv"})
			ids[i], errs[i] = r.ID, err
		})
	}
	close(start)
	wg.Wait()
	for i := range n {
		if errs[i] != nil || ids[i] != ids[0] {
			t.Fatalf("submission %d: id %d err %v, first id %d", i, ids[i], errs[i], ids[0])
		}
	}
	if c := count(t, pool, ten, "applications"); c != 1 {
		t.Fatalf("%d applications stored", c)
	}
}
