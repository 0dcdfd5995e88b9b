package ops

import (
	"context"
	"fmt"
	"time"

	"github.com/zumodra/zumodra/internal/outbox"
	"github.com/zumodra/zumodra/internal/pgq"
)

// QueueState is the outbox as doctor, metrics and the admin page see it.
type QueueState struct {
	outbox.Depth
	// OldestAge is how long the oldest pending row has waited, by the
	// database's clock (the one that stamped it); 0 when none is pending.
	OldestAge        time.Duration `json:"-"`
	OldestAgeSeconds float64       `json:"oldest_age_seconds"`
}

// ReadQueue reads the outbox's depth and the age of its oldest pending row.
func ReadQueue(ctx context.Context, q pgq.Querier) (QueueState, error) {
	d, err := outbox.ReadDepth(ctx, q)
	if err != nil {
		return QueueState{}, err
	}
	st := QueueState{Depth: d}
	if d.OldestPending == nil {
		return st, nil
	}
	var secs float64
	err = q.QueryRow(ctx, `SELECT greatest(extract(epoch FROM clock_timestamp() - $1::timestamptz), 0)::float8`,
		*d.OldestPending).Scan(&secs)
	if err != nil {
		return st, fmt.Errorf("outbox age: %w", err)
	}
	st.OldestAge, st.OldestAgeSeconds = time.Duration(secs*float64(time.Second)), secs
	return st, nil
}
