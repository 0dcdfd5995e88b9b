package notify

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"

	"github.com/zumodra/zumodra/internal/pgq"
)

// claimed is one delivery a worker took, with what sending it needs.
type claimed struct {
	ID        int64
	TenantID  int64
	Channel   string
	Attempts  int // including this one
	Recipient string
	URL       string
	Secrets   []string // the current secret, then the previous one during its grace period
	WebhookID string
	Type      string
	Data      json.RawMessage
	CreatedAt time.Time
}

// claimSQL takes the oldest due delivery no other worker holds, of the
// channels this worker sends, and leases it: its next attempt moves past
// the lease, so a worker that dies mid-send leaves it to be tried again
// (at least once) without anyone holding a transaction open over the
// network. A delivery to an inactive endpoint waits for it to be active.
const claimSQL = `WITH due AS (
    SELECT d.id, e.webhook_id, e.type, e.data, e.created_at, w.url,
           array_remove(ARRAY[w.secret, CASE WHEN w.previous_secret_until > now() THEN w.previous_secret END], NULL) AS secrets
    FROM public.notify_deliveries d
    JOIN public.notify_events e ON e.id = d.event_id
    LEFT JOIN public.webhook_endpoints w ON w.id = d.endpoint_id
    WHERE d.state = 'pending' AND d.next_attempt_at <= now() AND d.channel = ANY ($1::text[])
      AND (d.channel <> 'webhook' OR w.active)
    ORDER BY d.next_attempt_at
    LIMIT 1
    FOR UPDATE OF d SKIP LOCKED
)
UPDATE public.notify_deliveries d
SET attempts = d.attempts + 1, next_attempt_at = now() + make_interval(secs => $2), updated_at = now()
FROM due WHERE d.id = due.id
RETURNING d.id, d.tenant_id, d.channel, d.attempts, d.recipient, coalesce(due.url, ''), coalesce(due.secrets, '{}'),
          'evt_' || replace(due.webhook_id::text, '-', ''), due.type, due.data, due.created_at`

// claim returns the next due delivery, or ok false when none is due.
func claim(ctx context.Context, q pgq.Querier, channels []string, lease time.Duration) (c claimed, ok bool, err error) {
	err = q.QueryRow(ctx, claimSQL, channels, lease.Seconds()).Scan(&c.ID, &c.TenantID, &c.Channel, &c.Attempts,
		&c.Recipient, &c.URL, &c.Secrets, &c.WebhookID, &c.Type, &c.Data, &c.CreatedAt)
	if errors.Is(err, pgx.ErrNoRows) {
		return c, false, nil
	}
	if err != nil {
		return c, false, fmt.Errorf("notify: claim a delivery: %w", err)
	}
	return c, true, nil
}

// outcome is what one attempt gave.
type outcome struct {
	OK       bool
	Final    bool // no retry can help (a refused address): dead at once
	Status   int  // HTTP status or SMTP reply code; 0 for none
	Duration time.Duration
	Err      error
	Response []byte
}

// maxLogText bounds the error and response kept of one attempt, as the
// CHECKs on notify_attempts do.
const maxLogText = 2000

// finishSQL logs the attempt and settles the delivery: delivered, dead,
// or due again after retryIn. The settling is skipped when the delivery
// was claimed again meanwhile (a replay, or a lease that ran out): the
// newer claim decides, and the attempt is logged all the same.
const finishSQL = `WITH a AS (
    INSERT INTO public.notify_attempts (delivery_id, status_code, duration_ms, error, response)
    VALUES ($1, $3, $4, $5, $6)
)
UPDATE public.notify_deliveries
SET state = $7, last_error = $5, next_attempt_at = now() + make_interval(secs => $8), updated_at = now()
WHERE id = $1 AND attempts = $2 AND state = 'pending'`

// finish records o for c: state is the delivery's new state.
func finish(ctx context.Context, q pgq.Querier, c claimed, o outcome, state string, retryIn time.Duration) error {
	var status *int
	if o.Status != 0 {
		status = &o.Status
	}
	errText := ""
	if o.Err != nil {
		errText = logText(o.Err.Error())
	}
	_, err := q.Exec(ctx, finishSQL, c.ID, c.Attempts, status, min(o.Duration.Milliseconds(), 1<<31-1), errText,
		logText(string(o.Response)), state, retryIn.Seconds())
	if err != nil {
		return fmt.Errorf("notify: record attempt of delivery %d: %w", c.ID, err)
	}
	return nil
}

// logText makes a receiver's bytes storable and small: valid UTF-8, no
// NUL (which text cannot hold), at most maxLogText characters.
func logText(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.ReplaceAll(s, "\x00", "")
	if utf8.RuneCountInString(s) <= maxLogText {
		return s
	}
	r := []rune(s)
	return string(r[:maxLogText-1]) + "…"
}
