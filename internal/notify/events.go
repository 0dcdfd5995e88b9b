package notify

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/zumodra/zumodra/internal/pgq"
)

// Event types, as webhook payloads and subscriptions name them.
const (
	ApplicationCreated       = "application.created"
	ApplicationStatusChanged = "application.status_changed"
	InquiryCreated           = "inquiry.created"
	InquiryStatusChanged     = "inquiry.status_changed"
	ListingPublished         = "listing.published"
	ListingUpdated           = "listing.updated"
	ListingUnpublished       = "listing.unpublished"
	ListingExcluded          = "listing.excluded"
)

// Types lists every event type an endpoint may subscribe to.
var Types = []string{
	ApplicationCreated, ApplicationStatusChanged, InquiryCreated, InquiryStatusChanged,
	ListingPublished, ListingUpdated, ListingUnpublished, ListingExcluded,
}

// mailedTypes are the events the tenant's notification address receives.
var mailedTypes = []string{ApplicationCreated, InquiryCreated}

// Event is one thing that happened to a tenant: its type and its data,
// which becomes the payload's "data" object. Data holds only what the
// tenant owns already: it goes to that tenant's endpoints and address alone.
type Event struct {
	Type string
	Data any
}

// Recorder writes events in the transaction that causes them.
type Recorder struct {
	// Mail queues an e-mail delivery of new applications and inquiries to
	// the tenant's notification address: set when this process's
	// configuration has an SMTP server.
	Mail bool
}

// recordSQL stores each event that has a destination and fans it out in
// one statement: a delivery per active endpoint subscribed to its type and,
// for mailed types, one to the notification address. Endpoints are read
// without a lock: one registered while this transaction runs may miss its
// first events, as it would had it been registered a moment later.
const recordSQL = `
WITH input AS (
    SELECT e.type, e.data::jsonb AS data, e.ord
    FROM unnest($2::text[], $3::text[]) WITH ORDINALITY AS e(type, data, ord)
), hooks AS (
    SELECT id, events FROM public.webhook_endpoints WHERE tenant_id = $1 AND active
), mail AS (
    SELECT email FROM public.notification_settings WHERE tenant_id = $1 AND email <> ''
), ev AS (
    INSERT INTO public.notify_events (tenant_id, type, data)
    SELECT $1, i.type, i.data FROM input i
    WHERE EXISTS (SELECT FROM hooks h WHERE i.type = ANY (h.events))
       OR (i.type = ANY ($4::text[]) AND EXISTS (SELECT FROM mail))
    ORDER BY i.ord
    RETURNING id, type
), d AS (
    INSERT INTO public.notify_deliveries (tenant_id, event_id, channel, endpoint_id, recipient)
    SELECT $1, ev.id, 'webhook', h.id, '' FROM ev JOIN hooks h ON ev.type = ANY (h.events)
    UNION ALL
    SELECT $1, ev.id, 'email', NULL, m.email FROM ev CROSS JOIN mail m WHERE ev.type = ANY ($4::text[])
    RETURNING channel
)
SELECT count(*) FILTER (WHERE channel = 'email') FROM d`

// Record stores events of tenantID through q (the causing transaction)
// with their deliveries, and returns how many e-mails it queued. Events no
// endpoint or address wants are dropped.
func (r Recorder) Record(ctx context.Context, q pgq.Querier, tenantID int64, events ...Event) (mailed int, err error) {
	if len(events) == 0 {
		return 0, nil
	}
	types, data := make([]string, len(events)), make([]string, len(events))
	for i, e := range events {
		b, err := json.Marshal(e.Data)
		if err != nil {
			return 0, fmt.Errorf("notify: encode %s: %w", e.Type, err)
		}
		types[i], data[i] = e.Type, string(b)
	}
	mailTypes := []string{}
	if r.Mail {
		mailTypes = mailedTypes
	}
	if err := q.QueryRow(ctx, recordSQL, tenantID, types, data, mailTypes).Scan(&mailed); err != nil {
		return 0, fmt.Errorf("notify: record %d events of tenant %d: %w", len(events), tenantID, err)
	}
	return mailed, nil
}

// WillMail reports whether a new application or inquiry of tenantID would
// be mailed now: r.Mail and a notification address set.
func (r Recorder) WillMail(ctx context.Context, q pgq.Querier, tenantID int64) (bool, error) {
	if !r.Mail {
		return false, nil
	}
	var ok bool
	err := q.QueryRow(ctx, `SELECT EXISTS (SELECT FROM public.notification_settings WHERE tenant_id = $1 AND email <> '')`, tenantID).Scan(&ok)
	if err != nil {
		return false, fmt.Errorf("notify: read notification address of tenant %d: %w", tenantID, err)
	}
	return ok, nil
}

// QueueListening queues on b the question whether any of the tenant's
// endpoints is active, writing the answer to listening when the batch
// runs: a caller that sends a batch anyway (the apply step) learns for
// free that it can skip Record for a tenant nobody listens to.
func QueueListening(b *pgx.Batch, tenantID int64, listening *bool) {
	b.Queue(`SELECT EXISTS (SELECT FROM public.webhook_endpoints WHERE tenant_id = $1 AND active)`, tenantID).
		QueryRow(func(row pgx.Row) error { return row.Scan(listening) })
}
