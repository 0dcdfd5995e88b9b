package resync

import (
	"context"

	"github.com/zumodra/zumodra/internal/kind"

	"github.com/jackc/pgx/v5"

	"github.com/zumodra/zumodra/internal/apply"
	"github.com/zumodra/zumodra/internal/domain"
)

// Pass resyncs one whole catalog of a tenant inside the caller's
// transaction, which must hold the tenant's sync lock: page by page (memory
// bounded by batchSize), the same code as Run. Rows that fail alone are
// returned and the pass goes on; err means the transaction is unusable.
func Pass(ctx context.Context, tx pgx.Tx, t domain.Tenant, c kind.Catalog, batchSize int, opts apply.Options) (apply.Stats, []apply.RowError, error) {
	if batchSize <= 0 {
		batchSize = DefaultBatchSize
	}
	var st apply.Stats
	var failed []apply.RowError
	var after int64
	for {
		p, err := apply.SyncPage(ctx, tx, t, c, after, batchSize, opts)
		if err != nil {
			return st, failed, err
		}
		st.Add(p.Stats)
		failed = append(failed, p.Failed...)
		if p.Done {
			return st, failed, nil
		}
		after = p.Last
	}
}
