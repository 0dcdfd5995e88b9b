package notify

import (
	"context"
	"errors"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"sync"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/zumodra/zumodra/internal/metrics"
	"github.com/zumodra/zumodra/internal/webhooks"
)

// Defaults of a Worker's settings.
const (
	DefaultSenders      = 2
	DefaultMaxAttempts  = 10
	DefaultBackoffBase  = 30 * time.Second
	DefaultBackoffLimit = 6 * time.Hour
	DefaultSendTimeout  = 10 * time.Second
	DefaultPoll         = time.Second
)

// Worker delivers due deliveries until its context ends.
type Worker struct {
	Pool   *pgxpool.Pool
	Log    *slog.Logger
	Guard  webhooks.Guard // which addresses webhooks may reach
	Mailer Mailer         // nil: e-mail deliveries are left to a process that has one
	// Senders run side by side, each one delivery at a time.
	Senders     int
	MaxAttempts int // after this many failed attempts a delivery is dead
	// BackoffBase and BackoffLimit shape the wait before retry n:
	// webhooks.Backoff, between half and all of min(base·2^(n-1), limit).
	BackoffBase, BackoffLimit time.Duration
	SendTimeout               time.Duration // one HTTP exchange or SMTP session
	Poll                      time.Duration // longest pause between claims when idle
	// Retention is how long settled events are kept (Sweep runs hourly).
	Retention time.Duration

	once   sync.Once
	client *http.Client
}

func (w *Worker) defaults() {
	w.once.Do(func() {
		if w.Log == nil {
			w.Log = slog.New(slog.DiscardHandler)
		}
		w.Senders = or(w.Senders, DefaultSenders)
		w.MaxAttempts = or(w.MaxAttempts, DefaultMaxAttempts)
		w.BackoffBase = or(w.BackoffBase, DefaultBackoffBase)
		w.BackoffLimit = or(w.BackoffLimit, DefaultBackoffLimit)
		w.SendTimeout = or(w.SendTimeout, DefaultSendTimeout)
		w.Poll = or(w.Poll, DefaultPoll)
		w.Retention = or(w.Retention, DefaultRetention)
		w.client = w.Guard.Client(w.SendTimeout)
	})
}

func or[T int | time.Duration](v, def T) T {
	if v == 0 {
		return def
	}
	return v
}

// lease is how long a claimed delivery is kept from other workers: beyond
// any one send, so only a worker that died gives it up.
func (w *Worker) lease() time.Duration { return 3*w.SendTimeout + 30*time.Second }

// channels are those this worker can send.
func (w *Worker) channels() []string {
	if w.Mailer != nil {
		return []string{ChannelWebhook, ChannelEmail}
	}
	return []string{ChannelWebhook}
}

// Run delivers until ctx ends; a send in progress is finished first, since
// its attempt must be logged.
func (w *Worker) Run(ctx context.Context) error {
	w.defaults()
	var wg sync.WaitGroup
	for range w.Senders {
		wg.Go(func() { w.loop(ctx) })
	}
	wg.Go(func() { w.sweepHourly(ctx) })
	wg.Wait()
	return nil
}

// sweepHourly deletes old settled events. Two processes sweeping at once
// only delete the same rows once.
func (w *Worker) sweepHourly(ctx context.Context) {
	t := time.NewTicker(time.Hour)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		for {
			n, err := Sweep(ctx, w.Pool, w.Retention)
			if err != nil && ctx.Err() == nil {
				w.Log.WarnContext(ctx, "notify: sweeping old events", "error", err)
			}
			if err != nil || n < sweepBatch {
				break
			}
		}
	}
}

func (w *Worker) loop(ctx context.Context) {
	for ctx.Err() == nil {
		sent, err := w.DeliverOne(context.WithoutCancel(ctx))
		if err != nil {
			w.Log.WarnContext(ctx, "notify: delivering", "error", err)
		}
		if sent && err == nil {
			continue
		}
		t := time.NewTimer(w.Poll)
		select {
		case <-ctx.Done():
			t.Stop()
		case <-t.C:
		}
	}
}

// DeliverOne claims one due delivery, sends it and records the attempt.
// It reports whether there was one.
func (w *Worker) DeliverOne(ctx context.Context) (bool, error) {
	w.defaults()
	c, ok, err := claim(ctx, w.Pool, w.channels(), w.lease())
	if err != nil || !ok {
		return false, err
	}
	o := w.send(ctx, c)
	state, retryIn := StatePending, time.Duration(0)
	switch {
	case o.OK:
		state = StateDelivered
	case o.Final || c.Attempts >= w.MaxAttempts:
		state = StateDead
	default:
		retryIn = webhooks.Backoff(c.Attempts, w.BackoffBase, w.BackoffLimit, rand.Float64)
	}
	metrics.NotifyDeliveries.WithLabelValues(c.Channel, result(state)).Inc()
	w.Log.InfoContext(ctx, "notify: attempt", "delivery_id", c.ID, "tenant_id", c.TenantID, "channel", c.Channel,
		"event_type", c.Type, "attempt", c.Attempts, "status", o.Status, "state", state, "error", o.Err)
	return true, finish(ctx, w.Pool, c, o, state, retryIn)
}

// result names an attempt's outcome for the metrics.
func result(state string) string {
	switch state {
	case StateDelivered:
		return "delivered"
	case StateDead:
		return "dead"
	}
	return "retry"
}

func (w *Worker) send(ctx context.Context, c claimed) outcome {
	if c.Channel == ChannelEmail {
		return w.mail(ctx, c)
	}
	body, err := c.body()
	if err != nil {
		return outcome{Err: err, Final: true}
	}
	res := webhooks.Send(ctx, w.client, webhooks.Delivery{URL: c.URL, ID: c.WebhookID, Secrets: c.Secrets, Body: body, At: time.Now()})
	return outcome{OK: res.OK(), Status: res.Status, Duration: res.Latency, Err: res.Err, Response: res.Body,
		Final: errors.Is(res.Err, webhooks.ErrForbiddenAddress)}
}
