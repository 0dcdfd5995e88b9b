package notify

import (
	"context"
	"fmt"
	"time"

	"github.com/zumodra/zumodra/internal/pgq"
)

// DefaultRetention is how long a settled event is kept with its
// deliveries and their log: long enough to look into a complaint and to
// replay, short enough that the tables stay small.
const DefaultRetention = 30 * 24 * time.Hour

// sweepBatch bounds one sweep statement, so it never holds many locks.
const sweepBatch = 5000

// Sweep deletes up to sweepBatch events older than retention none of whose
// deliveries is still pending, with their deliveries and attempts, and
// returns how many it deleted.
func Sweep(ctx context.Context, q pgq.Querier, retention time.Duration) (int, error) {
	tag, err := q.Exec(ctx, `DELETE FROM public.notify_events WHERE id IN (
		SELECT e.id FROM public.notify_events e
		WHERE e.created_at < now() - make_interval(secs => $1)
		  AND NOT EXISTS (SELECT FROM public.notify_deliveries d WHERE d.event_id = e.id AND d.state = 'pending')
		ORDER BY e.created_at LIMIT $2)`, retention.Seconds(), sweepBatch)
	if err != nil {
		return 0, fmt.Errorf("notify: sweep old events: %w", err)
	}
	return int(tag.RowsAffected()), nil
}

// Forget deletes the tenant's events about these submissions (noun
// "application" or "inquiry"), with their deliveries and log: their
// payloads copy the applicant's data, so an erased or purged applicant is
// neither kept in the outbox nor sent again by a replay.
func Forget(ctx context.Context, q pgq.Querier, tenantID int64, noun string, ids []int64) error {
	if len(ids) == 0 {
		return nil
	}
	_, err := q.Exec(ctx, `DELETE FROM public.notify_events WHERE tenant_id = $1 AND (
		(type = $2 AND (data -> $4 ->> 'id')::bigint = ANY ($5)) OR (type = $3 AND (data ->> 'id')::bigint = ANY ($5)))`,
		tenantID, noun+".created", noun+".status_changed", noun, ids)
	if err != nil {
		return fmt.Errorf("notify: forget events of %d %s(s): %w", len(ids), noun, err)
	}
	return nil
}
