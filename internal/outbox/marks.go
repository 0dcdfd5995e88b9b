package outbox

import (
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/zumodra/zumodra/internal/pgq"
)

// Mark says that a change to one source row, or to a whole catalog when
// Entity is not the row's own, waits in the outbox (or died there).
type Mark struct {
	Entity   Entity
	SourceID int64
	Dead     bool
}

// ReadMarks lists the tenant's rows that concern these ids of entity: their
// own rows, and those of the entities in whole, which touch every row.
func ReadMarks(ctx context.Context, q pgq.Querier, tenantID int64, entity Entity, ids []int64, whole []Entity) ([]Mark, error) {
	wholeNames := make([]string, len(whole))
	for i, e := range whole {
		wholeNames[i] = string(e)
	}
	rows, err := q.Query(ctx, `SELECT DISTINCT entity, source_id, dead_at IS NOT NULL FROM public.sync_outbox
		WHERE tenant_id = $1 AND ((entity = $2 AND source_id = ANY($3)) OR entity = ANY($4))`,
		tenantID, string(entity), ids, wholeNames)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (Mark, error) {
		var m Mark
		var e string
		err := r.Scan(&e, &m.SourceID, &m.Dead)
		m.Entity = Entity(e)
		return m, err
	})
}
