package outbox

import (
	"time"

	"github.com/jackc/pgx/v5"
)

// Entity is what an outbox row asks to sync.
type Entity string

// The entities of sync_outbox (see its CHECK constraint).
const (
	EntityJob             Entity = "job"              // one job posting (SourceID)
	EntityProvider        Entity = "provider"         // one service provider (SourceID)
	EntityTenant          Entity = "tenant"           // every catalog of the tenant
	EntityTenantJobs      Entity = "tenant_jobs"      // the tenant's job catalog
	EntityTenantProviders Entity = "tenant_providers" // the tenant's provider catalog
	EntityCompany         Entity = "company"          // the tenant's company row (a profile edit)
)

// Entry is one row of public.sync_outbox.
type Entry struct {
	ID          int64      `json:"id"`
	TenantID    int64      `json:"tenant_id"`
	TenantSlug  string     `json:"tenant_slug"` // "" when the tenant no longer exists
	Entity      Entity     `json:"entity"`
	SourceID    int64      `json:"source_id"`
	EnqueuedAt  time.Time  `json:"enqueued_at"`
	AvailableAt time.Time  `json:"available_at"`
	Attempts    int        `json:"attempts"`
	LastError   string     `json:"last_error"`
	DeadAt      *time.Time `json:"dead_at"`
}

// Clock returns the current time; nil means the database's clock.
type Clock func() time.Time

// Arg is the clock's reading as a query argument: NULL lets the SQL fall
// back to clock_timestamp() (write coalesce($n::timestamptz, clock_timestamp())).
func (c Clock) Arg() any {
	if c == nil {
		return nil
	}
	return c()
}

const entryColumns = `o.id, o.tenant_id, coalesce(t.slug, ''), o.entity, o.source_id, o.enqueued_at,
	o.available_at, o.attempts, coalesce(o.last_error, ''), o.dead_at`

func scanEntries(rows pgx.Rows) ([]Entry, error) {
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (Entry, error) {
		var e Entry
		err := r.Scan(&e.ID, &e.TenantID, &e.TenantSlug, &e.Entity, &e.SourceID, &e.EnqueuedAt,
			&e.AvailableAt, &e.Attempts, &e.LastError, &e.DeadAt)
		return e, err
	})
}
