package apply

import (
	"context"
	"fmt"

	"github.com/zumodra/zumodra/internal/kind"

	"github.com/jackc/pgx/v5"

	"github.com/zumodra/zumodra/internal/domain"
)

// RowError is one source row that could not be synced, and why.
type RowError struct {
	Catalog kind.Catalog
	ID      int64
	Err     error
}

func (e RowError) Error() string { return fmt.Sprintf("%s %d: %v", e.Catalog, e.ID, e.Err) }

// SyncIsolated is SyncIDs in a savepoint; when that fails, it retries each
// id in a savepoint of its own, so one poison row cannot block the others.
// It returns the rows that failed alone; err is reserved for failures of the
// transaction itself (cancelled context, lost connection), after which the
// caller must roll back.
func SyncIsolated(ctx context.Context, tx pgx.Tx, t domain.Tenant, c kind.Catalog, ids []int64, opts Options) (Stats, []RowError, error) {
	if len(ids) == 0 {
		return Stats{}, nil, nil
	}
	st, invalid, rowErr, txErr := inSavepoint(ctx, tx, t, c, ids, opts)
	if txErr != nil || rowErr == nil {
		return st, invalid, txErr
	}
	if len(ids) == 1 {
		return Stats{Errors: 1}, []RowError{{c, ids[0], rowErr}}, nil
	}
	var total Stats
	var failed []RowError
	for _, id := range ids {
		st, invalid, rowErr, txErr := inSavepoint(ctx, tx, t, c, []int64{id}, opts)
		if txErr != nil {
			return total, failed, txErr
		}
		if rowErr != nil {
			failed = append(failed, RowError{c, id, rowErr})
			total.Errors++
			continue
		}
		total.Add(st)
		failed = append(failed, invalid...)
	}
	return total, failed, nil
}

// inSavepoint runs SyncIDs in a nested transaction (a savepoint). A failure
// rolled back to the savepoint is the rows' (rowErr): the outer transaction
// is still usable. A failure to open, release or roll back the savepoint, or
// a cancelled context, is the transaction's (txErr). Invalid rows are no
// failure of the savepoint: their removal is kept.
func inSavepoint(ctx context.Context, tx pgx.Tx, t domain.Tenant, c kind.Catalog, ids []int64, opts Options) (st Stats, invalid []RowError, rowErr, txErr error) {
	sp, err := tx.Begin(ctx)
	if err != nil {
		return Stats{}, nil, nil, fmt.Errorf("savepoint: %w", err)
	}
	st, invalid, rowErr = SyncIDs(ctx, sp, t, c, ids, opts)
	if rowErr == nil {
		if err := sp.Commit(ctx); err != nil {
			return Stats{}, nil, nil, fmt.Errorf("release savepoint: %w", err)
		}
		return st, invalid, nil, nil
	}
	if ctx.Err() != nil {
		return Stats{}, nil, nil, fmt.Errorf("%w (%v)", ctx.Err(), rowErr)
	}
	if err := sp.Rollback(ctx); err != nil {
		return Stats{}, nil, nil, fmt.Errorf("%v; rollback to savepoint: %w", rowErr, err)
	}
	return Stats{}, nil, rowErr, nil
}
