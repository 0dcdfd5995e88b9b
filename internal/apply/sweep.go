package apply

import (
	"context"
	"fmt"

	"github.com/zumodra/zumodra/internal/kind"
	"github.com/zumodra/zumodra/internal/pgq"
)

// Sweep deletes the rows of catalog c matching where (a condition on the
// alias c, built by the caller from constants and database ids, never from
// input) and returns how many; a dry run only counts them.
func Sweep(ctx context.Context, q pgq.Querier, c kind.Catalog, dryRun bool, where string, args ...any) (int, error) {
	sql := `WITH gone AS (DELETE FROM ` + c.Table() + ` c WHERE ` + where + ` RETURNING 1) SELECT count(*) FROM gone`
	if dryRun {
		sql = `SELECT count(*) FROM ` + c.Table() + ` c WHERE ` + where
	}
	var n int
	if err := q.QueryRow(ctx, sql, args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("sweep %s: %w", c.Table(), err)
	}
	return n, nil
}

// ForgetHashes clears the stored content hash and HTML digests of these
// rows of one tenant. A row edited by hand still carries the hash of its
// correct content, and apply skips rows whose hash matches; its digests
// would let the projection take its (edited) HTML as made from the current
// input. A repair clears both first, so the next apply rewrites the row from
// a fresh projection.
func ForgetHashes(ctx context.Context, q pgq.Querier, c kind.Catalog, tenantID int64, ids []int64) error {
	if len(ids) == 0 {
		return nil
	}
	set := `content_hash = '\x'::bytea`
	if len(catalogs[c].htmlColumns) > 0 {
		set += `, html_digests = NULL`
	}
	_, err := q.Exec(ctx, `UPDATE `+c.Table()+` SET `+set+`
		WHERE tenant_id = $1 AND source_id = ANY($2)`, tenantID, ids)
	if err != nil {
		return fmt.Errorf("clear hashes of drifted rows: %w", err)
	}
	return nil
}
