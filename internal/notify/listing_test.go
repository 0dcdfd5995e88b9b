package notify_test

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/zumodra/zumodra/internal/inbox"
	"github.com/zumodra/zumodra/internal/intake"
	"github.com/zumodra/zumodra/internal/kind"
	"github.com/zumodra/zumodra/internal/notify"
)

// The apply step tells the tenant, in the catalog's own transaction, what
// happened to each listing and why, as catalog-status would say it.
func TestApplyRecordsListingEvents(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	e.endpoint("http://127.0.0.1:9/", notify.ListingPublished, notify.ListingUpdated, notify.ListingUnpublished, notify.ListingExcluded)
	jobs := pgx.Identifier{e.tenant.SchemaName, "job_postings"}.Sanitize()
	exec := func(sql string, args ...any) {
		t.Helper()
		if _, err := e.pool.Exec(ctx, sql, args...); err != nil {
			t.Fatal(err)
		}
	}
	var fresh, internal, draft int64
	insert := func(dst *int64, internalOnly, published bool) {
		t.Helper()
		if err := e.pool.QueryRow(ctx, `INSERT INTO `+jobs+` (title, status, published_on_career_page, is_internal_only, published_at)
			VALUES ('x', 'open', $1, $2, now() - interval '1 day') RETURNING id`, published, internalOnly).Scan(dst); err != nil {
			t.Fatal(err)
		}
	}
	insert(&fresh, false, true)
	insert(&internal, true, true)
	insert(&draft, false, false)
	exec(`UPDATE `+jobs+` SET title = 'Go engineer II' WHERE id = $1`, e.jobID)
	e.sync(kind.Jobs, e.jobID, fresh, internal, draft)
	exec(`UPDATE `+jobs+` SET status = 'closed' WHERE id = $1`, e.jobID)
	exec(`DELETE FROM `+jobs+` WHERE id = $1`, fresh)
	e.sync(kind.Jobs, e.jobID, fresh)
	e.sync(kind.Jobs, fresh) // gone and already removed: nothing to tell

	rows, err := e.pool.Query(ctx, `SELECT type, data FROM public.notify_events WHERE tenant_id = $1 ORDER BY id`, e.tenant.ID)
	if err != nil {
		t.Fatal(err)
	}
	type got struct {
		typ string
		l   notify.ListingData
	}
	var events []got
	for rows.Next() {
		var typ string
		var raw []byte
		if err := rows.Scan(&typ, &raw); err != nil {
			t.Fatal(err)
		}
		var l notify.Listing
		if err := json.Unmarshal(raw, &l); err != nil {
			t.Fatal(err)
		}
		events = append(events, got{typ, l.Listing})
	}
	want := []got{
		{notify.ListingUpdated, notify.ListingData{Kind: "job", ID: e.jobID}},
		{notify.ListingPublished, notify.ListingData{Kind: "job", ID: fresh}},
		{notify.ListingExcluded, notify.ListingData{Kind: "job", ID: internal, Reason: "internal_only", ReasonText: "internal-only posting"}},
		{notify.ListingUnpublished, notify.ListingData{Kind: "job", ID: e.jobID, Reason: "not_open", ReasonText: "status is not open"}},
		{notify.ListingUnpublished, notify.ListingData{Kind: "job", ID: fresh, Reason: "deleted", ReasonText: "the row was deleted"}},
	}
	if len(events) != len(want) {
		t.Fatalf("events %+v, want %+v", events, want)
	}
	for i := range want {
		if events[i] != want[i] {
			t.Errorf("event %d: %+v, want %+v", i, events[i], want[i])
		}
	}
	if n := e.count(`SELECT count(*) FROM public.notify_deliveries`); n != len(want) {
		t.Fatalf("%d deliveries, want one per event", n)
	}
}

// Sweep deletes old settled events with their deliveries, and keeps
// recent ones and any still pending.
func TestSweepKeepsRecentAndPending(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	e.endpoint("http://127.0.0.1:9/", notify.ListingUpdated)
	for range 3 {
		if _, err := (notify.Recorder{}).Record(ctx, e.pool, e.tenant.ID, notify.Event{Type: notify.ListingUpdated, Data: map[string]int{}}); err != nil {
			t.Fatal(err)
		}
	}
	// The first two are old; of those, one is settled.
	if _, err := e.pool.Exec(ctx, `UPDATE public.notify_events SET created_at = now() - interval '40 days' WHERE id IN (SELECT min(id) FROM public.notify_events UNION SELECT min(id) + 1 FROM public.notify_events)`); err != nil {
		t.Fatal(err)
	}
	if _, err := e.pool.Exec(ctx, `UPDATE public.notify_deliveries SET state = 'delivered' WHERE event_id = (SELECT min(id) FROM public.notify_events)`); err != nil {
		t.Fatal(err)
	}
	n, err := notify.Sweep(ctx, e.pool, notify.DefaultRetention)
	if err != nil || n != 1 {
		t.Fatalf("swept %d (%v), want 1", n, err)
	}
	if got := e.count(`SELECT count(*) FROM public.notify_events`) + e.count(`SELECT count(*) FROM public.notify_deliveries`); got != 4 {
		t.Fatalf("%d events and deliveries left, want 2 of each", got)
	}
}

// Erasing an applicant erases the events that copy their data, pending
// deliveries included, and leaves other applicants' events alone.
func TestErasedApplicantLeavesNoEvent(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	e.endpoint("http://127.0.0.1:9/", notify.ApplicationCreated, notify.ApplicationStatusChanged)
	svc := intake.New(e.pool, nil)
	r := e.apply(svc, "Ada")
	if _, err := svc.SubmitApplication(ctx, e.catJob, intake.Application{Name: "Grace", Email: "grace@example.com", ResumeText: "cv"}); err != nil {
		t.Fatal(err)
	}
	err := pgx.BeginFunc(ctx, e.pool, func(tx pgx.Tx) error {
		_, err := inbox.ChangeStatus(ctx, tx, e.tenant, inbox.Applications, r.ID, inbox.Move{Status: "reviewing", Version: 1, Actor: "test"})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if n := e.count(`SELECT count(*) FROM public.notify_events`); n != 3 {
		t.Fatalf("%d events, want 3", n)
	}
	err = pgx.BeginFunc(ctx, e.pool, func(tx pgx.Tx) error {
		_, err := inbox.Erase(ctx, tx, e.tenant, inbox.Applications, "ADA@example.com")
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if n := e.count(`SELECT count(*) FROM public.notify_events WHERE data::text LIKE '%ada@example.com%' OR (data ->> 'id')::bigint = $1`, r.ID); n != 0 {
		t.Fatalf("%d events of the erased applicant left", n)
	}
	if n := e.count(`SELECT count(*) FROM public.notify_deliveries`); n != 1 {
		t.Fatalf("%d deliveries left, want the other applicant's one", n)
	}
}
