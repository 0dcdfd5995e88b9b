package notify

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/pgq"
)

// Delivery states.
const (
	StatePending   = "pending"
	StateDelivered = "delivered"
	StateDead      = "dead"
)

// Channels a delivery goes by.
const (
	ChannelWebhook = "webhook"
	ChannelEmail   = "email"
)

// Delivery is one event's delivery to one endpoint or address.
type Delivery struct {
	ID         int64  `json:"id"`
	EventID    string `json:"event_id"` // the webhook-id header
	EventType  string `json:"event_type"`
	Channel    string `json:"channel"`
	EndpointID *int64 `json:"endpoint_id"`
	Recipient  string `json:"recipient"` // the address, for e-mail
	State      string `json:"state"`
	Attempts   int    `json:"attempts"`
	// NextAttemptAt is when a pending delivery is tried next; null otherwise.
	NextAttemptAt *time.Time `json:"next_attempt_at"`
	LastError     string     `json:"last_error"`
	CreatedAt     time.Time  `json:"created_at"`
	UpdatedAt     time.Time  `json:"updated_at"`
}

// Attempt is one try of a delivery, as the log keeps it.
type Attempt struct {
	AttemptedAt time.Time `json:"attempted_at"`
	// StatusCode is the receiver's HTTP status or the SMTP reply code; null
	// when none came (refused address, timeout, no connection).
	StatusCode *int   `json:"status_code"`
	DurationMS int    `json:"duration_ms"`
	Error      string `json:"error"`
	Response   string `json:"response"` // the start of the receiver's answer
}

// DeliveryLog is a delivery with every attempt, oldest first.
type DeliveryLog struct {
	Delivery
	Log []Attempt `json:"log"`
}

// DeliveryFilter selects a page of a tenant's deliveries, newest first.
type DeliveryFilter struct {
	Endpoint int64  // 0: any
	State    string // "": any
	Before   int64  // ids below this one
	Limit    int
}

const deliveryColumns = `d.id, 'evt_' || replace(e.webhook_id::text, '-', ''), e.type, d.channel, d.endpoint_id, d.recipient,
	d.state, d.attempts, CASE WHEN d.state = 'pending' THEN d.next_attempt_at END, d.last_error, d.created_at, d.updated_at`

const deliveryFrom = ` FROM public.notify_deliveries d JOIN public.notify_events e ON e.id = d.event_id`

func scanDelivery(row pgx.Row) (Delivery, error) {
	var d Delivery
	err := row.Scan(d.dest()...)
	return d, err
}

// dest are the scan targets of deliveryColumns, in order.
func (d *Delivery) dest() []any {
	return []any{&d.ID, &d.EventID, &d.EventType, &d.Channel, &d.EndpointID, &d.Recipient,
		&d.State, &d.Attempts, &d.NextAttemptAt, &d.LastError, &d.CreatedAt, &d.UpdatedAt}
}

// Deliveries returns a page of the tenant's deliveries matching f.
func Deliveries(ctx context.Context, q pgq.Querier, tenantID int64, f DeliveryFilter) ([]Delivery, error) {
	rows, err := q.Query(ctx, `SELECT `+deliveryColumns+deliveryFrom+`
		WHERE d.tenant_id = $1 AND ($2::bigint = 0 OR d.id < $2) AND ($3::bigint = 0 OR d.endpoint_id = $3)
		  AND ($4 = '' OR d.state = $4)
		ORDER BY d.id DESC LIMIT $5`, tenantID, f.Before, f.Endpoint, f.State, f.Limit)
	if err != nil {
		return nil, fmt.Errorf("notify: list deliveries: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (Delivery, error) { return scanDelivery(r) })
	if err != nil {
		return nil, fmt.Errorf("notify: list deliveries: %w", err)
	}
	return out, nil
}

// DeliveryWithLog returns one delivery of the tenant and its attempts.
func DeliveryWithLog(ctx context.Context, q pgq.Querier, tenantID, id int64) (DeliveryLog, error) {
	d, err := scanDelivery(q.QueryRow(ctx, `SELECT `+deliveryColumns+deliveryFrom+` WHERE d.tenant_id = $1 AND d.id = $2`, tenantID, id))
	if err := deliveryErr(err, id); err != nil {
		return DeliveryLog{}, err
	}
	log, err := attempts(ctx, q, id)
	return DeliveryLog{Delivery: d, Log: log}, err
}

func attempts(ctx context.Context, q pgq.Querier, deliveryID int64) ([]Attempt, error) {
	rows, err := q.Query(ctx, `SELECT attempted_at, status_code, duration_ms, error, response
		FROM public.notify_attempts WHERE delivery_id = $1 ORDER BY id`, deliveryID)
	if err != nil {
		return nil, fmt.Errorf("notify: read attempts of delivery %d: %w", deliveryID, err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (Attempt, error) {
		var a Attempt
		return a, r.Scan(&a.AttemptedAt, &a.StatusCode, &a.DurationMS, &a.Error, &a.Response)
	})
	if err != nil {
		return nil, fmt.Errorf("notify: read attempts of delivery %d: %w", deliveryID, err)
	}
	if out == nil {
		out = []Attempt{}
	}
	return out, nil
}

func deliveryErr(err error, id int64) error {
	if errors.Is(err, pgx.ErrNoRows) {
		return domain.Errorf(domain.CodeNotFound, "delivery %d not found", id)
	}
	if err != nil {
		return fmt.Errorf("notify: delivery %d: %w", id, err)
	}
	return nil
}

// replaySQL makes a delivery due now with a fresh count of attempts,
// whatever its state: the receiver gets the same event (same webhook-id)
// again, newly signed. Its log keeps the earlier attempts.
const replaySQL = `WITH r AS (
    UPDATE public.notify_deliveries SET state = 'pending', attempts = 0, next_attempt_at = now(), last_error = '', updated_at = now()
    WHERE id = $1 AND ($2::bigint IS NULL OR tenant_id = $2) RETURNING id, tenant_id)
SELECT r.tenant_id FROM r`

// Replay sends one of the tenant's deliveries again.
func Replay(ctx context.Context, q pgq.Querier, tenantID, id int64) (DeliveryLog, error) {
	var owner int64
	if err := deliveryErr(q.QueryRow(ctx, replaySQL, id, tenantID).Scan(&owner), id); err != nil {
		return DeliveryLog{}, err
	}
	return DeliveryWithLog(ctx, q, tenantID, id)
}

// ReplayAny sends a delivery of any tenant again: the operators' replay
// from the admin page. It returns the tenant the delivery belongs to.
func ReplayAny(ctx context.Context, q pgq.Querier, id int64) (tenantID int64, err error) {
	err = deliveryErr(q.QueryRow(ctx, replaySQL, id, nil).Scan(&tenantID), id)
	return tenantID, err
}

// Troubled is a delivery that is failing or dead, with its tenant: what
// the operators' page lists for replay.
type Troubled struct {
	Delivery
	TenantID int64 `json:"tenant_id"`
}

// TroubledDeliveries returns up to limit deliveries of every tenant that
// are dead or have failed at least once, most recently changed first.
func TroubledDeliveries(ctx context.Context, q pgq.Querier, limit int) ([]Troubled, error) {
	rows, err := q.Query(ctx, `SELECT d.tenant_id, `+deliveryColumns+deliveryFrom+`
		WHERE d.state = 'dead' OR (d.state = 'pending' AND d.last_error <> '')
		ORDER BY d.updated_at DESC, d.id DESC LIMIT $1`, limit)
	if err != nil {
		return nil, fmt.Errorf("notify: list failing deliveries: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (Troubled, error) {
		var t Troubled
		return t, r.Scan(append([]any{&t.TenantID}, t.dest()...)...)
	})
	if err != nil {
		return nil, fmt.Errorf("notify: list failing deliveries: %w", err)
	}
	if out == nil {
		out = []Troubled{}
	}
	return out, nil
}
