package inbox

import (
	"context"
	"fmt"

	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/pgq"
)

// CountPer returns how many submissions of k the tenant holds for each of
// the listings parents (job or provider ids), by the k.parent index;
// listings with none are absent.
func CountPer(ctx context.Context, q pgq.Querier, t domain.Tenant, k Kind, parents []int64) (map[int64]int64, error) {
	out := map[int64]int64{}
	if len(parents) == 0 {
		return out, nil
	}
	rows, err := q.Query(ctx, `SELECT `+k.parent+`, count(*) FROM `+qualified(t, k.table)+`
		WHERE `+k.parent+` = ANY ($1::bigint[]) GROUP BY 1`, parents)
	if err != nil {
		return nil, fmt.Errorf("count %s of %s: %w", k.table, t.SchemaName, err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, n int64
		if err := rows.Scan(&id, &n); err != nil {
			return nil, fmt.Errorf("count %s of %s: %w", k.table, t.SchemaName, err)
		}
		out[id] = n
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("count %s of %s: %w", k.table, t.SchemaName, err)
	}
	return out, nil
}
