package apply

import (
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/kind"
	"github.com/zumodra/zumodra/internal/pgq"
)

// SetProjectionVersion plays a new projection until the returned function
// restores the real one. Not for parallel tests.
func SetProjectionVersion(v int) (restore func()) {
	old := projectionVersion
	projectionVersion = v
	return func() { projectionVersion = old }
}

// WriteAsHeld writes the current projection of these jobs as if the
// catalog held a row of each: the path of rows the catalog holds, whatever
// it holds.
func WriteAsHeld(ctx context.Context, q pgq.Querier, t domain.Tenant, ids []int64) (int, error) {
	b := &pgx.Batch{}
	x := queueSources(b, t, kind.Jobs, ids)
	if err := q.SendBatch(ctx, b).Close(); err != nil {
		return 0, err
	}
	x.project()
	for i := range x.p.items {
		x.p.items[i].held = true
	}
	return upsert(ctx, q, kind.Jobs, catalogs[kind.Jobs].columns, x.p.items, Options{})
}
