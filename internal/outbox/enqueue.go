package outbox

import (
	"context"
	"fmt"
	"time"

	"github.com/zumodra/zumodra/internal/pgq"
)

// Channel is the NOTIFY channel the capture triggers signal on; the payload
// is the tenant id.
const Channel = "zumodra_sync"

// Enqueue appends a row asking the workers to sync (entity tenant,
// tenant_jobs or tenant_providers: a full pass; job or provider: one row)
// and wakes them, in the caller's transaction. It is how
// `sync-public-catalogs --async` hands a resync to the workers.
func Enqueue(ctx context.Context, q pgq.Querier, tenantID int64, entity Entity, sourceID int64) error {
	_, err := q.Exec(ctx, `WITH r AS (INSERT INTO public.sync_outbox (tenant_id, entity, source_id)
			VALUES ($1, $2, $3) RETURNING tenant_id)
		SELECT pg_notify('`+Channel+`', tenant_id::text) FROM r`, tenantID, string(entity), sourceID)
	if err != nil {
		return fmt.Errorf("outbox: enqueue %s for tenant %d: %w", entity, tenantID, err)
	}
	return nil
}

// Depth describes the queue, for metrics, doctor and the admin page.
type Depth struct {
	Pending       int        `json:"pending"`        // rows waiting, retries included
	Retrying      int        `json:"retrying"`       // pending rows that failed at least once
	Dead          int        `json:"dead"`           // dead letters
	OldestPending *time.Time `json:"oldest_pending"` // enqueued_at of the oldest pending row
}

// ReadDepth counts the queue in one scan.
func ReadDepth(ctx context.Context, q pgq.Querier) (Depth, error) {
	var d Depth
	err := q.QueryRow(ctx, `SELECT
			count(*) FILTER (WHERE dead_at IS NULL),
			count(*) FILTER (WHERE dead_at IS NULL AND attempts > 0),
			count(*) FILTER (WHERE dead_at IS NOT NULL),
			min(enqueued_at) FILTER (WHERE dead_at IS NULL)
		FROM public.sync_outbox`).Scan(&d.Pending, &d.Retrying, &d.Dead, &d.OldestPending)
	if err != nil {
		return d, fmt.Errorf("outbox: depth: %w", err)
	}
	return d, nil
}
