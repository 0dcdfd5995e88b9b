package notify_test

import (
	"context"
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/intake"
	"github.com/zumodra/zumodra/internal/notify"
	"github.com/zumodra/zumodra/internal/webhooks"
)

// A visitor's application reaches the tenant's endpoint signed, after two
// failed attempts, and every attempt is in the delivery's log.
func TestApplicationReachesEndpointSignedAfterRetries(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	rec := newReceiver(t, 2)
	ep := e.endpoint(rec.srv.URL+"/hooks", notify.ApplicationCreated)
	rec.secrets = []string{ep.Secret}
	r := e.apply(intake.New(e.pool, nil), "Ada Lovelace")

	if n := deliver(t, e.worker(webhooks.Guard{AllowPrivate: true}, nil)); n != 3 {
		t.Fatalf("%d attempts, want 3 (two 503s, then accepted)", n)
	}
	if len(rec.verified) != 1 || rec.verified[0] != nil {
		t.Fatalf("verification of the accepted attempt: %v", rec.verified)
	}
	ids := map[string]bool{}
	for _, h := range rec.requests {
		ids[h.Get(webhooks.HeaderID)] = true
	}
	if len(ids) != 1 {
		t.Fatalf("webhook-ids across retries %v, want one", ids)
	}
	var p struct {
		Type string
		Data struct{ Application notify.ApplicationData }
	}
	if err := json.Unmarshal(rec.bodies[2], &p); err != nil {
		t.Fatal(err)
	}
	a := p.Data.Application
	if p.Type != notify.ApplicationCreated || a.ID != r.ID || a.JobID != e.jobID || a.Name != "Ada Lovelace" || a.Status != "new" {
		t.Fatalf("payload %s", rec.bodies[2])
	}
	ds, err := notify.Deliveries(context.Background(), e.pool, e.tenant.ID, notify.DeliveryFilter{Limit: 10})
	if err != nil || len(ds) != 1 {
		t.Fatalf("deliveries %v %v", ds, err)
	}
	log, err := notify.DeliveryWithLog(context.Background(), e.pool, e.tenant.ID, ds[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if log.State != notify.StateDelivered || log.Attempts != 3 || len(log.Log) != 3 || log.EventID != rec.requests[0].Get(webhooks.HeaderID) {
		t.Fatalf("delivery %+v", log)
	}
	for i, want := range []int{503, 503, 204} {
		if a := log.Log[i]; a.StatusCode == nil || *a.StatusCode != want {
			t.Fatalf("attempt %d: %+v, want status %d", i, a, want)
		}
	}
	if !strings.Contains(log.Log[0].Response, "busy, try later") || log.Log[0].Error == "" {
		t.Fatalf("first attempt logs %+v, want the receiver's answer and an error", log.Log[0])
	}
}

// A receiver that never accepts makes the delivery dead after MaxAttempts.
func TestDeliveryDiesAfterMaxAttempts(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	rec := newReceiver(t, 1000)
	e.endpoint(rec.srv.URL, notify.ApplicationCreated)
	e.apply(intake.New(e.pool, nil), "Ada")
	w := e.worker(webhooks.Guard{AllowPrivate: true}, nil)
	w.MaxAttempts = 4
	if n := deliver(t, w); n != 4 {
		t.Fatalf("%d attempts, want 4", n)
	}
	if n := e.count(`SELECT count(*) FROM public.notify_deliveries WHERE state = 'dead' AND attempts = 4`); n != 1 {
		t.Fatalf("%d dead deliveries, want 1", n)
	}
}

// A loopback URL is refused when registered, and an endpoint that was let
// in (a configuration that allowed it then) is still refused at dial time
// by a worker that does not allow it: nothing reaches the receiver.
func TestPrivateAddressRefusedAtRegistrationAndDial(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	rec := newReceiver(t, 0)
	for _, url := range []string{rec.srv.URL, "http://localhost/x", "http://169.254.169.254/latest/meta-data", "http://[::1]:9/", "ftp://example.com/", "http://user:pw@example.com/"} {
		_, err := notify.Endpoints{}.Create(context.Background(), e.pool, e.tenant.ID, notify.EndpointInput{URL: url, Events: []string{notify.ApplicationCreated}})
		if domain.ErrorCode(err) != domain.CodeInvalid || !strings.Contains(err.Error(), "url") {
			t.Errorf("register %s: %v, want an invalid url", url, err)
		}
	}
	if n := e.count(`SELECT count(*) FROM public.webhook_endpoints`); n != 0 {
		t.Fatalf("%d endpoints stored, want none", n)
	}
	ep := e.endpoint(rec.srv.URL, notify.ApplicationCreated)
	// Under the default guard, the endpoint may still be changed without
	// touching its URL, but not moved to another private address.
	strict := notify.Endpoints{}
	if _, err := strict.Update(context.Background(), e.pool, e.tenant.ID, ep.ID, ep.Version, func(in *notify.EndpointInput) error {
		in.URL = "http://10.0.0.1/"
		return nil
	}); domain.ErrorCode(err) != domain.CodeInvalid {
		t.Fatalf("moved to a private address: %v", err)
	}
	if _, err := strict.Update(context.Background(), e.pool, e.tenant.ID, ep.ID, ep.Version, func(in *notify.EndpointInput) error {
		in.Description = "kept"
		return nil
	}); err != nil {
		t.Fatalf("description change: %v", err)
	}
	e.apply(intake.New(e.pool, nil), "Ada")
	if n := deliver(t, e.worker(webhooks.Guard{}, nil)); n != 1 {
		t.Fatalf("%d attempts, want 1: a refused address is not retried", n)
	}
	if len(rec.requests) != 0 {
		t.Fatalf("the receiver got %d requests", len(rec.requests))
	}
	var state, lastErr string
	if err := e.pool.QueryRow(context.Background(), `SELECT state, last_error FROM public.notify_deliveries`).Scan(&state, &lastErr); err != nil {
		t.Fatal(err)
	}
	if state != notify.StateDead || !strings.Contains(lastErr, webhooks.ErrForbiddenAddress.Error()) {
		t.Fatalf("delivery %s %q, want dead with the refusal", state, lastErr)
	}
}

// A replay sends the same event again (same webhook-id, new signature),
// and only the tenant that owns the delivery can replay it.
func TestReplaySendsTheSameEventAgain(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	rec := newReceiver(t, 0)
	rec.secrets = []string{e.endpoint(rec.srv.URL, notify.ApplicationCreated).Secret}
	e.apply(intake.New(e.pool, nil), "Ada")
	w := e.worker(webhooks.Guard{AllowPrivate: true}, nil)
	deliver(t, w)
	ds, _ := notify.Deliveries(context.Background(), e.pool, e.tenant.ID, notify.DeliveryFilter{Limit: 10})
	if _, err := notify.Replay(context.Background(), e.pool, e.tenant.ID+1, ds[0].ID); domain.ErrorCode(err) != domain.CodeNotFound {
		t.Fatalf("replay by another tenant: %v, want not found", err)
	}
	d, err := notify.Replay(context.Background(), e.pool, e.tenant.ID, ds[0].ID)
	if err != nil || d.State != notify.StatePending || d.Attempts != 0 || len(d.Log) != 1 {
		t.Fatalf("replay: %+v %v", d, err)
	}
	if n := deliver(t, w); n != 1 {
		t.Fatalf("%d attempts after replay, want 1", n)
	}
	if len(rec.requests) != 2 || rec.requests[0].Get(webhooks.HeaderID) != rec.requests[1].Get(webhooks.HeaderID) || string(rec.bodies[0]) != string(rec.bodies[1]) {
		t.Fatalf("replay: %d requests, ids %q %q", len(rec.requests), rec.requests[0].Get(webhooks.HeaderID), rec.requests[len(rec.requests)-1].Get(webhooks.HeaderID))
	}
	if rec.verified[1] != nil {
		t.Fatalf("replayed delivery does not verify: %v", rec.verified[1])
	}
}

// After a rotation both secrets sign, so receivers holding either accept.
func TestRotationSignsWithBothSecrets(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	rec := newReceiver(t, 0)
	old := e.endpoint(rec.srv.URL, notify.ApplicationCreated)
	rotated, err := private.Rotate(context.Background(), e.pool, e.tenant.ID, old.ID, old.Version)
	if err != nil || rotated.Secret == old.Secret || rotated.PreviousSecretExpiresAt == nil || rotated.Version != old.Version+1 {
		t.Fatalf("rotate: %+v %v", rotated, err)
	}
	if _, err := private.Rotate(context.Background(), e.pool, e.tenant.ID, old.ID, old.Version); domain.ErrorCode(err) != domain.CodePrecondition {
		t.Fatalf("rotate at a stale version: %v, want precondition failed", err)
	}
	e.apply(intake.New(e.pool, nil), "Ada")
	deliver(t, e.worker(webhooks.Guard{AllowPrivate: true}, nil))
	h, body := rec.requests[0], rec.bodies[0]
	if sigs := strings.Fields(h.Get(webhooks.HeaderSignature)); len(sigs) != 2 {
		t.Fatalf("signatures %q, want two", sigs)
	}
	for _, s := range []string{old.Secret, rotated.Secret} {
		if err := (&webhooks.Verifier{Secret: s}).Verify(h, body); err != nil {
			t.Errorf("verify with one of the secrets: %v", err)
		}
	}
}

// Events are written in the causing transaction: one rolled back leaves
// none, a refused application stores none, and a tenant nobody listens
// to stores none at all.
func TestEventsLiveAndDieWithTheirTransaction(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	rec := newReceiver(t, 0)
	e.endpoint(rec.srv.URL, notify.ApplicationCreated)
	ev := notify.Event{Type: notify.ApplicationCreated, Data: map[string]int{"id": 1}}
	boom := errors.New("rolled back")
	err := pgx.BeginFunc(ctx, e.pool, func(tx pgx.Tx) error {
		if _, err := (notify.Recorder{}).Record(ctx, tx, e.tenant.ID, ev); err != nil {
			return err
		}
		if n := e.count(`SELECT count(*) FROM public.notify_events`); n != 0 {
			t.Errorf("%d events visible before commit", n)
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatal(err)
	}
	if n := e.count(`SELECT count(*) FROM public.notify_events`) + e.count(`SELECT count(*) FROM public.notify_deliveries`); n != 0 {
		t.Fatalf("%d rows after rollback, want none", n)
	}
	// The job closes: the application is refused, and so is its event.
	if _, err := e.pool.Exec(ctx, `UPDATE `+pgx.Identifier{e.tenant.SchemaName, "job_postings"}.Sanitize()+` SET status = 'closed'`); err != nil {
		t.Fatal(err)
	}
	_, err = intake.New(e.pool, nil).SubmitApplication(ctx, e.catJob, intake.Application{Name: "A", Email: "a@example.com", ResumeText: "cv"})
	if domain.ErrorCode(err) != domain.CodeGone {
		t.Fatalf("application to a closed job: %v", err)
	}
	if n := e.count(`SELECT count(*) FROM public.notify_events`); n != 0 {
		t.Fatalf("%d events of a refused application", n)
	}
	// Unsubscribed types are not stored.
	if _, err := (notify.Recorder{}).Record(ctx, e.pool, e.tenant.ID, notify.Event{Type: notify.InquiryCreated, Data: map[string]int{}}); err != nil {
		t.Fatal(err)
	}
	if n := e.count(`SELECT count(*) FROM public.notify_events`); n != 0 {
		t.Fatalf("%d events nobody subscribed to", n)
	}
}

// An endpoint made inactive gets no new events, and its pending
// deliveries wait for it; another tenant's endpoints are invisible and
// untouchable.
func TestEndpointsAreTheTenantsOwn(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	rec := newReceiver(t, 0)
	ep := e.endpoint(rec.srv.URL, notify.ApplicationCreated)
	rec.secrets = []string{ep.Secret}
	other := e.tenant.ID + 1000
	if _, err := private.Get(ctx, e.pool, other, ep.ID); domain.ErrorCode(err) != domain.CodeNotFound {
		t.Fatalf("get by another tenant: %v", err)
	}
	if err := private.Delete(ctx, e.pool, other, ep.ID, ep.Version); domain.ErrorCode(err) != domain.CodeNotFound {
		t.Fatalf("delete by another tenant: %v", err)
	}
	e.apply(intake.New(e.pool, nil), "Ada") // pending while the endpoint goes inactive
	off := false
	up, err := private.Update(ctx, e.pool, e.tenant.ID, ep.ID, ep.Version, func(in *notify.EndpointInput) error { in.Active = &off; return nil })
	if err != nil || up.Active || up.Version != ep.Version+1 {
		t.Fatalf("deactivate: %+v %v", up, err)
	}
	e.apply(intake.New(e.pool, nil), "Grace") // sent while inactive: not for this endpoint
	w := e.worker(webhooks.Guard{AllowPrivate: true}, nil)
	if n := deliver(t, w); n != 0 {
		t.Fatalf("%d attempts to an inactive endpoint", n)
	}
	on := true
	if _, err := private.Update(ctx, e.pool, e.tenant.ID, ep.ID, up.Version, func(in *notify.EndpointInput) error { in.Active = &on; return nil }); err != nil {
		t.Fatal(err)
	}
	if n := deliver(t, w); n != 1 || len(rec.requests) != 1 {
		t.Fatalf("%d attempts after reactivation, %d requests", n, len(rec.requests))
	}
	if _, err := private.Update(ctx, e.pool, e.tenant.ID, ep.ID, up.Version, func(*notify.EndpointInput) error { return nil }); domain.ErrorCode(err) != domain.CodePrecondition {
		t.Fatalf("update at a stale version: %v", err)
	}
}

// Registrations racing each other cannot pass the cap together: the
// tenant's row is locked before the count.
func TestConcurrentRegistrationsRespectTheCap(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	const tries = notify.MaxEndpoints + 5
	errs := make(chan error, tries)
	for i := range tries {
		go func() {
			err := pgx.BeginFunc(context.Background(), e.pool, func(tx pgx.Tx) error {
				_, err := private.Create(context.Background(), tx, e.tenant.ID, notify.EndpointInput{
					URL: "http://127.0.0.1:9/" + strconv.Itoa(i), Events: []string{notify.ListingUpdated}})
				return err
			})
			errs <- err
		}()
	}
	refused := 0
	for range tries {
		if err := <-errs; domain.ErrorCode(err) == domain.CodeInvalid {
			refused++
		} else if err != nil {
			t.Fatal(err)
		}
	}
	if n := e.count(`SELECT count(*) FROM public.webhook_endpoints`); n != notify.MaxEndpoints || refused != 5 {
		t.Fatalf("%d endpoints stored, %d refused; want %d and 5", n, refused, notify.MaxEndpoints)
	}
}
