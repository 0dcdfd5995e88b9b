package outbox

import (
	"context"
	"fmt"

	"github.com/zumodra/zumodra/internal/pgq"
)

// Available reports whether any row is available to claim now. It is the
// workers' wake-up probe, run every few milliseconds while changes flow: one
// round trip and one descent of the sync_outbox_available index, no
// transaction, no lock, and nothing the writers wait on (unlike NOTIFY).
func Available(ctx context.Context, q pgq.Querier, now Clock) (bool, error) {
	var ok bool
	err := q.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM public.sync_outbox
		WHERE dead_at IS NULL AND available_at <= coalesce($1::timestamptz, clock_timestamp()))`, now.Arg()).Scan(&ok)
	if err != nil {
		return false, fmt.Errorf("outbox: probe: %w", err)
	}
	return ok, nil
}
